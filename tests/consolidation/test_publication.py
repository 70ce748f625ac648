"""Publishing against the plan in force: the comparison, the confirmation of a worse version,
restoring a superseded one; and what the engine is sent: the real period, the plan in force,
the renewed needs of the previous term."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from maillage.consolidation.instance import build_instance, key_pk, mission_key, worker_key
from maillage.consolidation.models import ConsolidationRun, PairRule, PlanState, PlanVersion
from maillage.consolidation.selectors import publication_check
from maillage.consolidation.services import add_pair_rule, publish_version, restore_version
from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence
from maillage.missions.lifecycle import duplicate_need, next_term_description
from maillage.missions.models import ExcludedPeriod, Mission, MissionState
from maillage.people.models import Role
from maillage.territory.holidays import public_holidays_between
from tests.consolidation.test_platform import END, START, run
from tests.consolidation.test_platform import territory as territory  # the fixture
from tests.factories import (
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    TerritoryFactory,
    buyer_member,
    member_with_role,
)

pytestmark = pytest.mark.django_db


def _worse_second_version(territory, capture):
    """v1 published; v2 drafted after both workers were forbidden on the first workshop."""
    run(territory, capture)
    first = PlanVersion.objects.get()
    publish_version(version=first, by=territory.coordinator)
    lost = territory.missions_list[0]
    for worker in territory.workers_list:
        add_pair_rule(
            mission=lost, worker=worker, kind=PairRule.Kind.FORBID, by=territory.coordinator
        )
    run(territory, capture)
    return first, PlanVersion.objects.get(number=2), lost


def test_a_worse_version_waits_for_a_confirmation(territory, django_capture_on_commit_callbacks):
    first, second, lost = _worse_second_version(territory, django_capture_on_commit_callbacks)
    check = publication_check(second)
    assert (check.in_force, check.worse, check.dropped, check.added) == (
        first,
        ["covered_minutes"],
        [lost.pk],
        [],
    )
    holder = first.assignments.get(mission=lost).worker_id
    assert holder in check.workers_changed

    with pytest.raises(ValidationError) as error:
        publish_version(version=second, by=territory.coordinator)
    assert [e.code for e in error.value.error_dict["confirm_worse"]] == ["confirmation_required"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (PlanState.PUBLISHED, PlanState.DRAFT)

    publish_version(version=second, by=territory.coordinator, confirm_worse=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (PlanState.SUPERSEDED, PlanState.PUBLISHED)


def test_the_page_shows_the_comparison_and_asks_to_confirm(
    client, territory, django_capture_on_commit_callbacks
):
    _first, second, lost = _worse_second_version(territory, django_capture_on_commit_callbacks)
    client.force_login(territory.coordinator)
    page = client.get(reverse("plans:version", args=[second.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert page.context["publication"]["check"].dropped == [lost.pk]
    assert 'name="confirm_worse"' in content
    assert "1 mission planifiée aujourd’hui reste sans personne" in content
    assert "Moins bien :" in content

    client.post(reverse("plans:publish", args=[second.pk]))
    second.refresh_from_db()
    assert second.state == PlanState.DRAFT
    client.post(reverse("plans:publish", args=[second.pk]), {"confirm_worse": "1"})
    second.refresh_from_db()
    assert second.state == PlanState.PUBLISHED


def test_a_superseded_version_is_restored_as_an_identical_draft(
    territory, django_capture_on_commit_callbacks
):
    first, second, _lost = _worse_second_version(territory, django_capture_on_commit_callbacks)
    publish_version(version=second, by=territory.coordinator, confirm_worse=True)
    first.refresh_from_db()

    restored = restore_version(version=first, by=territory.coordinator)
    assert (restored.number, restored.state) == (3, PlanState.DRAFT)
    assert sorted(restored.assignments.values_list("mission_id", "worker_id", "blocks")) == sorted(
        first.assignments.values_list("mission_id", "worker_id", "blocks")
    )
    assert restored.metrics == first.metrics
    assert restored.run.result == {"restored": 1}
    # A double click restores once.
    assert restore_version(version=first, by=territory.coordinator) == restored
    assert PlanVersion.objects.count() == 3
    # Better than the plan in force: published without a confirmation.
    assert publication_check(restored).better == ["covered_minutes"]
    publish_version(version=restored, by=territory.coordinator)
    second.refresh_from_db()
    assert second.state == PlanState.SUPERSEDED


def test_only_a_superseded_version_of_plannable_needs_is_restored(
    territory, django_capture_on_commit_callbacks
):
    first, second, _lost = _worse_second_version(territory, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="Seule une version remplacée"):
        restore_version(version=first, by=territory.coordinator)  # still published
    publish_version(version=second, by=territory.coordinator, confirm_worse=True)
    first.refresh_from_db()
    for who in (
        territory.workers_list[0].user,
        member_with_role(Role.COORDINATOR, TerritoryFactory()),  # of another territory
    ):
        with pytest.raises(PermissionDenied):
            restore_version(version=first, by=who)
    cancelled = territory.missions_list[1]
    cancelled.transition("cancelled", by=territory.coordinator, reason="Fermeture")
    with pytest.raises(ValidationError, match=cancelled.title):
        restore_version(version=first, by=territory.coordinator)
    assert PlanVersion.objects.count() == 2
    assert ConsolidationRun.objects.count() == 2


def test_the_restore_page_makes_the_draft(client, territory, django_capture_on_commit_callbacks):
    first, second, _lost = _worse_second_version(territory, django_capture_on_commit_callbacks)
    publish_version(version=second, by=territory.coordinator, confirm_worse=True)
    client.force_login(territory.coordinator)
    assert (
        f"plans/versions/{first.pk}/restore/"
        in client.get(reverse("plans:version", args=[first.pk])).content.decode()
    )
    response = client.post(reverse("plans:restore", args=[first.pk]))
    restored = PlanVersion.objects.get(number=3)
    assert response["Location"] == reverse("plans:version", args=[restored.pk])
    client.force_login(territory.workers_list[0].user)
    assert client.post(reverse("plans:restore", args=[first.pk])).status_code == 403
    assert PlanVersion.objects.count() == 3


def test_the_engine_gets_the_real_period_and_the_plan_in_force(
    territory, django_capture_on_commit_callbacks
):
    workshop = territory.missions_list[0]
    holiday = START + dt.timedelta(days=14)  # the third week, Monday to Sunday
    ExcludedPeriod.objects.create(
        mission=workshop, start=holiday, end=holiday + dt.timedelta(days=6), label="Vacances"
    )
    data = build_instance(territory=territory, period_start=START, period_end=END).data
    entry = next(m for m in data["missions"] if m["id"] == mission_key(workshop.pk))
    assert (entry["first_date"], entry["last_date"], entry["started"]) == (
        START.isoformat(),
        END.isoformat(),
        False,
    )
    # Its holiday week, and the public holidays of the term (the dated work skips them).
    bank_holidays = {d.isoformat() for d in public_holidays_between(START, END)}
    assert entry["excluded_dates"] == sorted(
        {(holiday + dt.timedelta(days=k)).isoformat() for k in range(7)} | bank_holidays
    )
    # One workshop of three off that week: not a school-holiday week for the 24 h average.
    assert data["period"] == {
        "first_date": START.isoformat(),
        "last_date": END.isoformat(),
        "non_working_weeks": [],
    }
    assert data["previous_plan"] == {"assignments": []}
    for other in territory.missions_list[1:]:
        ExcludedPeriod.objects.create(
            mission=other, start=holiday, end=holiday + dt.timedelta(days=6)
        )
    data = build_instance(territory=territory, period_start=START, period_end=END).data
    assert data["period"]["non_working_weeks"] == [holiday.isoformat()]

    run(territory, django_capture_on_commit_callbacks)
    version = PlanVersion.objects.get()
    publish_version(version=version, by=territory.coordinator)
    data = build_instance(territory=territory, period_start=START, period_end=END).data
    assert sorted(
        (a["mission"], a["worker"], tuple(b["start"] for b in a["blocks"]))
        for a in data["previous_plan"]["assignments"]
    ) == sorted(
        (mission_key(a.mission_id), worker_key(a.worker_id), tuple(b["start"] for b in a.blocks))
        for a in version.assignments.all()
    )
    # The workshops' dates: the Tuesday of the holiday week is not planned for the workshop.
    dates = {
        o["date"]
        for a in version.run.engine_result["assignments"]
        if a["mission"] == entry["id"]
        for o in a["occurrences"]
    }
    assert (holiday + dt.timedelta(days=1)).isoformat() not in dates
    assert len(dates) == 6  # seven Tuesdays, one excluded


def _autumn_published(territory, capture):
    """The autumn plan published; its first need and the worker who holds it."""
    run(territory, capture)
    autumn = PlanVersion.objects.get()
    publish_version(version=autumn, by=territory.coordinator)
    old = territory.missions_list[0]
    return old, autumn.assignments.get(mission=old).worker


def _previous_sent(territory, start: dt.date, end: dt.date) -> dict[str, list[str]]:
    """Each worker's ``previous`` in the instance of the period from ``start`` to ``end``."""
    data = build_instance(territory=territory, period_start=start, period_end=end).data
    return {w["id"]: w["previous"] for w in data["workers"]}


