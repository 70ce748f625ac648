"""Settings of the API (Django REST framework, drf-spectacular), imported by settings.py.

The API answers to personal access tokens only (``Authorization: Bearer``): no session, so no
CSRF and no browsable API; its documentation page reads the public OpenAPI document.
"""

import os

#: Requests per token; settings.MAILLAGE_API_TOKEN_RATE overrides it (tests, benchmarks).
DEFAULT_TOKEN_RATE = os.environ.get("MAILLAGE_API_TOKEN_RATE", "1200/min")

REST_FRAMEWORK: dict = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["maillage.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["maillage.api.permissions.HasTokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["maillage.api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "maillage.api.pagination.Pages",
    "EXCEPTION_HANDLER": "maillage.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Dates as ISO 8601 with the offset; decimals as strings (money is exact).
    "COERCE_DECIMAL_TO_STRING": True,
}

SPECTACULAR_SETTINGS: dict = {
    "TITLE": "Maillage API",
    "DESCRIPTION": (
        "The platform's needs, quotes, plans, dated weeks, timesheets, invoices and "
        "indicators, under the same access rules as its pages. Send a personal access token "
        "as `Authorization: Bearer <token>`; errors are `application/problem+json`."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set (several resources have a "state" or a "kind").
    "ENUM_NAME_OVERRIDES": {
        "NeedStateEnum": "maillage.missions.models.MissionState",
        "NeedKindEnum": "maillage.missions.models.MissionKind",
        "QuoteStateEnum": "maillage.pricing.models.QuoteState",
        "PlanStateEnum": "maillage.consolidation.models.PlanState",
        "OccurrenceStateEnum": "maillage.execution.models.OccurrenceState",
        "TimesheetStateEnum": "maillage.timesheets.models.TimesheetState",
        "InvoiceStateEnum": "maillage.invoicing.models.InvoiceState",
        "InvoiceKindEnum": "maillage.invoicing.models.DocumentKind",
        "InvoiceLineKindEnum": "maillage.invoicing.models.LineKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "maillage.api.errors.add_problem_responses",
    ],
}
