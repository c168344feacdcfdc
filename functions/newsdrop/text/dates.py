"""Dates: normalizing publication dates and finding dates mentioned in the body.

``extract_dates`` reads absolute dates ("February 22, 2022", "22 Feb 2022",
"2022-02-22", "Feb. 22"), months with a year ("March 2021"), bare years after a
preposition ("since 2014") and, only when the publication date is known,
weekdays ("on Tuesday") and relative days ("yesterday", "last week"). A date
without a year gets a partial value ("--02-22") unless the publication date
gives one; nothing is ever resolved against today's date.

One compiled pattern (bounded alternatives, no nested repetition) is tried where
a date can start, found by one quick scan, so the work is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from newsdrop.models import DateMention
from newsdrop.text.lazyre import LazyPattern

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?"
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[6-9]\d\d|2[01]\d\d)(?![\d,]\d)"
_SP = r"[ \t\xa0]{1,3}"

DATE_PATTERN = LazyPattern(
    rf"""
    \b(?=[\dA-Zlnty])(?:
      (?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))(?![\d-])
    | (?P<mdy>(?:{_WEEKDAY},?{_SP})?(?P<m1>{_MONTH}){_SP}(?P<d1>{_DAY})(?:,?{_SP}(?P<y1>{_YEAR}))?)
    | (?P<dmy>(?:{_WEEKDAY},?{_SP})?(?P<d2>{_DAY}){_SP}(?:of{_SP})?(?P<m2>{_MONTH})
             (?:,?{_SP}(?P<y2>{_YEAR}))?)
    | (?P<my>(?P<m3>{_MONTH}),?{_SP}(?P<y3>{_YEAR}))
    | (?P<num>(?P<n1>\d{{1,2}})/(?P<n2>\d{{1,2}})/(?P<n3>\d{{4}}))(?![\d/])
    | (?P<rel>(?P<rq>[Ll]ast|[Nn]ext|[Tt]his){_SP}(?P<ru>week|month|year|{_WEEKDAY}))
    | (?P<wd>{_WEEKDAY})
    | (?P<day>[Yy]esterday|[Tt]oday|[Tt]omorrow)
    | (?P<year>{_YEAR})
    )\b
    """,
    re.VERBOSE,
)

# Where DATE_PATTERN can start: a word start with a digit or the first letters of a month, weekday or
# relative word. The regex engine scans quickly only for a pattern that opens with a character class, so
# the class comes first and the check looks back one character (a lookahead inside a lookbehind).
# Lower-case "last", "this", ... are found with ``str.find`` (in the class, "t" and "n" would stop the
# scan in most words). The class lists the decimal digits of other scripts in the BMP (the tests check
# it against ``str.isdecimal``), so text in those scripts does not stop the scan at every letter; it is
# compiled to one table lookup per character. Beyond the BMP every character is let through.
_START = (
    r"\b(?:\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|Last|Next|This|Yesterday|Today|Tomorrow)"
)
_OTHER_DIGITS = (
    "\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef"
    "\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def\u0e50-\u0e59"
    "\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099\u17e0-\u17e9\u1810-\u1819\u1946-\u194f"
    "\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59"
    "\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59\uabf0-\uabf9"
    "\uff10-\uff19"
)
_CANDIDATE = LazyPattern(rf"[0-9JFMASONDTWLY{_OTHER_DIGITS}\U00010000-\U0010ffff](?<=(?={_START}).)")
LOWER_CASE_STARTS = ("last", "next", "this", "yesterday", "today", "tomorrow")

# A bare year counts only after one of these words ("since 2014", "in 2008", "mid-2014").
YEAR_CUES = frozenset(
    "in since by from until till before after of to and or between through during early late mid "
    "around circa spring summer autumn fall winter year".split()
)
_WORD_BEFORE = LazyPattern(r"([A-Za-z]+)[ \t\xa0-]{1,3}$")
_FUTURE_CUE = LazyPattern(r"\b(?:will|'ll|’ll|shall|is due|are due|scheduled|plans? to|expected to|next)\b")
_ISO_DATETIME = LazyPattern(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_CLOCK = LazyPattern(r"\d{1,2}:\d{2}")
_RFC_START = LazyPattern(r"(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} ")
_TIME_AFTER = LazyPattern(r"[ ,|•·—–-]{1,5}(?:at )?\d{1,2}[:.]\d{2}")
_COMPACT = LazyPattern(r"(\d{4})(\d{2})(\d{2})")
_YMD = LazyPattern(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")
_DMY_DOTS = LazyPattern(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def extract_dates(text: str, published: str | None) -> list[DateMention]:
    """Dates written in ``text``, in order; relative ones only when ``published`` is known."""
    anchor = _anchor(published)
    mentions: list[DateMention] = []
    for match in _date_matches(text):
        value = _value(match, text, anchor)
        if value:
            mentions.append(DateMention(text=match.group(), value=value, start=match.start()))
    return mentions


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``DATE_PATTERN.finditer(text)`` yields, trying the pattern only where it can start."""
    starts = [match.start() for match in _CANDIDATE.finditer(text)]
    find = text.find
    for word in LOWER_CASE_STARTS:
        at = find(word)
        while at >= 0:
            starts.append(at)
            at = find(word, at + 1)
    starts.sort()
    match_at = DATE_PATTERN.match
    end = 0
    for start in starts:
        if start >= end and (match := match_at(text, start)) is not None:
            yield match
            end = match.end()


