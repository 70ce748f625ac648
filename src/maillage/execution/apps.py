from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExecutionConfig(AppConfig):
    name = "maillage.execution"
    verbose_name = _("Execution")

    def ready(self) -> None:
        # Consolidation sits below execution and may not import it: it sends a signal when a
        # plan is published, and execution dates that plan's weeks in the same transaction.
        from maillage.consolidation.signals import plan_published
        from maillage.execution.receivers import expand_on_publish

        plan_published.connect(expand_on_publish, dispatch_uid="execution.expand_on_publish")
