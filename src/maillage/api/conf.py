"""Settings of the API (Django REST framework, drf-spectacular), imported by settings.py."""

REST_FRAMEWORK: dict = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS: dict = {
    "TITLE": "Maillage API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}
