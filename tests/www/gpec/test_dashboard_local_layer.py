"""The GPEC board is kept in the process too, and its tables are rendered once with it."""

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from maillage.www.gpec import dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache_reads(monkeypatch):
    """Counts the reads of the shared cache (each one unpickles a whole board)."""
    reads = []
    real = cache.get

    def counting(key, *args, **kwargs):
        reads.append(key)
        return real(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting)
    return reads


def board_of(territory):
    with translation.override("fr"):
        return dashboard.cached_dashboard(territory=territory, audience="coordinator")


def test_a_second_read_in_the_process_skips_the_shared_cache(planned, shared_cache_reads):
    first = board_of(planned)
    reads_to_build = len(shared_cache_reads)
    second = board_of(planned)

    assert reads_to_build == 2  # before and under the build lock
    assert len(shared_cache_reads) == reads_to_build  # the second read stayed in the process
    assert second.tables is first.tables  # shared, never changed ...
    assert second is not first  # ... but each request has its own copy for its fresh jobs


def test_a_forgotten_process_layer_reads_the_shared_cache_again(planned, shared_cache_reads):
    board_of(planned)
    dashboard.forget_local_boards()
    board_of(planned)

    assert len(shared_cache_reads) == 3  # two to build, one to read back what was built


def test_an_expired_local_entry_is_read_again_from_the_shared_cache(
    planned, shared_cache_reads, monkeypatch
):
    board_of(planned)
    monkeypatch.setattr(dashboard, "LOCAL_SECONDS", -1)  # entries kept from now are stale
    dashboard.forget_local_boards()
    board_of(planned)  # read back from the shared cache, kept already expired
    board_of(planned)

    assert len(shared_cache_reads) == 4


def test_the_page_shows_each_table_as_its_template_renders_it(client, planned):
    client.force_login(planned.coordinator)
    with translation.override("fr"):
        response = client.get(reverse("gpec:dashboard", args=[planned.slug]))
        board = response.context["board"]
        for key, table in board.tables.items():
            expected = render_to_string(
                "gpec/_table.html", {"table": table, "board": board, "print": False}
            )
            assert expected in response.content.decode(), key


def test_the_report_shows_the_tables_without_their_download_links(client, planned):
    client.force_login(planned.coordinator)
    with translation.override("fr"):
        page = client.get(reverse("gpec:report", args=[planned.slug])).content.decode()

    assert 'id="table-skills"' in page
    assert "gpec-exports" not in page
