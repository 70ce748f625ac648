"""URL map: pages under a language prefix (French first), one namespace per feature."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from maillage.www.home import views as home_views

urlpatterns: list[URLPattern | URLResolver] = [
    # Choosing a language is open to visitors who have not signed in yet.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", home_views.healthz, name="healthz"),
    path("api/v1/", include("maillage.api.v1.urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("pricing/", include("maillage.www.pricing.urls")),
    path("employment/", include("maillage.www.employment.urls")),
    path("gpec/", include("maillage.www.gpec.urls")),
    path("execution/", include("maillage.www.execution.urls")),
    path("timesheets/", include("maillage.www.timesheets.urls")),
    path("absences/", include("maillage.www.absences.urls")),
    path("notifications/", include("maillage.www.notifications.urls")),
    path("reviews/", include("maillage.www.reviews.urls")),
    path("invoicing/", include("maillage.www.invoicing.urls")),
    path("wages/", include("maillage.www.wages.urls")),
    path("governance/", include("maillage.www.governance.urls")),
    path("observatory/", include("maillage.www.observatory.urls")),
    path("audit/", include("maillage.www.audit.urls")),
    path("economics/", include("maillage.www.economics.urls")),
    path("directory/", include("maillage.www.directory.urls")),
    path("engagement/", include("maillage.www.engagement.urls")),
    path("credentials/", include("maillage.www.credentials.urls")),
    path("training/", include("maillage.www.training.urls")),
    path("tiers-lieux/", include("maillage.www.tierslieux.urls")),
    path("api-tokens/", include("maillage.www.tokens.urls")),
    path("account/", include("maillage.www.accounts.urls")),
    path("worker/", include("maillage.www.workers.urls")),
    path("coordinator/", include("maillage.www.coordinator.urls")),
    path("overview/", include("maillage.www.overview.urls")),
    path("", include("maillage.www.plans.urls")),
    path("", include("maillage.www.needs.urls")),
    path("", include("maillage.www.home.urls")),
    prefix_default_language=True,
)
