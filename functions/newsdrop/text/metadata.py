"""S3 user metadata (x-amz-meta-*) wins over what readers guessed."""

from __future__ import annotations

from collections.abc import Mapping

from newsdrop.text.document import Document

# user-metadata key (lower-case, without x-amz-meta-) → Document attribute
USER_METADATA_FIELDS = {
    "title": "title",
    "url": "url",
    "source-url": "url",
    "published": "published",
    "date": "published",
    "source": "site_name",
    "site": "site_name",
    "site-name": "site_name",
    "language": "language",
    "lang": "language",
}


def apply_user_metadata(document: Document, metadata: Mapping[str, str]) -> None:
    """Copy known user-metadata fields onto ``document`` (they are given, not guessed)."""
    for raw_key, value in metadata.items():
        key = raw_key.lower().removeprefix("x-amz-meta-")
        attr = USER_METADATA_FIELDS.get(key)
        if attr and value and value.strip():
            value = value.strip()
            if attr == "published":
                from newsdrop.text.dates import normalize_date

                value = normalize_date(value) or None
                if value is None:
                    continue
            if attr == "language":
                value = value.lower()[:2]
            setattr(document, attr, value)
            if attr == "title":
                document.title_derived = False
    author = metadata.get("author") or metadata.get("x-amz-meta-author")
    if author and author.strip():
        document.authors = [a.strip() for a in author.split(",") if a.strip()]