def _spring_renewal(old):
    """The autumn need ``old`` renewed by its buyer for the spring term, and that term."""
    spring_start, spring_end = END + dt.timedelta(days=17), END + dt.timedelta(days=17 + 46)
    renewed = MissionFactory(
        buyer=old.buyer,
        state="accepted",
        replaces=old,
        period_start=spring_start,
        period_end=spring_end,
    )
    MissionSkillFactory(mission=renewed, min_level=2)
    FixedSlotFactory(mission=renewed, weekday=1, start_minute=900, end_minute=990)
    return renewed, spring_start, spring_end


def test_a_renewed_need_keeps_its_worker_across_terms(
    territory, django_capture_on_commit_callbacks
):
    old, holder = _autumn_published(territory, django_capture_on_commit_callbacks)
    renewed, spring_start, spring_end = _spring_renewal(old)
    previous = _previous_sent(territory, spring_start, spring_end)
    assert previous[worker_key(holder.pk)] == [mission_key(renewed.pk)]
    assert all(v == [] for k, v in previous.items() if k != worker_key(holder.pk))


def test_a_renewal_stays_with_its_worker_when_another_now_lives_at_the_school(
    territory, django_capture_on_commit_callbacks
):
    # Decision 0056: the other worker moves to Bordeaux, where the school is; the nearest-
    # worker marketplace gives them the renewed workshop, the engine keeps its autumn worker
    # and drives what a marketplace that rebooks would.
    old, holder = _autumn_published(territory, django_capture_on_commit_callbacks)
    other = next(w for w in territory.workers_list if w != holder)
    other.home_commune = old.commune
    other.save(update_fields=["home_commune"])
    renewed, spring_start, spring_end = _spring_renewal(old)
    workers = {}
    for method in ("baseline", "engine"):
        started = run(
            territory,
            django_capture_on_commit_callbacks,
            method,
            start=spring_start,
            end=spring_end,
        )
        version = PlanVersion.objects.get(run=started)
        workers[method] = version.assignments.get(mission=renewed).worker
    assert workers == {"baseline": other, "engine": holder}
    metrics = version.run.engine_result["metrics"]
    assert metrics["stability"] == 1.0
    assert metrics["lns_km_budget_raised_for_renewals"] == 1
    assert metrics["lns_rebooking_baseline_km_hectometres"] > metrics["lns_baseline_km_hectometres"]


