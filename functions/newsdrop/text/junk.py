"""Known junk in scraped articles, kept as data in one place.

Three kinds of data:

- ``SHORTCODE``: ad and embed shortcodes left in the text by CMS exports ("[ad_1]").
- ``JUNK_LINES``: whole lines that are never article text, looked up by their
  normalized form (``line_key``) in a dict that gives their cleaning kind.
- ``JUNK_PREFIXES``: short lines that start like a call to action ("Share on
  Facebook", "Sign up for our newsletter"), matched only on short lines.

``BOILERPLATE`` marks words that navigation, footers and notices use; the body
finder counts them as page evidence and as a penalty, never removes on them alone.
Every pattern here is anchored and bounded: matching is linear in the line length.
"""

from __future__ import annotations

import re

from newsdrop.text.lazyre import LazyPattern

# [ad_1], [ad_2], [ad#3], [advert], [sponsored], [/ad], [caption id="x"], [embed]…[/embed] tags
SHORTCODE = LazyPattern(
    r"\[/?(?:ads?|adsense|advert|advertisement|sponsored|caption|embed|tweet|video|gallery|audio|related)"
    r"(?:[ _#=-][^\[\]\n]{0,120})?\]",
    re.I,
)

# Whole lines that are junk, by kind. Keys are lower-case, without edge punctuation (see line_key).
_JUNK_BY_KIND: dict[str, tuple[str, ...]] = {
    "trailer": (
        "source link", "source", "top channel", "continue reading", "continue reading the main story",
        "read more", "read more here", "read the rest here", "read full article", "read full story",
        "read the full story", "read the full article", "click here to read more", "full story",
        "view comments", "comments", "post comment", "leave a comment", "leave a reply",
        "story continues below", "article continues below", "story continues", "back to top",
        "loading", "loading comments", "show more", "see more", "more", "print", "print this article",
        "email", "e-mail", "whatsapp", "facebook", "twitter", "linkedin", "pinterest", "reddit",
        "related", "related articles", "related stories", "related posts", "related content",
        "related news", "related links", "related topics", "related coverage", "related video",
        "top stories", "top news", "latest news", "latest stories", "more news", "more on this story",
        "more on this topic", "in other news", "editor's picks", "editors' picks", "popular", "popular now",
        "popular stories", "read next", "what to read next", "up next", "don't miss", "must read",
        "most shared", "most commented", "latest", "news feed", "from around the web", "around the web",
        "sponsored stories", "promoted stories", "we recommend", "recommended stories", "recommended",
        "recommended for you", "you may also like", "you might also like",
        "more from", "more stories", "most read", "most popular", "most viewed", "trending",
        "trending now", "also read", "also see", "see also", "watch", "watch now", "video",
        "photo", "image", "photos", "gallery", "skip to content", "skip to main content",
        "skip navigation", "supported by", "tags", "topics", "filed under",
    ),
    "ad": (
        "advertisement", "advertisements", "advertising", "sponsored", "sponsored content",
        "ad", "ads", "paid content", "promoted", "promoted content", "scroll to continue",
        "scroll to continue with content", "story continues after advertisement",
        "article continues after advertisement", "content continues below",
    ),
    "share": (
        "share", "share this", "share this article", "share this story", "share this post",
        "share on facebook", "share on twitter", "share via email", "share article", "share story",
        "tweet", "tweet this", "copy link", "copy link to clipboard", "copied", "share this with",
        "share or comment on this article", "share on whatsapp", "share on linkedin", "email this",
    ),
    "subscribe": (
        "subscribe", "subscribe now", "subscribe today", "sign up", "sign up now", "sign in",
        "log in", "login", "log out", "register", "newsletter", "newsletters", "get the newsletter",
        "subscribe to our newsletter", "sign up for our newsletter", "join now", "create account",
        "my account", "manage my account",
    ),
    "cookie": ("accept", "accept cookies", "accept all", "i accept", "got it", "ok", "cookie policy",
               "cookie settings", "manage cookies", "reject all"),
}
# Lines that open the list of links after an article.
SECTION_OPENERS = frozenset((
    "related", "related articles", "related stories", "related posts", "related content", "related news",
    "related links", "related topics", "related coverage", "recommended", "recommended for you",
    "recommended stories", "you may also like", "you might also like", "more stories", "more news",
    "most read", "most popular", "most viewed", "trending", "trending now", "top stories", "latest news",
    "read next", "what to read next", "up next", "also read", "see also", "more from", "more on this story",
    "more on this topic", "in other news", "editor's picks", "editors' picks", "from around the web",
    "around the web", "sponsored stories", "promoted stories", "we recommend", "don't miss", "must read",
    "popular stories",
))
JUNK_LINES: dict[str, str] = {line: kind for kind, lines in _JUNK_BY_KIND.items() for line in lines}

