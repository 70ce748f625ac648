from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WwwConfig(AppConfig):
    name = "maillage.www"
    label = "www"
    verbose_name = _("Pages")
