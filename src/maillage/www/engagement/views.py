"""Pages of engagement."""
