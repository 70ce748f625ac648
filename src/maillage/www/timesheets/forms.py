"""The forms of the timesheet pages: a week's lines (declare, correct, settle) and an answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence
from maillage.timesheets.models import REASON_MAX_LENGTH, Outcome, TimesheetLine
from maillage.timesheets.services import LineInput, line_field
from maillage.www.utils.forms import TimeInput


@dataclass
class LineRow:
    """One occurrence on the form, with its fields."""

    occurrence: Occurrence
    outcome: forms.BoundField
    actual_start: forms.BoundField
    actual_end: forms.BoundField
    reason: forms.BoundField

    @property
    def chosen(self) -> str:
        return str(self.outcome.value() or Outcome.AS_PLANNED)


@dataclass
class DayRows:
    date: dt.date
    rows: list[LineRow]


def _local_time(moment: dt.datetime | None) -> dt.time | None:
    return moment.astimezone(PARIS).time().replace(second=0, microsecond=0) if moment else None


class LinesForm(forms.Form):
    """An outcome per occurrence (fields ``o<id>-outcome``, ``-actual_start``, ``-actual_end``,
    ``-reason``: the names of the service's errors), and a reason for a correction."""

    def __init__(
        self,
        data=None,
        *,
        occurrences: Sequence[Occurrence],
        previous: Iterable[TimesheetLine] = (),
        with_reason: bool = False,
        reason_label: Any = None,
    ) -> None:
        super().__init__(data)
        self.occurrences = list(occurrences)
        before = {line.occurrence_id: line for line in previous}
        for occurrence in self.occurrences:
            line = before.get(occurrence.pk)
            pk = occurrence.pk
            self.fields[line_field(pk, "outcome")] = forms.ChoiceField(
                label=_("What became of it"),
                choices=Outcome.choices,
                initial=line.outcome if line else Outcome.AS_PLANNED,
            )
            self.fields[line_field(pk, "actual_start")] = forms.TimeField(
                label=_("Started at"),
                required=False,
                widget=TimeInput(),
                initial=_local_time(line.actual_start) if line else None,
            )
            self.fields[line_field(pk, "actual_end")] = forms.TimeField(
                label=_("Finished at"),
                required=False,
                widget=TimeInput(),
                initial=_local_time(line.actual_end) if line else None,
            )
            self.fields[line_field(pk, "reason")] = forms.CharField(
                label=_("Why it was not done"),
                required=False,
                max_length=REASON_MAX_LENGTH,
                initial=line.reason if line else "",
                widget=forms.TextInput(),
            )
        if with_reason:
            self.fields["reason"] = forms.CharField(
                label=reason_label or _("Why this correction"),
                max_length=REASON_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self, occurrences: Iterable[Occurrence] | None = None) -> list[LineRow]:
        return [
            LineRow(
                occurrence=o,
                outcome=self[line_field(o.pk, "outcome")],
                actual_start=self[line_field(o.pk, "actual_start")],
                actual_end=self[line_field(o.pk, "actual_end")],
                reason=self[line_field(o.pk, "reason")],
            )
            for o in (self.occurrences if occurrences is None else occurrences)
        ]

    def days(self) -> list[DayRows]:
        days: dict[dt.date, DayRows] = {}
        for row in self.rows():
            days.setdefault(row.occurrence.date, DayRows(row.occurrence.date, [])).rows.append(row)
        return list(days.values())

    def lines(self) -> list[LineInput]:
        """The lines for the service (times on the occurrence's date, Paris time)."""
        lines = []
        data = self.cleaned_data
        for o in self.occurrences:
            outcome = data[line_field(o.pk, "outcome")]
            start = end = None
            if outcome == Outcome.OTHER_TIMES:
                start = self._on(o, data.get(line_field(o.pk, "actual_start")))
                end = self._on(o, data.get(line_field(o.pk, "actual_end")))
            reason = data.get(line_field(o.pk, "reason"), "") if outcome == Outcome.NOT_DONE else ""
            lines.append(
                LineInput(
                    occurrence_id=o.pk,
                    outcome=outcome,
                    actual_start=start,
                    actual_end=end,
                    reason=reason,
                )
            )
        return lines

    @staticmethod
    def _on(occurrence: Occurrence, time: dt.time | None) -> dt.datetime | None:
        if time is None:
            return None
        return dt.datetime.combine(occurrence.date, time.replace(tzinfo=None), tzinfo=PARIS)


class AnswerForm(forms.Form):
    """The buyer's answer: the comment is required to dispute."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=10_000)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
