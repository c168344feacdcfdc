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

Case-insensitive patterns are slow to search, so each runs only after a cheap test
that it could match: a literal start or end it needs, a word it needs in the
lower-cased text (``folded``, ``may_hold``, ``may_have_copyright``).
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

# Short lines that start like these are calls to action, not article text. Each alternative opens with
# literal words (``literal_head``), so a line whose lower-cased start has none of them is never matched.
_JUNK_PREFIX_TERMS: dict[str, tuple[str, ...]] = {
    "share": (
        r"share (?:this|on|via|the|article|story)\b", r"follow us\b",
        r"follow (?:\w+ )?on (?:twitter|facebook|instagram)", r"like us on facebook", r"click to share",
        r"share:", r"tweet this",
    ),
    "subscribe": (
        r"subscribe (?:to|for|now|today|here)\b", r"sign up (?:for|to|here|now)\b", r"get our \w+ newsletter",
        r"get the latest\b.{0,60}\b(?:inbox|newsletter)", r"join our (?:newsletter|mailing list)",
        r"download (?:the|our) app\b", r"already a subscriber", r"become a (?:member|subscriber)",
        r"want more\b.{0,40}\bsign up",
    ),
    "cookie": (
        r"we uses? cookies", r"this (?:web)?site uses? cookies", r"our (?:web)?site uses? cookies",
        r"by (?:continuing|using) (?:to use )?(?:this|our) (?:web)?site", r"we use cookies",
        r"this website stores cookies", r"cookie (?:policy|settings|consent)\b",
    ),
    "trailer": (
        r"read more:", r"read more at\b", r"see more:", r"more:", r"read also:", r"also read:",
        r"also read\s*[|-]", r"related:", r"related articles?:", r"click here (?:to|for)\b",
        r"continue reading\b", r"source link\b", r"see also:", r"watch:", r"watch video:", r"listen:",
        r"listen to this article", r"this article (?:was )?originally (?:appeared|published)\b",
        r"the post\b.{0,200}\bappeared first on\b",
    ),
}
JUNK_PREFIXES = LazyPattern(
    "(?i)(?:" + "|".join(f"(?P<{kind}>{'|'.join(terms)})" for kind, terms in _JUNK_PREFIX_TERMS.items()) + ")"
)
# Characters a call to action may be bulleted or boxed with.
JUNK_PREFIX_LEAD = " \t*•·-–—>»|"
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
_BOILERPLATE_TERMS = (
    "privacy(?: policy| notice| settings)?", "terms (?:of|and) (?:use|service|conditions|sale)", "cookies?",
    "all rights reserved", "copyright", "sitemap", "site map", "contact us", "about us", "advertise with us",
    "advertise", "newsletters?", "subscribe", "subscription", "sign (?:in|up)", "log (?:in|out)", "login",
    "my account", "skip to", "menu", "search", "home ?page", "follow us", "share", "comments?", "related",
    "trending", "most (?:read|popular|viewed)", "recommended", "read more", "photo gallery", "videos?",
    "podcasts?", "careers?", "faq", "help", "feedback", "rss", "terms", "accessibility", "ad choices",
    "do not sell",
)
BOILERPLATE = LazyPattern(r"(?i)\b(?:" + "|".join(_BOILERPLATE_TERMS) + r")\b")
# The same, case-sensitive, for ``folded`` text: it matches there just where BOILERPLATE matches the
# text (lower-casing keeps every character's length and word-ness but for İ, one of CASE_FOLDS).
BOILERPLATE_FOLDED = LazyPattern(r"\b(?:" + "|".join(_BOILERPLATE_TERMS) + r")\b")
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


# Characters a line key drops at its edges.
KEY_EDGE = " \t.:;,!?|»«›‹>→←-–—•·*+…()[]\"'“”‘’"
# Non-ASCII characters a case-insensitive pattern matches as an ASCII letter (İ and ı as "i", ſ as "s",
# the Kelvin sign as "k"). In a text without them, such a pattern's letters match only where the
# lower-cased text holds them, so a plain substring test on ``folded(text)`` may rule the pattern out.
CASE_FOLDS = "\u0130\u0131\u017f\u212a"
COPYRIGHT_HEADS = ("©", "(c)", "copyright", "all rights reserved")
# Starts of the lines a caption pattern alternative anchors at the line start.
_CAPTION_STARTS = ("image", "photo", "picture", "credit")


def literal_head(term: str) -> str:
    """The literal text every match of the regex ``term`` opens with (lower-case letters, spaces, ':')."""
    head = []
    for char in term:
        if char in "\\[(.*+?{|^$":
            if char in "?*{" and head:
                head.pop()  # the previous character is optional
            break
        head.append(char)
    return "".join(head)


