"""Why a worker got a mission, why a mission is unassigned: reason codes, parameters, and
sentences in English and French (the platform may translate the codes itself).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .schedule import Plan
from .schema import EngineInput, EngineResult, Unassigned
from .variables import Problem

MESSAGES: dict[str, dict[str, str]] = {
    "no_qualified_worker": {
        "en": "No worker has the required skills ({skills}).",
        "fr": "Aucune personne n'a les compétences demandées ({skills}).",
    },
    "no_qualified_worker_in_range": {
        "en": "{skilled} worker(s) have the skills, but the place is beyond their range.",
        "fr": "{skilled} personne(s) ont les compétences, mais le lieu est hors de leur rayon.",
    },
    "no_available_worker": {
        "en": "{in_range} qualified worker(s) in range, but none is available at these times.",
        "fr": "{in_range} personne(s) qualifiée(s) à portée, mais aucune n'est disponible "
        "à ces horaires.",
    },
    "forbidden": {
        "en": "The only eligible worker(s) are excluded for this mission.",
        "fr": "Les seules personnes éligibles sont exclues de cette mission.",
    },
    "conflicts": {
        "en": "{eligible} eligible worker(s), all already busy or at a limit ({causes}).",
        "fr": "{eligible} personne(s) éligible(s), toutes déjà occupées ou à une limite "
        "({causes}).",
    },
    "pin_rejected": {
        "en": "Pinned to {worker}, who cannot take it: {why}.",
        "fr": "Réservée à {worker}, qui ne peut pas la prendre : {why}.",
    },
    "assigned": {
        "en": "Given to {worker}: qualified, {km} km from home, {hours} h in the week{extra}.",
        "fr": "Confiée à {worker} : qualifiée, à {km} km de chez elle, {hours} h dans la "
        "semaine{extra}.",
    },
    "extra_pinned": {"en": ", pinned", "fr": ", réservation demandée"},
    "extra_previous": {"en": ", kept from the previous plan", "fr": ", reprise du plan précédent"},
    "extra_threshold": {
        "en": ", which brings them to the {threshold} h threshold",
        "fr": ", ce qui l'amène au seuil de {threshold} h",
    },
}


def sentence(code: str, params: dict[str, Any], lang: str = "en") -> str:
    """The readable sentence of ``code`` with ``params`` in ``lang`` ("en" or "fr")."""
    return MESSAGES[code][lang].format(**params)


def ineligibility_reason(problem: Problem, m: int, w: int) -> tuple[str, str]:
    """Why worker ``w`` is not eligible for mission ``m``: (code, English sentence)."""
    if not problem.skilled[m, w]:
        return "pin_missing_skill", "the worker lacks a required skill or level"
    if not problem.in_range[m, w]:
        return "pin_out_of_range", "the place is beyond the worker's max_km"
    if not problem.available[m, w]:
        return "pin_unavailable", "the worker is not available at these times"
    return "pin_forbidden", "the pair is also listed as forbidden"


def unassigned_reason(
    problem: Problem, plan: Plan, m: int, rejected: dict[int, tuple[str, str]]
) -> Unassigned:
    """The reason code, English detail and parameters for unassigned mission ``m``."""
    mission = problem.missions[m]
    if m in rejected:
        worker, why = rejected[m]
        params: dict[str, Any] = {"worker": worker, "why": why}
        return Unassigned(mission.id, "pin_rejected", sentence("pin_rejected", params), params)
    skilled = problem.skilled[m]
    in_range = skilled & problem.in_range[m]
    available = in_range & problem.available[m]
    allowed = available & problem.allowed[m]
    params = {
        "skills": ", ".join(f"{k} ≥ {v}" for k, v in sorted(mission.skills.items())),
        "skilled": int(skilled.sum()),
        "in_range": int(in_range.sum()),
        "eligible": int(allowed.sum()),
    }
    if not skilled.any():
        code = "no_qualified_worker"
    elif not in_range.any():
        code = "no_qualified_worker_in_range"
    elif not available.any():
        code = "no_available_worker"
    elif not allowed.any():
        code = "forbidden"
    else:
        causes = Counter(plan.fit(m, w)[1] or "other" for w in problem.eligible_workers[m])
        params["causes"] = ", ".join(f"{n} {cause}" for cause, n in causes.most_common())
        code = "conflicts"
    return Unassigned(mission.id, code, sentence(code, params), params)


class Explainer:
    """Explanations for one (instance, result): indexes both once, then answers quickly."""

    def __init__(self, instance: EngineInput, result: EngineResult) -> None:
        self.instance, self.result = instance, result
        self.problem = Problem(instance)
        self.unassigned = {u.mission: u for u in result.unassigned}
        self.assigned = {a.mission: a for a in result.assignments}
        self.worked: dict[str, int] = {}
        counted = self.problem.counted_minutes
        index = self.problem.mission_index
        for a in result.assignments:
            minutes = counted[index[a.mission]] if a.mission in index else 0
            self.worked[a.worker] = self.worked.get(a.worker, 0) + minutes

    def explain(self, mission_id: str, lang: str = "en") -> dict[str, Any]:
        """Why ``mission_id`` went to its worker, or why it is unassigned."""
        item = self.unassigned.get(mission_id)
        if item is not None:
            text = (
                sentence(item.reason, item.params, lang) if item.reason in MESSAGES else item.detail
            )
            return {"code": item.reason, "params": item.params, "text": text}
        problem = self.problem
        assignment = self.assigned[mission_id]
        m, w = problem.mission_index[mission_id], problem.worker_index[assignment.worker]
        minutes = self.worked[assignment.worker]
        target = problem.target
        threshold = self.instance.rules.threshold_minutes
        extra = ""
        if problem.pinned.get(m) == w:
            extra += sentence("extra_pinned", {}, lang)
        if problem.previous_worker.get(m) == w:
            extra += sentence("extra_previous", {}, lang)
        if minutes >= target > minutes - problem.counted_minutes[m]:
            extra += sentence("extra_threshold", {"threshold": threshold // 60}, lang)
        params = {
            "worker": assignment.worker,
            "km": round(problem.home_km(m, w), 1),
            "hours": round(minutes / problem.calendar.working_weeks / 60, 2),
            "extra": extra,
        }
        return {"code": "assigned", "params": params, "text": sentence("assigned", params, lang)}


_last: list[Explainer] = []


def explain_assignment(
    instance: EngineInput, result: EngineResult, mission_id: str, lang: str = "en"
) -> dict[str, Any]:
    """Why ``mission_id`` went to its worker (or why it is unassigned): code, params, text.

    The indexes of the last (instance, result) pair are kept, so explaining every mission
    of a plan in a loop costs one indexing, not one per mission.
    """
    if not _last or _last[0].instance is not instance or _last[0].result is not result:
        _last[:] = [Explainer(instance, result)]
    return _last[0].explain(mission_id, lang)
