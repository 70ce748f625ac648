"""What user text may carry into a file: printable characters only."""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; surrogates
# (a Python str holds them only when unpaired, and UTF-8 cannot encode them); U+FFFE and
# U+FFFF, which XML (hence XLSX) forbids. None of them is text a person meant to write.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(value: object) -> str:
    """The value as text, without the characters no file format can carry."""
    if value is None:
        return ""
    return UNPRINTABLE.sub("", str(value))