def _anchor(published: str | None) -> date | None:
    """The publication date as a ``date``, or None when it is not a full date."""
    if not published:
        return None
    match = _ISO_DATETIME.match(published.strip())
    if not match:
        return None
    return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _value(match: re.Match[str], text: str, anchor: date | None) -> str | None:
    """The ISO value of one pattern match, or None to skip it."""
    group = match.lastgroup
    if group == "iso":
        found = _date(int(match["iy"]), int(match["im"]), int(match["id"]))
        return found.isoformat() if found else None
    if group in ("mdy", "dmy"):
        month = _month(match["m1"] or match["m2"])
        day = int((match["d1"] or match["d2"]).rstrip("stndrh"))
        year = match["y1"] or match["y2"]
        return _month_day(month, day, int(year) if year else None, anchor)
    if group == "my":
        return f"{int(match['y3']):04d}-{_month(match['m3']):02d}"
    if group == "num":
        return _numeric(int(match["n1"]), int(match["n2"]), int(match["n3"]))
    if group == "year":
        return _year(match, text)
    if anchor is None:
        return None
    if group == "rel":
        return _relative(match["rq"].lower(), match["ru"].lower(), anchor)
    if group == "wd":
        future = _FUTURE_CUE.search(text, max(0, match.start() - 60), match.start()) is not None
        return _weekday(WEEKDAYS[match["wd"].lower()], anchor, future=future).isoformat()
    if group == "day":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[match["day"].lower()]
        return (anchor + timedelta(days=shift)).isoformat()
    return None


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _month_day(month: int, day: int, year: int | None, anchor: date | None) -> str | None:
    """"2022-02-22" with a year; the year nearest ``anchor`` without one; else "--02-22"."""
    if year is not None:
        found = _date(year, month, day)
        return found.isoformat() if found else None
    if anchor is None:
        return f"--{month:02d}-{day:02d}" if _date(2000, month, day) else None
    candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _date(y, month, day))]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor)).isoformat()


def _numeric(first: int, second: int, year: int) -> str | None:
    """A d/m/y or m/d/y date, only when the order is certain (one part above 12, or both equal)."""
    if first > 12 >= second:
        found = _date(year, second, first)
    elif second > 12 >= first or first == second:
        found = _date(year, first, second)
    else:
        return None
    return found.isoformat() if found else None


def _weekday(weekday: int, anchor: date, *, future: bool) -> date:
    """The nearest such weekday: on or before ``anchor``, or after it for future tense."""
    if future:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _relative(qualifier: str, unit: str, anchor: date) -> str:
    """"last week" -> ISO week, "next month" -> "YYYY-MM", "this year" -> "YYYY", "last Friday" -> date."""
    step = {"last": -1, "this": 0, "next": 1}[qualifier]
    if unit == "week":
        year, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "year":
        return f"{anchor.year + step:04d}"
    weekday = WEEKDAYS[unit]
    if step < 0:
        return (anchor - timedelta(days=(anchor.weekday() - weekday) % 7 or 7)).isoformat()
    if step > 0:
        return _weekday(weekday, anchor, future=True).isoformat()
    return _weekday(weekday, anchor, future=False).isoformat()


def _year(match: re.Match[str], text: str) -> str | None:
    """A bare year, kept only after a cue word ("since 2014") and not before "%" or a unit."""
    start, end = match.start(), match.end()
    if end < len(text) and text[end] in "%$€£":
        return None
    before = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if before is None or before.group(1).lower() not in YEAR_CUES:
        return None
    return match.group()


def normalize_date(value: str) -> str | None:
    """An ISO 8601 date(-time) for a publication date ``value``, or None when unsure.

    Accepts ISO 8601, RFC 2822 ("Tue, 22 Feb 2022 10:00:00 GMT"), "February 22, 2022",
    "22 Feb 2022", "2022/02/22", "20220222", "22.02.2022", and d/m/y or m/d/y only when
    one part is above 12 (so "03/04/2022" is refused).
    """
    value = " ".join(value.split())
    if not value or len(value) > 80:
        return None
    return (
        _normalize_iso(value)
        or _normalize_rfc2822(value)
        or _normalize_written(value)
        or _normalize_numeric(value)
    )


def _normalize_iso(value: str) -> str | None:
    match = _ISO_DATETIME.fullmatch(value)
    if not match:
        return None
    if match.group(4) is None:
        found = _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return found.isoformat() if found else None
    try:
        return datetime.fromisoformat(value.replace(" ", "T", 1)).isoformat()
    except ValueError:
        found = _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return found.isoformat() if found else None


def _normalize_rfc2822(value: str) -> str | None:
    if not _CLOCK.search(value) or not (_RFC_START.match(value)):
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.isoformat() if parsed else None


def _normalize_written(value: str) -> str | None:
    match = DATE_PATTERN.match(value)
    if not match or match.lastgroup not in ("mdy", "dmy") or not (match["y1"] or match["y2"]):
        return None
    if value[match.end() :].strip(" ,.") and not _TIME_AFTER.match(value, match.end()):
        return None
    return _value(match, value, None)


def _normalize_numeric(value: str) -> str | None:
    if match := _COMPACT.fullmatch(value) or _YMD.fullmatch(value):
        found = _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return found.isoformat() if found else None
    if match := _DMY_DOTS.fullmatch(value):
        found = _date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return found.isoformat() if found else None
    match = DATE_PATTERN.fullmatch(value)
    if match and match.lastgroup == "num":
        return _value(match, value, None)
    return None
