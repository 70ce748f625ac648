from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "maillage.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Load the Celery app so that @shared_task binds to it in every Django process.
        from maillage import celery  # noqa: F401
