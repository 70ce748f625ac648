"""URL map: pages under a language prefix (French first), admin, language switch."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from maillage.web import views as web_views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", web_views.healthz, name="healthz"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("pricing/", include("maillage.pricing.urls")),
    path("employment/", include("maillage.employment.urls")),
    path("gpec/", include("maillage.gpec.urls")),
    path("", include("maillage.web.urls")),
    prefix_default_language=True,
)
