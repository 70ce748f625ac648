"""Economic model: models."""
