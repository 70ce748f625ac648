"""Training: models."""
