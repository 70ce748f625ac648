"""Pages of economics."""
