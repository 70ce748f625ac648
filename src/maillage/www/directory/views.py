"""Pages of directory."""
