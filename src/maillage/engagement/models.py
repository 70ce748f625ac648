"""Unpaid engagement: models."""
