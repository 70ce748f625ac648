"""Progress messages of background work, translated when read.

A job runs in no one's language, so computations report short stages in English and the
pages translate them for their reader: a fixed stage by its label, a counter ("LNS iteration
12, 3 improvements") by a pattern whose named groups fill a translated sentence. Messages the
platform writes itself are already translated and pass through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from django.utils.functional import Promise

Counter = tuple[re.Pattern[str], Callable[[dict[str, str]], str]]
"""A pattern over a whole message, and the label built from its named groups."""


def stage_label(
    message: str, stages: Mapping[str, str | Promise], counters: Sequence[Counter] = ()
) -> str:
    """``message`` in the active language when ``stages`` or ``counters`` know it."""
    label = stages.get(message)
    if label is not None:
        return str(label)
    for pattern, build in counters:
        found = pattern.fullmatch(message)
        if found is not None:
            return build(found.groupdict())
    return message
