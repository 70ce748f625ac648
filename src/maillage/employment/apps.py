from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    name = "maillage.employment"
    verbose_name = _("Employment and income")
