from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "maillage.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from maillage.audit import receivers

        receivers.connect()
