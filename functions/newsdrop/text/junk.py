"""Known junk in scraped articles, kept as data in one place.

PLACEHOLDER (first version): extended by the cleaner of issue 4.
"""

from __future__ import annotations

import re

# [ad_1], [ad_2], [ad#3], [advert], [sponsored]
SHORTCODE = re.compile(r"\[(?:ad|ads|advert|advertisement|sponsored)[ _#-]?\d*\]", re.I)

TRAILER_LINES = (
    "source link", "source", "top channel", "read more", "advertisement", "advertisements",
    "share this article", "share this", "subscribe", "continue reading", "related", "related articles",
)
JUNK_LINE = re.compile(r"(?i)(?:" + "|".join(re.escape(t) for t in TRAILER_LINES) + r")[:.!]?")
