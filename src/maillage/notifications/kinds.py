"""What a notification can be about: its kind, the parameters it carries, its words.

A notification stores only its kind and raw parameters (names, counts, ISO dates); the
subject and body are written here as translatable strings with ``%(param)s`` placeholders,
and rendered when read, in the reader's language (see ``maillage.notifications.rendering``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PLAN_PUBLISHED = "plan_published", _("Schedule published")
    QUOTE_ISSUED = "quote_issued", _("Quote issued")
    QUOTE_ACCEPTED = "quote_accepted", _("Quote accepted")
    TIMESHEET_TO_DECLARE = "timesheet_to_declare", _("Timesheet to declare")
    TIMESHEET_TO_VALIDATE = "timesheet_to_validate", _("Timesheet to validate")
    TIMESHEET_DISPUTED = "timesheet_disputed", _("Timesheet disputed")
    TIMESHEET_SETTLED = "timesheet_settled", _("Timesheet settled")
    ABSENCE_DECLARED = "absence_declared", _("Absence declared")
    REPLACEMENT_CONFIRMED = "replacement_confirmed", _("Replacement confirmed")
    OCCURRENCE_CANCELLED = "occurrence_cancelled", _("Session cancelled")
    NEED_CANCELLED = "need_cancelled", _("Need cancelled")
    REVIEW_REQUESTED = "review_requested", _("Review requested")
    REVIEW_ANSWERED = "review_answered", _("Review answered")
    CONTRACT_PROPOSED = "contract_proposed", _("Contract proposed")
    CONTRACT_ACCEPTED = "contract_accepted", _("Contract accepted")
    QUOTE_REQUESTED = "quote_requested", _("Quote requested")
    INVOICE_ISSUED = "invoice_issued", _("Invoice issued")
    SKILL_CERTIFIED = "skill_certified", _("Skill certified")


#: How a parameter is stored and shown: a date (ISO in the row, a localised date when shown),
#: an integer, an amount in euros (a decimal string, localised when shown), free text
#: (escaped when shown), or one of a few values with their own words.
ParamType = type[dt.date] | type[int] | type[Decimal] | type[str] | Mapping[str, Promise]

# The roles that make a kind relevant to a person (the preferences page shows only those).
WORKER = "worker"
BUYER = "buyer_member"
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class KindSpec:
    subject: Promise
    body: Promise
    params: Mapping[str, ParamType]
    roles: frozenset[str]
    email_by_default: bool = True


BILLABLE: Mapping[str, Promise] = {
    "1": _("The cancellation came late: the session is still paid."),
    "0": _("The session is not paid."),
}
OUTCOME: Mapping[str, Promise] = {
    "kept": _("the schedule is kept"),
    "changed": _("the schedule was changed"),
}

SPECS: Mapping[str, KindSpec] = {
    Kind.PLAN_PUBLISHED: KindSpec(
        subject=_("Your schedule is published"),
        body=_(
            "Your schedule is published: %(occurrences)s sessions, the first on %(first_date)s."
        ),
        params={"first_date": dt.date, "occurrences": int},
        roles=frozenset({WORKER}),
    ),
    Kind.QUOTE_ISSUED: KindSpec(
        subject=_("A quote is ready for “%(need)s”"),
        body=_("A quote of %(amount)s is ready for your need “%(need)s”. You may accept it."),
        params={"need": str, "amount": Decimal},
        roles=frozenset({BUYER}),
    ),
    Kind.QUOTE_ACCEPTED: KindSpec(
        subject=_("Quote accepted for “%(need)s”"),
        body=_("%(organisation)s accepted the quote for “%(need)s”."),
        params={"need": str, "organisation": str},
        roles=frozenset({COORDINATOR}),
    ),
    Kind.TIMESHEET_TO_DECLARE: KindSpec(
        subject=_("Your hours of the week of %(week)s to declare"),
        body=_("Please declare the hours you worked in the week of %(week)s."),
        params={"week": dt.date},
        roles=frozenset({WORKER}),
    ),
    Kind.TIMESHEET_TO_VALIDATE: KindSpec(
        subject=_("Timesheet of %(worker)s to validate"),
        body=_(
            "%(worker)s declared the hours of the week of %(week)s for %(organisation)s. "
            "Please validate them or dispute them."
        ),
        params={"worker": str, "week": dt.date, "organisation": str},
        roles=frozenset({BUYER}),
    ),
    Kind.TIMESHEET_DISPUTED: KindSpec(
        subject=_("Timesheet of %(worker)s disputed"),
        body=_("%(organisation)s disputed the hours of %(worker)s for the week of %(week)s."),
        params={"worker": str, "week": dt.date, "organisation": str},
        roles=frozenset({WORKER, COORDINATOR}),
    ),
    Kind.TIMESHEET_SETTLED: KindSpec(
        subject=_("Timesheet of the week of %(week)s settled"),
        body=_("The hours of the week of %(week)s for %(organisation)s are settled."),
        params={"week": dt.date, "organisation": str},
        roles=frozenset({WORKER, BUYER}),
        email_by_default=False,
    ),
    Kind.ABSENCE_DECLARED: KindSpec(
        subject=_("Absence of %(worker)s"),
        body=_(
            "%(worker)s is absent from %(start)s to %(end)s: %(occurrences)s sessions are affected."
        ),
        params={"worker": str, "start": dt.date, "end": dt.date, "occurrences": int},
        roles=frozenset({COORDINATOR, BUYER}),
    ),
    Kind.REPLACEMENT_CONFIRMED: KindSpec(
        subject=_("Replacement confirmed for “%(need)s”"),
        body=_("%(worker)s takes the session of %(date)s for “%(need)s”."),
        params={"need": str, "date": dt.date, "worker": str},
        roles=frozenset({WORKER, BUYER}),
    ),
    Kind.OCCURRENCE_CANCELLED: KindSpec(
        subject=_("Session of %(date)s cancelled"),
        body=_("The session of %(date)s for “%(need)s” is cancelled. %(billable)s"),
        params={"need": str, "date": dt.date, "billable": BILLABLE},
        roles=frozenset({WORKER}),
    ),
    Kind.NEED_CANCELLED: KindSpec(
        subject=_("Need “%(need)s” cancelled"),
        body=_("%(organisation)s cancelled the need “%(need)s”."),
        params={"need": str, "organisation": str},
        roles=frozenset({COORDINATOR, WORKER}),
    ),
    Kind.REVIEW_REQUESTED: KindSpec(
        subject=_("Review requested by %(worker)s"),
        body=_("%(worker)s asks for a review of their schedule for “%(need)s”."),
        params={"worker": str, "need": str},
        roles=frozenset({COORDINATOR}),
    ),
    Kind.REVIEW_ANSWERED: KindSpec(
        subject=_("Your review request was answered"),
        body=_("Your review request about “%(need)s” was answered: %(outcome)s."),
        params={"need": str, "outcome": OUTCOME},
        roles=frozenset({WORKER}),
    ),
    Kind.CONTRACT_PROPOSED: KindSpec(
        subject=_("A contract is proposed to you"),
        body=_(
            "A contract starting on %(start)s is proposed to you, "
            "for %(hours)s hours a week. Please read it and answer."
        ),
        params={"start": dt.date, "hours": str},
        roles=frozenset({WORKER}),
    ),
    Kind.CONTRACT_ACCEPTED: KindSpec(
        subject=_("%(worker)s accepted the contract"),
        body=_("%(worker)s accepted the proposed contract."),
        params={"worker": str},
        roles=frozenset({COORDINATOR}),
    ),
    Kind.QUOTE_REQUESTED: KindSpec(
        subject=_("Quote requested for “%(need)s”"),
        body=_("%(organisation)s asks for a quote for “%(need)s”."),
        params={"need": str, "organisation": str},
        roles=frozenset({COORDINATOR}),
    ),
    Kind.INVOICE_ISSUED: KindSpec(
        subject=_("Invoice %(number)s issued"),
        body=_(
            "Invoice %(number)s is issued: %(amount)s incl. tax. "
            "You can download it (Factur-X PDF)."
        ),
        params={"number": str, "amount": Decimal},
        roles=frozenset({BUYER}),
    ),
    Kind.SKILL_CERTIFIED: KindSpec(
        subject=_("“%(skill)s” certified at level %(level)s"),
        body=_(
            "Your skill “%(skill)s” is certified at level %(level)s. Its Open Badges "
            "credential is ready: download it or share its public link from your skills page."
        ),
        params={"skill": str, "level": int},
        roles=frozenset({WORKER}),
    ),
}


def spec(kind: str) -> KindSpec:
    """The words and parameters of a kind; ValueError for an unknown one."""
    try:
        return SPECS[kind]
    except KeyError:
        raise ValueError(f"Unknown notification kind: {kind!r}") from None


def email_by_default(kind: str) -> bool:
    return spec(kind).email_by_default


def kinds_for_roles(roles: frozenset[str] | set[str]) -> list[str]:
    """The kinds relevant to someone holding `roles`, in the order of `Kind`."""
    return [kind.value for kind in Kind if SPECS[kind].roles & roles]
