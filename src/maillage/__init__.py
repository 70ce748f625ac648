"""Maillage: consolidating a territory's small digital missions into salaried jobs.

Kept empty of imports on purpose: the pure packages (the consolidation engine, the OpenFisca
adapter) are imported without loading Django or Celery. The Celery app is loaded by
`maillage.core.apps.CoreConfig.ready()`; workers start with `celery -A maillage.celery worker`.
"""
