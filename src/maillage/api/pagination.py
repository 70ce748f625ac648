"""Pages of lists: ?page=N&page_size=M (at most 200), with the total count and links."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination  # type: ignore[import-untyped]


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
