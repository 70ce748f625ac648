"""Pages of lists: ?page=N&page_size=M (at most 200), with the total count and links.

Both parameters are whole numbers from 1, as the document says. DRF would read a page size it
cannot parse as the default one and an empty page as the first: a client that asked for
something else silently got a page it did not ask for. Here either gets a 400 naming the
parameter; a page beyond the last stays a 404.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError  # type: ignore[import-untyped]
from rest_framework.pagination import PageNumberPagination  # type: ignore[import-untyped]

# Enough digits for any page; more is refused before int() is asked to read them.
WHOLE_NUMBER = re.compile(r"[0-9]{1,12}")


def _whole_number_from_one(request, name: str) -> int | None:
    """The parameter's value, None when absent, a 400 when it is not a whole number ≥ 1."""
    if name not in request.query_params:
        return None
    raw = request.query_params[name]
    if not WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise ValidationError({name: [_("Give a whole number from 1.")]})
    return int(raw)


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        asked = _whole_number_from_one(request, self.page_size_query_param)
        return self.page_size if asked is None else min(asked, self.max_page_size)

    def get_page_number(self, request, paginator) -> int:
        asked = _whole_number_from_one(request, self.page_query_param)
        return 1 if asked is None else asked

    def get_schema_operation_parameters(self, view) -> list[dict]:
        """DRF's two parameters, with the bounds that are enforced written into the document."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
