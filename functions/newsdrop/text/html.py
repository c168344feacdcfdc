"""HTML reader: trafilatura extracts the body and the page metadata.

PLACEHOLDER (first version): options get chosen by measurement in issue 4.
"""

from __future__ import annotations

from newsdrop.errors import NoArticleTextError
from newsdrop.text.document import Document


def read_html(html: str) -> Document:
    """Extract the article body and metadata from an HTML page."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, include_comments=False, with_metadata=True, date_extraction_params={"extensive_search": False}
    )
    if result is None or not (result.text or "").strip():
        raise NoArticleTextError("the HTML page has no article body")
    return Document(
        body=result.text.replace("\n", "\n\n"),
        format="html",
        title=result.title or None,
        authors=[a.strip() for a in (result.author or "").split(";") if a.strip()],
        published=result.date or None,
        url=result.url or None,
        site_name=result.sitename or None,
        description=result.description or None,
        tags=list(result.tags or []) + list(result.categories or []),
    )
