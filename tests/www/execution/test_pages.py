import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.execution.models import Occurrence
from maillage.execution.services import expand_published_plan
from maillage.territory.geo import road_km, travel_minutes
from tests.execution.conftest import MID_PERIOD, TUESDAY, next_version
from tests.factories import MissionFactory, ThirdPlaceFactory

WEEK_48 = "?week=2026-W48"  # 23-29 Nov: the workshop on Tuesday 24, the desk on Wednesday 25
PAGES = {
    "worker_week": "/en/execution/week/",
    "worker_month": "/en/execution/month/",
    "buyer_week": "/en/execution/buyer/",
    "calendar": "/en/execution/calendar/",
    "feeds": "/en/execution/feeds/",
}
ALLOWED = {
    "worker_week": {"worker", "other_worker"},
    "worker_month": {"worker", "other_worker"},
    "buyer_week": {"buyer_member", "other_buyer"},
    "calendar": {"coordinator", "other_coordinator"},
    "feeds": {"worker", "other_worker", "buyer_member", "other_buyer"},
}
ROLES = [
    "worker",
    "other_worker",
    "buyer_member",
    "other_buyer",
    "coordinator",
    "other_coordinator",
    "union_rep",
    "trainer",
    "stranger",
]


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, dated, page, role):
    client.force_login(dated.people[role])
    response = client.get(PAGES[page])
    assert response.status_code == (200 if role in ALLOWED[page] else 403)


def _travel(worker, occurrence_from, occurrence_to=None):
    if occurrence_to is None:
        home = worker.home_commune
        km = road_km(
            home.latitude, home.longitude, occurrence_from.latitude, occurrence_from.longitude
        )
    else:
        km = road_km(
            occurrence_from.latitude,
            occurrence_from.longitude,
            occurrence_to.latitude,
            occurrence_to.longitude,
        )
    return round(travel_minutes(km, mode=worker.travel_mode))


def test_the_worker_week_shows_dates_addresses_travel_contact_and_links(client, dated):
    client.force_login(dated.alice.user)
    response = client.get(PAGES["worker_week"] + WEEK_48)
    content = response.content.decode()
    assert response.status_code == 200
    assert "My week from 23 November to 29 November 2026" in content
    assert 'href="?week=2026-W47"' in content and 'href="?week=2026-W49"' in content
    assert "Tuesday 24 November 2026" in content
    assert "15:00–16:30" in content and "10:00–12:00" in content
    assert "1 place de la République, 33000 Bordeaux" in content
    desk = Occurrence.objects.get(mission=dated.help_desk, date="2026-11-25")
    assert f"{desk.place_label} — 12 rue Gambetta, 33500 Libourne" in content
    workshop = Occurrence.objects.get(mission=dated.workshop, date="2026-11-24")
    assert f"About {_travel(dated.alice, workshop)} min of travel from home." in content
    assert "accueil@ecole.example" in content
    assert "3\xa0h\xa030 of work this week." in content
    assert [d.date.isoformat() for d in response.context["days"]] == [
        "2026-11-23",
        "2026-11-24",
        "2026-11-25",
        "2026-11-26",
        "2026-11-27",
        "2026-11-28",
        "2026-11-29",
    ]


def test_two_places_in_a_day_the_second_is_reached_from_the_first(client, dated):
    """A third need on Tuesday at 17:00 in the tiers-lieu: travel from the workshop."""
    late = MissionFactory(buyer=dated.school, at_third_place=True, state="planned")
    v2 = next_version(
        dated,
        [
            (dated.workshop, dated.alice, [TUESDAY]),
            (late, dated.alice, [{"day": 1, "start": 1020, "end": 1080}]),
        ],
    )
    expand_published_plan(version=v2, now=MID_PERIOD)
    client.force_login(dated.alice.user)
    response = client.get(PAGES["worker_week"] + WEEK_48)
    tuesday = response.context["days"][1]
    workshop, evening = (item.occurrence for item in tuesday.items)
    assert [i.travel_minutes for i in tuesday.items] == [
        _travel(dated.alice, workshop),
        _travel(dated.alice, workshop, evening),
    ]
    assert [i.travel_from_home for i in tuesday.items] == [True, False]


def test_a_remote_session_is_done_at_the_worker_s_tiers_lieu_base(client, dated):
    """Alice does remote work at a tiers-lieu: her remote Tuesday hour is reached from home."""
    base = ThirdPlaceFactory(territory=dated.alice.territory, name="La Fabrique")
    dated.alice.remote_base = base
    dated.alice.save(update_fields=["remote_base"])
    remote = MissionFactory(buyer=dated.school, remote=True, state="planned")
    v2 = next_version(
        dated,
        [
            (dated.workshop, dated.alice, [TUESDAY]),
            (remote, dated.alice, [{"day": 1, "start": 1020, "end": 1080}]),
        ],
    )
    expand_published_plan(version=v2, now=MID_PERIOD)
    client.force_login(dated.alice.user)
    response = client.get(PAGES["worker_week"] + WEEK_48)
    tuesday = response.context["days"][1]
    workshop = tuesday.items[0].occurrence
    km = road_km(workshop.latitude, workshop.longitude, base.latitude, base.longitude)
    assert [i.remote_base for i in tuesday.items] == ["", "La Fabrique"]
    assert tuesday.items[1].travel_minutes == round(
        travel_minutes(km, mode=dated.alice.travel_mode)
    )
    assert "Remote, at your base: La Fabrique" in response.content.decode()


