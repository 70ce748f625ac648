"""Pages of governance."""
