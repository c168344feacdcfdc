"""Plain-text reader: find the article body and its headline/byline/dateline.

PLACEHOLDER (first version): replaced by the body finder of issue 4.
"""

from __future__ import annotations

from newsdrop.text.document import Document


def read_text(text: str) -> Document:
    """Read a scraped plain-text article."""
    return Document(body=text, format="text")
