"""Territory directory: models."""
