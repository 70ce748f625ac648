"""Pages of observatory."""