def test_public_holidays_are_marked(client, dated):
    client.force_login(dated.alice.user)
    content = client.get(PAGES["worker_week"] + "?week=2026-W46").content.decode()
    assert "Public holiday: Armistice Day" in content


def test_the_month_lists_the_days_with_work(client, dated):
    client.force_login(dated.alice.user)
    response = client.get(PAGES["worker_month"] + "?month=2026-12")
    assert [d.date.isoformat() for d in response.context["days"]] == [
        "2026-12-01",
        "2026-12-02",
        "2026-12-08",
        "2026-12-09",
        "2026-12-15",
        "2026-12-16",
        "2026-12-25",  # Christmas: a holiday, no work
    ]
    content = response.content.decode()
    assert 'href="?month=2026-11"' in content and 'href="?month=2027-01"' in content


def test_weeks_and_months_out_of_reach_show_the_current_ones(client, dated):
    client.force_login(dated.alice.user)
    for query in ("?week=9999-W52", "?week=0001-W01"):
        assert client.get(PAGES["worker_week"] + query).status_code == 200
    for query in ("?month=9999-12", "?month=0001-01"):
        assert client.get(PAGES["worker_month"] + query).status_code == 200


def test_a_worker_sees_only_their_own_dates(client, dated):
    client.force_login(dated.bruno.user)
    response = client.get(PAGES["worker_week"] + WEEK_48)
    assert all(not day.items for day in response.context["days"])
    assert "Atelier mardi" not in response.content.decode()


def test_the_buyer_sees_who_comes_by_first_name_and_skills_never_their_home(client, dated):
    client.force_login(dated.people["buyer_member"])
    response = client.get(PAGES["buyer_week"] + WEEK_48)
    content = response.content.decode()
    assert "<strong>15:00–16:30</strong> · Atelier mardi · Alice" in content
    assert "Digital workshops for children (4)" in content
    assert "Mérignac" not in content  # the worker's home commune
    assert dated.alice.user.last_name not in content
    assert dated.alice.user.email not in content


def test_a_buyer_of_another_organisation_is_refused_the_school(client, dated):
    client.force_login(dated.people["other_buyer"])
    assert client.get(PAGES["buyer_week"] + f"?organisation={dated.school.pk}").status_code == 404
    response = client.get(PAGES["buyer_week"] + WEEK_48)
    assert all(not day.items for day in response.context["days"])


def test_the_coordinator_calendar_filters(client, dated):
    client.force_login(dated.people["coordinator"])
    base = PAGES["calendar"] + WEEK_48 + f"&territory={dated.territory.pk}"

    def titles(url):
        days = client.get(url).context["days"]
        return [item.occurrence.mission.title for day in days for item in day.items]

    assert titles(base) == ["Atelier mardi", "Accueil"]
    assert titles(base + f"&worker={dated.bruno.pk}") == []
    assert titles(base + f"&worker={dated.alice.pk}") == ["Atelier mardi", "Accueil"]
    assert titles(base + "&kind=digital_help_desk") == ["Accueil"]
    assert titles(base + f"&buyer={dated.school.pk}") == ["Atelier mardi", "Accueil"]
    by_day = PAGES["calendar"] + f"?view=day&day=2026-11-24&territory={dated.territory.pk}"
    assert titles(by_day) == ["Atelier mardi"]


def test_a_day_out_of_reach_shows_today(client, dated, monkeypatch):
    """9999-12-31 used to link to a next day that does not exist: a server error."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 11, 24))
    client.force_login(dated.people["coordinator"])
    for day in ("9999-12-31", "0001-01-01"):
        url = PAGES["calendar"] + f"?view=day&day={day}&territory={dated.territory.pk}"
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["day"] == dt.date(2026, 11, 24)


def test_another_territory_calendar_is_not_found(client, dated):
    client.force_login(dated.people["other_coordinator"])
    response = client.get(PAGES["calendar"] + f"?territory={dated.territory.pk}")
    assert response.status_code == 404
    client.force_login(dated.people["coordinator"])
    stranger_worker = dated.people["other_coordinator"].pk + 10_000
    assert client.get(PAGES["calendar"] + f"?worker={stranger_worker}").status_code == 404
    assert client.get(PAGES["calendar"] + "?kind=nonsense").status_code == 404
    assert client.get(PAGES["calendar"] + "?worker=abc").status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("worker", "worker_week"),
        ("worker", "worker_month"),
        ("buyer_member", "buyer_week"),
        ("coordinator", "calendar"),
    ],
)
def test_list_pages_cost_the_same_queries_whatever_the_number_of_occurrences(
    client, dated, role, page
):
    client.force_login(dated.people[role])
    url = PAGES[page] + ("?month=2026-12" if page == "worker_month" else "?week=2026-W49")
    few = _queries(client, url)
    # Three more needs for Alice on the same week, at other places.
    assignments = [(dated.workshop, dated.alice, [TUESDAY])]
    for hour in (8, 10, 12):
        extra = MissionFactory(buyer=dated.school, at_third_place=True, state="planned")
        block = {"day": 3, "start": hour * 60, "end": hour * 60 + 90}
        assignments.append((extra, dated.alice, [block]))
    v2 = next_version(dated, assignments)
    expand_published_plan(version=v2, now=MID_PERIOD)
    assert Occurrence.objects.filter(version=v2, date="2026-12-03").count() == 3
    assert _queries(client, url) == few
