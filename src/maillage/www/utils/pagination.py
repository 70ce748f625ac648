"""Long lists come a page at a time: a page costs the same queries whatever the list's length."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest

PER_PAGE = 25


class LinkedPage(Page[Any]):
    """A page that knows the query strings of its neighbours ("" when there is none)."""

    previous_query: str = ""
    next_query: str = ""


class _LinkedPaginator(Paginator):  # not subscriptable at runtime
    def _get_page(self, *args: Any, **kwargs: Any) -> LinkedPage:  # Django's documented hook
        return LinkedPage(*args, **kwargs)


def page_of(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    param: str = "page",
    per_page: int = PER_PAGE,
) -> LinkedPage:
    """The page asked for in `param` (the first one when absent, the last when past the end).

    The page carries the query strings of its neighbours, which keep the other parameters
    (filters, search, the other list's page): `page.previous_query`, `page.next_query`.
    """
    page = _LinkedPaginator(queryset, per_page).get_page(request.GET.get(param))
    assert isinstance(page, LinkedPage)  # made by _LinkedPaginator._get_page
    if page.has_previous():
        page.previous_query = _with(request, param, page.previous_page_number())
    if page.has_next():
        page.next_query = _with(request, param, page.next_page_number())
    return page


def _with(request: HttpRequest, param: str, number: int) -> str:
    query = request.GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()


def searched(queryset: QuerySet, query: str, *fields: str) -> QuerySet:
    """Rows where any of `fields` contains every word of `query` (case and accents as stored)."""
    for word in query.split()[:5]:  # a few words: a long query must not make a huge WHERE
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset
