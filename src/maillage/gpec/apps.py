from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GpecConfig(AppConfig):
    name = "maillage.gpec"
    verbose_name = _("Skills and indicators (GPEC)")
