"""Celery application; tasks run in process when no broker is configured (the demo default).

Jobs go to one queue per territory (`territory.<slug>`, chosen at enqueue by
maillage.core.jobs); the beat schedule (settings.CELERY_BEAT_SCHEDULE) reconciles stale jobs.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")

app = Celery("maillage")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
