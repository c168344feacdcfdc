"""Dates: normalizing publication dates and finding dates mentioned in the body.

PLACEHOLDER (first version): replaced in issue 5.
"""

from __future__ import annotations

import re
from datetime import datetime

from newsdrop.models import DateMention

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def normalize_date(value: str) -> str | None:
    """An ISO 8601 date(-time) for ``value``, or None when it is not a date."""
    value = value.strip()
    match = _ISO.match(value)
    if match:
        return match.group().replace(" ", "T")
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def extract_dates(text: str, published: str | None) -> list[DateMention]:
    """Dates written in ``text``."""
    return []