# Short lines that start like these are calls to action, not article text.
JUNK_PREFIXES = LazyPattern(
    r"(?i)(?:"
    r"(?P<share>share (?:this|on|via|the|article|story)\b|follow us\b|"
    r"follow (?:\w+ )?on (?:twitter|facebook|instagram)|like us on facebook|click to share|share:|tweet this)"
    r"|(?P<subscribe>subscribe (?:to|for|now|today|here)\b|sign up (?:for|to|here|now)\b|"
    r"get our \w+ newsletter|get the latest\b.{0,60}\b(?:inbox|newsletter)|"
    r"join our (?:newsletter|mailing list)|"
    r"download (?:the|our) app\b|already a subscriber|become a (?:member|subscriber)|"
    r"want more\b.{0,40}\bsign up)"
    r"|(?P<cookie>(?:we|this (?:web)?site|our (?:web)?site) uses? cookies|"
    r"by (?:continuing|using) (?:to use )?(?:this|our) (?:web)?site|we use cookies|"
    r"this website stores cookies|"
    r"cookie (?:policy|settings|consent)\b)"
    r"|(?P<trailer>read more:|read more at\b|see more:|more:|read also:|also read:|also read\s*[|-]|"
    r"related:|related articles?:|click here (?:to|for)\b|continue reading\b|source link\b|"
    r"see also:|watch:|watch video:|listen:|listen to this article|this article (?:was )?originally "
    r"(?:appeared|published)\b|the post\b.{0,200}\bappeared first on\b)"
    r")"
)
# Photo captions and credits: "Protesters in the square (Image: GETTY)", "Image copyright Getty Images"
CAPTION = LazyPattern(
    r"(?i)\((?:image|images|photo|photos|picture|pic|credit|video)s?:[^()]{1,60}\)\s*$|"
    r"^(?:image|photo|picture) (?:copyright|caption|credit)\b|^(?:photo|image|picture|credit)s?:\s"
)
# Teaser headlines tagged for the reader: "China furious at Macron [INSIGHT]", "Storm hits coast [VIDEO]"
TEASER_TAG = LazyPattern(r"\[[A-Z][A-Z ]{1,20}\]\W{0,3}$")
# Lines longer than this are never removed on a prefix alone.
JUNK_PREFIX_MAX_CHARS = 200

# Vocabulary of navigation, footers and notices: page evidence for the body finder.
BOILERPLATE = LazyPattern(
    r"(?i)\b(?:privacy(?: policy| notice| settings)?|terms (?:of|and) (?:use|service|conditions|sale)|"
    r"cookies?|all rights reserved|copyright|sitemap|site map|contact us|about us|advertise with us|"
    r"advertise|newsletters?|subscribe|subscription|sign (?:in|up)|log (?:in|out)|login|my account|"
    r"skip to|menu|search|home ?page|follow us|share|comments?|related|trending|most (?:read|popular|viewed)|"
    r"recommended|read more|photo gallery|videos?|podcasts?|careers?|faq|help|feedback|rss|"
    r"terms|accessibility|ad choices|do not sell)\b"
)
# Comment sections: "9. jdoe says:", "Reply", "12 Comments", "Leave a Reply", "November 19, 2019 at 8:13 am".
COMMENT_MARKER = LazyPattern(
    r"(?i)^(?:\d{1,4}\.\s+)?(?:\S[^\n]{0,60}\s(?:says|said|wrote|writes|replied|commented)\s*:"
    r"|(?:reply|report|flag|like|permalink|reply to this comment|report abuse|load more comments|"
    r"show comments|hide comments|add (?:a|your) comment|leave a (?:reply|comment)|post a comment|"
    r"join the (?:discussion|conversation)|comments? (?:are|have been) closed|"
    r"\d{1,6} (?:comments?|replies|responses)|comments? \(\d{1,6}\)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}, \d{4},? (?:at )?"
    r"\d{1,2}:\d{2}\s*(?:am|pm)?)$)"
)
COPYRIGHT = LazyPattern(r"(?i)(?:©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}|all rights reserved)")

# "Published 3:45 PM ET, Tue February 22, 2022", "Updated: Feb 22, 2022 10:01"
PUBLISHED_LINE = LazyPattern(
    r"(?i)^(?:(?:first |last )?(?P<kind>published|posted|updated|last updated|modified|date)"
    r"(?: on| at)?\s*[:|-]?\s*)(?P<value>.{4,80})$"
)
# Wire-service names that appear in bylines and datelines but are not authors.
AGENCIES = frozenset(
    """reuters ap afp upi dpa efe ansa xinhua tass ria pti ians ani cnn bloomberg associated press
    agence france-presse press association pa kyodo yonhap bernama anadolu""".split()
) | frozenset(("associated press", "agence france-presse", "press association", "the associated press",
               "staff", "staff reporter", "staff writer", "news desk", "web desk", "editorial staff",
               "bbc news", "cnn wire", "reuters staff", "our correspondent", "agencies", "wire services"))


def line_key(line: str) -> str:
    """A line's lookup key: lower-case, spaces collapsed, edge punctuation and arrows dropped."""
    return " ".join(line.lower().split()).strip(" \t.:;,!?|»«›‹>→←-–—•·*+…()[]\"'“”‘’")


def junk_kind(line: str) -> str | None:
    """The cleaning kind of ``line`` when it is a known junk line, else None."""
    if len(line) > JUNK_PREFIX_MAX_CHARS:
        return None
    kind = JUNK_LINES.get(line_key(line))
    if kind:
        return kind
    match = JUNK_PREFIXES.match(line.lstrip(" \t*•·-–—>»|"))
    if match:
        return match.lastgroup
    if CAPTION.search(line):
        return "caption"
    if TEASER_TAG.search(line):
        return "related"
    return None


# Back-compatible names of the first version.
TRAILER_LINES = tuple(line for line, kind in JUNK_LINES.items() if kind == "trailer")
JUNK_LINE = LazyPattern(r"(?i)(?:" + "|".join(re.escape(t) for t in TRAILER_LINES) + r")[:.!]?")