def test_the_buyers_copy_for_the_next_term_keeps_its_worker(
    territory, django_capture_on_commit_callbacks
):
    # As a buyer does it: "Copy for the next term" on the need's page, dates as offered.
    old, holder = _autumn_published(territory, django_capture_on_commit_callbacks)
    need = next_term_description(old)
    renewed = duplicate_need(mission=old, by=buyer_member(old.buyer), need=need)
    # Quoted and accepted in between (the quote's own tests cover those steps).
    Mission.objects.filter(pk=renewed.pk).update(state=MissionState.ACCEPTED)
    previous = _previous_sent(territory, need.period_start, need.period_end)
    assert previous[worker_key(holder.pk)] == [mission_key(renewed.pk)]
    assert all(v == [] for k, v in previous.items() if k != worker_key(holder.pk))


def test_a_rerun_on_unchanged_input_starts_from_the_plan_in_force(
    territory, django_capture_on_commit_callbacks
):
    run(territory, django_capture_on_commit_callbacks)
    first = PlanVersion.objects.get()
    publish_version(version=first, by=territory.coordinator)
    run(territory, django_capture_on_commit_callbacks)
    second = PlanVersion.objects.get(number=2)
    sent = second.run.engine_input["previous_plan"]["assignments"]
    assert len(sent) == first.assignments.count() == 3
    check = publication_check(second)
    assert (check.worse, check.moved, check.dropped) == ([], [], [])
    publish_version(version=second, by=territory.coordinator)  # no confirmation needed
    second.refresh_from_db()
    assert second.state == PlanState.PUBLISHED


