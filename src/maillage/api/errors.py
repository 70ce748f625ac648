"""Errors as RFC 9457 problem details (`application/problem+json`), in the request's language.

Every refusal has ``type``, ``title``, ``status`` and ``detail``; a refused input adds
``errors``: each field's messages (``{"period_end": ["This period is already over."]}``,
nested fields joined with dots: ``skills.0.level``). Domain refusals (a Django
ValidationError, PermissionDenied, an illegal transition) read the same as DRF's own.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import set_rollback  # type: ignore[import-untyped]

from maillage.core.statemachine import IllegalTransition

PROBLEM_CONTENT_TYPE = "application/problem+json"
#: Where a problem's ``type`` points: this page lists them (docs/decisions/0040-*.md too).
TYPE_BASE = "/api/v1/problems/"


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: ("invalid-input", _("The request is not valid.")),
        401: ("not-authenticated", _("A valid API token is needed.")),
        403: ("forbidden", _("This token may not do that.")),
        404: ("not-found", _("Not found.")),
        405: ("method-not-allowed", _("This method is not allowed here.")),
        406: ("not-acceptable", _("This response format is not available.")),
        409: ("conflict", _("The object is not in a state that allows this.")),
        415: ("unsupported-media-type", _("Send JSON.")),
        429: ("too-many-requests", _("Too many requests for this token.")),
    }


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field.sub.0": ["message", ...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "__all__") else str(key)
            path = f"{prefix}.{name}" if prefix and name else (name or prefix)
            for sub, messages in _flatten(value, path).items():
                out.setdefault(sub, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            out[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                if item:
                    for sub, messages in _flatten(item, f"{prefix}.{index}").items():
                        out.setdefault(sub, []).extend(messages)
    else:
        out[prefix or "non_field_errors"] = [str(detail)]
    return out


def problem_body(
    status_code: int, *, detail: str = "", errors: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """The members of a problem: type, title, status, detail (and errors)."""
    code, title = _titles().get(status_code, ("error", _("The request failed.")))
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status_code,
        "detail": detail or title,
    }
    if errors:
        body["errors"] = errors
    return body


def problem(
    status_code: int,
    *,
    detail: str = "",
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem+json response."""
    body = problem_body(status_code, detail=detail, errors=errors)
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def _domain_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if key == "__all__" else key): [str(m) for m in messages]
            for key, messages in error.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}


#: The largest primary key a database holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def _id_too_large(context: dict) -> bool:
    pk = (context.get("kwargs") or {}).get("pk")
    return isinstance(pk, int) and pk > MAX_ID


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every refusal as a problem; None (a 500) for a real fault."""
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        errors = _domain_errors(exc)
        first = next(iter(errors.values()))[0]
        return problem(status.HTTP_400_BAD_REQUEST, detail=first, errors=errors)
    if isinstance(exc, OverflowError) and _id_too_large(context):
        # SQLite cannot even compare a 20-digit id: no such object, as for any other id.
        set_rollback()
        return problem(status.HTTP_404_NOT_FOUND)
    if isinstance(exc, IllegalTransition):
        set_rollback()
        return problem(status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if not isinstance(exc, exceptions.APIException):
        return None
    set_rollback()
    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = f"{int(exc.wait)}"
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        first = next(iter(errors.values()))[0] if errors else ""
        return problem(exc.status_code, detail=first, errors=errors, headers=headers)
    detail = exc.detail if isinstance(exc.detail, str) else ""
    if isinstance(exc, exceptions.NotFound):
        detail = ""  # "No Quote matches the given query." would name the model: say less
    return problem(exc.status_code, detail=str(detail), headers=headers)


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}

_DESCRIPTIONS = {
    "400": "Invalid input: `errors` gives each field's messages.",
    "401": "No token, or a token unknown, expired or revoked.",
    "403": "The token lacks the scope, or its owner the role.",
    "404": "No such object among those the token's owner may see.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "The object's state does not allow this.",
    "415": "Unsupported media type.",
    "429": "Too many requests for this token: wait `Retry-After` seconds.",
}


def add_problem_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: every operation documents its problem responses."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            if not operation.get("security") and path.endswith(("/schema/", "/docs/")):
                continue
            responses = operation.setdefault("responses", {})
            codes = ["400", "401", "403", "404", "405", "406", "429"]
            if method != "get":
                codes += ["409", "415"]
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": _DESCRIPTIONS[code],
                        "content": {PROBLEM_CONTENT_TYPE: {"schema": ref}},
                    },
                )
    return result
