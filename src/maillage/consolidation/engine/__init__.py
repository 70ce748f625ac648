"""Maillage's consolidation engine: who does which weekly mission (pure Python, no Django).

Public API::

    from maillage.consolidation.engine import EngineInput, EngineResult, solve, validate
    result = solve(EngineInput.from_dict(data), method="engine", time_limit_s=30, seed=1,
                   progress=lambda fraction, message: ...)
    report = validate(instance, result)   # report.ok, report.violations, report.metrics
"""

from .explain import Explainer, explain_assignment
from .schema import EngineInput, EngineResult, InputError
from .solver import EngineError, solve
from .validation import ValidationReport, validate

__all__ = [
    "EngineError",
    "EngineInput",
    "EngineResult",
    "Explainer",
    "InputError",
    "ValidationReport",
    "explain_assignment",
    "solve",
    "validate",
]
