"""Named entities with roles and aliases.

PLACEHOLDER (first version): capitalized spans only; replaced in issue 5.
"""

from __future__ import annotations

import re

from newsdrop.models import Entity
from newsdrop.text.sentences import Sentence

_SPAN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


def extract_entities(text: str, sentences: list[Sentence]) -> list[Entity]:
    """Entities of ``text``, fullest name first."""
    counts: dict[str, int] = {}
    for match in _SPAN.finditer(text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
    return [Entity(name=name, type="MISC", mentions=n) for name, n in counts.items()]
