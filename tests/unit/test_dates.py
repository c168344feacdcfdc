"""Dates mentioned in the body, and publication-date normalization."""

from __future__ import annotations

import pytest

from newsdrop.text.dates import extract_dates, normalize_date


def found(text: str, published: str | None = None) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in extract_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("It began on February 22, 2022.", None, [("February 22, 2022", "2022-02-22")]),
        ("It began 22 Feb 2022 at noon.", None, [("22 Feb 2022", "2022-02-22")]),
        ("Filed 2022-02-22 in court.", None, [("2022-02-22", "2022-02-22")]),
        ("Talks on Feb. 22 failed.", None, [("Feb. 22", "--02-22")]),
        ("Talks on February 22 failed.", "2022-02-25", [("February 22", "2022-02-22")]),
        ("Plans for Jan. 3 were set.", "2021-12-28T10:00:00Z", [("Jan. 3", "2022-01-03")]),
        ("Back on December 30 it rained.", "2022-01-02", [("December 30", "2021-12-30")]),
        ("The 3rd of March, 2020 was wet.", None, [("3rd of March, 2020", "2020-03-03")]),
        ("Prices peaked in March 2021.", None, [("March 2021", "2021-03")]),
        ("Fighting since 2014 and in 2008.", None, [("2014", "2014"), ("2008", "2008")]),
        ("He bought 2014 shares.", None, []),
        ("It rose 2014% in 2019.", None, [("2019", "2019")]),
        ("On Tuesday he left.", None, []),
        ("On Tuesday he left.", "2022-02-24", [("Tuesday", "2022-02-22")]),
        ("He will speak on Monday.", "2022-02-24", [("Monday", "2022-02-28")]),
        ("It happened yesterday.", "2022-03-01", [("yesterday", "2022-02-28")]),
        ("It happened yesterday.", None, []),
        ("Last week was calm.", "2022-02-24", [("Last week", "2022-W07")]),
        ("Sales fell last year.", "2022-02-24", [("last year", "2021")]),
        ("Thursday March 31, 2011 was busy.", None, [("Thursday March 31, 2011", "2011-03-31")]),
        ("Due by 22/02/2022 or 03/04/2022.", None, [("22/02/2022", "2022-02-22")]),
        ("Nothing on February 30 happened.", None, []),
        ("Dated 2022-13-45 oddly.", None, []),
    ],
)
def test_extract_dates(text: str, published: str | None, expected: list[tuple[str, str]]) -> None:
    assert found(text, published) == expected


def test_offsets_point_at_the_mention() -> None:
    text = "Putin said on February 21 that, since 2014, talks failed. On Tuesday, more."
    mentions = extract_dates(text, "2022-02-24")
    assert len(mentions) == 3
    for mention in mentions:
        assert text[mention.start : mention.start + len(mention.text)] == mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Where a date can start is found by a quick scan: every kind of start must still be found.
        ("filed ٢٠٢٢-٠٢-٢٢ and 2०22-02-2२", [("٢٠٢٢-٠٢-٢٢", "2022-02-22"), ("2०22-02-2२", "2022-02-22")]),
        ("from 𝟐𝟎𝟐𝟐-𝟎𝟐-𝟐𝟐 on", [("𝟐𝟎𝟐𝟐-𝟎𝟐-𝟐𝟐", "2022-02-22")]),
        ("on 1२/31/2020", [("1२/31/2020", "2020-12-31")]),
        ("it ended this week.", [("this week", "2022-W08")]),
        ("a blast this thistle next month", [("next month", "2022-03")]),
        ("due tomorrow, not today", [("tomorrow", "2022-02-25"), ("today", "2022-02-24")]),
        # A lower-case relative phrase consumes its weekday, as a scan of every position would.
        ("this Monday, March 1", [("this Monday", "2022-02-21"), ("March 1", "2022-03-01")]),
        ("“February 22” and (2022-02-23)", [("February 22", "2022-02-22"), ("2022-02-23", "2022-02-23")]),
        ("Themes of Mayhem in Sunderland", []),
    ],
)
def test_every_kind_of_start_is_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "2022-02-24") == expected


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000, "Monday " * 30_000, "2014-" * 30_000, "Feb. " * 30_000, "12/" * 30_000,
        "this " * 30_000, "ट" * 100_000,
    ],
)
def test_adversarial_inputs_finish(text: str) -> None:
    assert isinstance(extract_dates(text, "2022-02-24"), list)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-22", "2022-02-22"),
        ("2022-02-22T10:00:00Z", "2022-02-22T10:00:00+00:00"),
        ("2022-02-22 10:00:00", "2022-02-22T10:00:00"),
        ("Tue, 22 Feb 2022 10:00:00 GMT", "2022-02-22T10:00:00+00:00"),
        ("February 22, 2022", "2022-02-22"),
        ("Feb. 22, 2022", "2022-02-22"),
        ("22 Feb 2022", "2022-02-22"),
        ("Tuesday, February 22, 2022 10:30 AM", "2022-02-22"),
        ("February 22, 2022 | 3:00 PM", "2022-02-22"),
        ("February 22, 2022 and more", None),
        ("22/02/2022", "2022-02-22"),
        ("02/22/2022", "2022-02-22"),
        ("03/04/2022", None),
        ("2022/02/22", "2022-02-22"),
        ("20220222", "2022-02-22"),
        ("22.02.2022", "2022-02-22"),
        ("February 22", None),
        ("yesterday", None),
        ("2022-13-01", None),
        ("Feb 30, 2022", None),
        ("", None),
        ("not a date", None),
    ],
)
def test_normalize_date(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_no_digit_of_any_script_is_left_out_of_the_start_scan() -> None:
    import re

    from newsdrop.text.dates import _CANDIDATE

    scanned = re.compile(_CANDIDATE.pattern.split("(?<=")[0])
    digits = [chr(c) for c in range(0x110000) if chr(c).isdecimal()]
    assert all(scanned.match(d) for d in digits)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("It began on the 3rd of March 2021.", ["2021-03-03"]),
        ("NATO grew in 2014; AND in 2008.", ["2014", "2008"]),
        ("Why? Since 2014, “yes” – on Feb. 22, 2022.", ["2014", "2022-02-22"]),
        ("Москва: since 2014 and on 22 February 2022", ["2014", "2022-02-22"]),
    ],
)
def test_dates_in_text_with_marks_and_other_scripts(text: str, values: list[str]) -> None:
    assert [d.value for d in extract_dates(text, None)] == values
