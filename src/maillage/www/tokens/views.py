"""Pages of tokens."""