def test_the_dated_work_is_the_engine_s_dated_plan(territory, django_capture_on_commit_callbacks):
    """The occurrences the platform dates at publication are the engine's, date for date."""
    holiday = START + dt.timedelta(days=14)
    for mission in territory.missions_list:
        ExcludedPeriod.objects.create(
            mission=mission, start=holiday, end=holiday + dt.timedelta(days=6)
        )
    run(territory, django_capture_on_commit_callbacks)
    version = PlanVersion.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        publish_version(version=version, by=territory.coordinator)
    engine = {
        (key_pk(a["mission"]), key_pk(a["worker"]), o["date"], o["start"], o["end"])
        for a in version.run.engine_result["assignments"]
        for o in a["occurrences"]
    }
    dated = {
        (
            o.mission_id,
            o.worker_id,
            o.date.isoformat(),
            o.starts_at.astimezone(PARIS).hour * 60 + o.starts_at.astimezone(PARIS).minute,
            o.ends_at.astimezone(PARIS).hour * 60 + o.ends_at.astimezone(PARIS).minute,
        )
        for o in Occurrence.objects.filter(version=version)
    }
    # Three weekly workshops over seven weeks, but the holiday week and the bank holidays.
    off = {holiday + dt.timedelta(days=k) for k in range(7)} | set(
        public_holidays_between(START, END)
    )
    days = [START + dt.timedelta(days=k) for k in range((END - START).days + 1)]
    weekdays = [slot.weekday for m in territory.missions_list for slot in m.slots.all()]
    assert len(engine) == sum(
        1 for w in weekdays for d in days if d.weekday() == w and d not in off
    )
    assert dated == engine


def test_the_plan_page_says_how_the_threshold_bound_was_computed(
    client, territory, django_capture_on_commit_callbacks
):
    run(territory, django_capture_on_commit_callbacks)
    version = PlanVersion.objects.get()
    method = version.run.engine_result["levels"]["bound_method"]["workers_at_threshold"]
    client.force_login(territory.coordinator)
    page = client.get(reverse("plans:version", args=[version.pk]))
    assert page.context["threshold_bound"]["value"] == method["value"]
    assert method["value"] == version.run.engine_result["levels"]["bound"]["workers_at_threshold"]
    content = page.content.decode()
    assert (
        f"Comment la borne sur les personnes au seuil a été calculée : {method['value']} au plus"
        in content
    )
    assert f"en comptant les heures : {method['counting']}" in content


def test_the_draft_page_reads_each_version_s_assignments_once(
    client, territory, django_capture_on_commit_callbacks
):
    """The draft is compared with the plan in force and with the previous version, which is
    the same one here: each version's missions and workers are read once, not per comparison."""
    _first, second, _lost = _worse_second_version(territory, django_capture_on_commit_callbacks)
    client.force_login(territory.coordinator)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("plans:version", args=[second.pk])).status_code == 200
    reads = [
        (query["sql"])
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "consolidation_planassignment"."mission_id" AS')
    ]

    assert len(reads) == 2  # the draft and the plan in force, nothing twice
    assert len(set(reads)) == 2


def test_a_mission_moved_away_from_its_previous_worker_says_so(
    territory, django_capture_on_commit_callbacks
):
    run(territory, django_capture_on_commit_callbacks)
    first = PlanVersion.objects.get()
    publish_version(version=first, by=territory.coordinator)
    mission = territory.missions_list[0]
    holder = first.assignments.get(mission=mission).worker
    add_pair_rule(
        mission=mission, worker=holder, kind=PairRule.Kind.FORBID, by=territory.coordinator
    )
    run(territory, django_capture_on_commit_callbacks)
    second = PlanVersion.objects.get(number=2)

    moved = second.assignments.get(mission=mission)
    assert moved.worker != holder
    # Each assignment says whether it stays with the plan in force's worker or moved away.
    before = first.worker_of_mission
    facts = {a.mission_id: a.explanation["facts"] for a in second.assignments.all()}
    assert {m: (f["previous"], f["moved_from_previous"]) for m, f in facts.items()} == {
        m: (w == before[m], w != before[m]) for m, w in second.worker_of_mission.items()
    }
    with translation.override("en"):
        assert "; another worker held it in the previous plan" in moved.why
    with translation.override("fr"):
        assert "une autre personne l'avait dans le plan précédent" in moved.why
