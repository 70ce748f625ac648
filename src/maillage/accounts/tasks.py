"""Periodic upkeep of accounts (Celery beat, see settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from maillage.accounts.retention import purge_expired


@shared_task(name="maillage.accounts.tasks.purge_expired_data")
def purge_expired_data() -> dict[str, int]:
    """Daily: delete or pseudonymise what is past its duration (docs/personal-data.md)."""
    return purge_expired()
