"""Direct quotes and their speakers.

PLACEHOLDER (first version): curly-quoted spans, no speakers; replaced in issue 5.
"""

from __future__ import annotations

import re

from newsdrop.models import Entity, Quote
from newsdrop.text.sentences import Sentence

_QUOTED = re.compile(r"[“\"]([^”\"\n]{1,2000})[”\"]")


def extract_quotes(text: str, sentences: list[Sentence], entities: list[Entity]) -> list[Quote]:
    """Quotes in ``text`` with offsets of the quoted passage."""
    return [Quote(text=m.group(1), speaker=None, start=m.start(), end=m.end()) for m in _QUOTED.finditer(text)]
