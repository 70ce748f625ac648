"""Maillage: consolidating a territory's small digital missions into salaried jobs."""

from maillage.celery import app as celery_app

__all__ = ["celery_app"]
