"""Governance: models."""
