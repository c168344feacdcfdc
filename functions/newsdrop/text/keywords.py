"""Keywords. PLACEHOLDER (first version): frequent capitalized spans; replaced in issue 5."""

from __future__ import annotations

from newsdrop.models import Entity, Keyword
from newsdrop.text.sentences import Sentence


def extract_keywords(
    text: str, sentences: list[Sentence], entities: list[Entity], language: str | None, limit: int = 10
) -> list[Keyword]:
    """Best keywords first."""
    ranked = sorted(entities, key=lambda e: -e.mentions)[:limit]
    return [Keyword(text=e.name, score=float(e.mentions)) for e in ranked]