_JUNK_PREFIX_HEADS = tuple(literal_head(t) for terms in _JUNK_PREFIX_TERMS.values() for t in terms)
_JUNK_PREFIX_HEAD_CHARS = max(map(len, _JUNK_PREFIX_HEADS))
# The heads by their first letter, in either case ("" is no key: an empty line has no head).
_JUNK_PREFIX_HEADS_BY_CHAR = {
    first: tuple(head for head in _JUNK_PREFIX_HEADS if head[0] == first.lower())
    for first in {case(head[0]) for head in _JUNK_PREFIX_HEADS for case in (str.lower, str.upper)}
}
# The first two characters, in any case, of the lines a prefix or caption pattern may match (after no
# lead character): every pattern's head is at least that long.
_JUNK_STARTS = frozenset(
    a + b
    for head in (*_JUNK_PREFIX_HEADS, *_CAPTION_STARTS)
    for a in (head[0].lower(), head[0].upper())
    for b in (head[1].lower(), head[1].upper())
)
_CAPTION_FIRST = frozenset(case(start[0]) for start in _CAPTION_STARTS for case in (str.lower, str.upper))
_CAPTION_START_CHARS = max(map(len, _CAPTION_STARTS))
_JUNK_LINE_CHARS = max(map(len, JUNK_LINES))


def has_case_folds(text: str) -> bool:
    """Whether ``text`` holds one of CASE_FOLDS."""
    return not text.isascii() and (
        "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text
    )


def folded(text: str) -> str | None:
    """``text.lower()``, or None when ``text`` holds one of CASE_FOLDS (then no substring test is sound)."""
    return None if has_case_folds(text) else text.lower()


def may_hold(low: str | None, heads: tuple[str, ...]) -> bool:
    """False only when ``low`` (from ``folded``) holds none of ``heads``: the pattern cannot match."""
    if low is None:
        return True
    for head in heads:  # noqa: SIM110 - a plain loop is faster than any() over a generator
        if head in low:
            return True
    return False


def may_have_copyright(text: str) -> bool:
    """False only when COPYRIGHT matches nowhere in ``text`` (one pass over the text, not one per line)."""
    if "©" in text or has_case_folds(text):
        return True
    # Every other match is ASCII, so it survives in the lower-cased ASCII letters of the text, read a
    # window at a time (windows overlap by more than the longest match head).
    if "(" in text and ("(c)" in text or "(C)" in text):
        return True
    # "copyright" and "all rights reserved" share "right"; it is looked for first.
    step = 1 << 16
    for start in range(0, len(text), step):
        window = text[start:start + step + 32].encode("ascii", "ignore").lower()
        if b"right" in window and (b"copyright" in window or b"all rights reserved" in window):
            return True
    return False


def line_key(line: str) -> str:
    """A line's lookup key: lower-case, spaces collapsed, edge punctuation and arrows dropped."""
    # Only ASCII space is both whitespace and printable: a printable line without double spaces
    # needs no collapsing.
    if line.isprintable() and "  " not in line:
        return line.lower().strip(KEY_EDGE)
    return " ".join(line.lower().split()).strip(KEY_EDGE)


def junk_kind(line: str, printable: bool | None = None) -> str | None:
    """The cleaning kind of ``line`` when it is a known junk line, else None.

    ``printable`` is ``line.isprintable()`` when the caller knows it. Long lines are never lower-cased
    whole: a key longer than any junk line's cannot be one, and prefixes are tested on the line's start.
    """
    if len(line) > JUNK_PREFIX_MAX_CHARS:
        return None
    if printable is None:
        printable = line.isprintable()
    if printable:
        # Its only spaces are " ": the key is the core, lower-cased, runs of spaces made one; it is at
        # least as long as the core's other characters (lower-casing never shortens).
        core = line.strip(KEY_EDGE)
        if len(core) - core.count(" ") <= _JUNK_LINE_CHARS:
            kind = JUNK_LINES.get(core.lower() if "  " not in core else " ".join(core.lower().split()))
            if kind:
                return kind
    else:
        kind = JUNK_LINES.get(" ".join(line.lower().split()).strip(KEY_EDGE))
        if kind:
            return kind
    # Each pattern below needs a literal start or end; its search runs only when the line has it, or
    # holds a character the pattern could read as a letter of it. Most lines have none of them: one
    # test of the line's first two characters, and one of ")", "[" and those characters, rules them out.
    if (
        line[:2] not in _JUNK_STARTS
        and line[:1] not in JUNK_PREFIX_LEAD
        and ")" not in line
        and "[" not in line
        and (line.isascii() or not has_case_folds(line))
    ):
        return None
    folds = False if line.isascii() else has_case_folds(line)
    first = line[:1]
    lead = line.lstrip(JUNK_PREFIX_LEAD) if first in JUNK_PREFIX_LEAD else line
    heads = _JUNK_PREFIX_HEADS_BY_CHAR.get(lead[:1])
    if folds or (heads and lead[:_JUNK_PREFIX_HEAD_CHARS].lower().startswith(heads)):
        match = JUNK_PREFIXES.match(lead)
        if match:
            return match.lastgroup
    if (
        folds
        or line.rstrip().endswith(")")
        or (first in _CAPTION_FIRST and line[:_CAPTION_START_CHARS].lower().startswith(_CAPTION_STARTS))
    ) and CAPTION.search(line):
        return "caption"
    if "[" in line and TEASER_TAG.search(line):
        return "related"
    return None


# Back-compatible names of the first version.
TRAILER_LINES = tuple(line for line, kind in JUNK_LINES.items() if kind == "trailer")
JUNK_LINE = LazyPattern(r"(?i)(?:" + "|".join(re.escape(t) for t in TRAILER_LINES) + r")[:.!]?")
