"""URLs of /api/v1/: resources answer to tokens; the OpenAPI document and its page are public."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from maillage.api.v1 import credentials, gpec, invoices, needs, quotes, timesheets, work

app_name = "api_v1"


@csrf_exempt  # nothing is read or written: no cookie to protect
def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Any other URL under /api/v1/: a problem too, not the pages' HTML 404."""
    from maillage.api.errors import PROBLEM_CONTENT_TYPE, problem_body

    return JsonResponse(problem_body(404), status=404, content_type=PROBLEM_CONTENT_TYPE)


class ApiDocs(SpectacularSwaggerSplitView):
    """Swagger UI from our static files, its init script from our URL, and no inline style:
    the page keeps the platform's strict Content-Security-Policy (www/tokens/templates)."""

    template_name = "tokens/api_docs.html"


# The API authenticates each request by its token, not by a session: the sign-in middleware
# must let every request through to DRF, which answers 401 itself.
_routes: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocs.as_view(url_name="api_v1:schema"), name="docs"),
    path("needs/", needs.NeedList.as_view(), name="needs"),
    path("needs/<int:pk>/", needs.NeedDetail.as_view(), name="need"),
    path("needs/<int:pk>/copy/", needs.NeedCopy.as_view(), name="need_copy"),
    path("needs/<int:pk>/request-quote/", needs.NeedRequestQuote.as_view(), name="need_quote"),
    path("needs/<int:pk>/cancel/", needs.NeedCancel.as_view(), name="need_cancel"),
    path("quotes/", quotes.QuoteList.as_view(), name="quotes"),
    path("quotes/<int:pk>/", quotes.QuoteDetail.as_view(), name="quote"),
    path("quotes/<int:pk>/accept/", quotes.QuoteAccept.as_view(), name="quote_accept"),
    path("quotes/<int:pk>/refuse/", quotes.QuoteRefuse.as_view(), name="quote_refuse"),
    path("quotes/<int:pk>/pdf/", quotes.QuotePdf.as_view(), name="quote_pdf"),
    path("plans/", work.PlanList.as_view(), name="plans"),
    path("plans/<int:pk>/", work.PlanDetail.as_view(), name="plan"),
    path("plans/<int:pk>/assignments/", work.PlanAssignments.as_view(), name="plan_assignments"),
    path("my/assignments/", work.MyAssignments.as_view(), name="my_assignments"),
    path("my/week/", work.MyWeek.as_view(), name="my_week"),
    path(
        "credentials/verify/",
        credentials.CredentialVerify.as_view(),
        name="credential_verify",
    ),
    path("occurrences/", work.OccurrenceList.as_view(), name="occurrences"),
    path("timesheets/", timesheets.TimesheetList.as_view(), name="timesheets"),
    path("timesheets/declare/", timesheets.TimesheetDeclare.as_view(), name="timesheet_declare"),
    path("timesheets/<int:pk>/", timesheets.TimesheetDetail.as_view(), name="timesheet"),
    path(
        "timesheets/<int:pk>/validate/",
        timesheets.TimesheetValidate.as_view(),
        name="timesheet_validate",
    ),
    path(
        "timesheets/<int:pk>/dispute/",
        timesheets.TimesheetDispute.as_view(),
        name="timesheet_dispute",
    ),
    path("invoices/", invoices.InvoiceList.as_view(), name="invoices"),
    path("invoices/<int:pk>/", invoices.InvoiceDetail.as_view(), name="invoice"),
    path("invoices/<int:pk>/pdf/", invoices.InvoicePdf.as_view(), name="invoice_pdf"),
    path("invoices/<int:pk>/facturx.xml", invoices.InvoiceXml.as_view(), name="invoice_xml"),
    path("gpec/territories/", gpec.GpecTerritories.as_view(), name="gpec_territories"),
    path("gpec/territories/<slug:slug>/tables/", gpec.GpecTables.as_view(), name="gpec_tables"),
]
_routes.append(re_path(r"", not_found, name="not_found"))

for _route in _routes:
    assert isinstance(_route, URLPattern)
    _route.callback = login_not_required(_route.callback)

urlpatterns: list[URLPattern | URLResolver] = _routes
