"""API tokens: models."""
