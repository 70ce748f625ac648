"""Credentials: models."""
