"""The reader API on mock_aws: read_summary, iter_summaries (paging, filters, bad files), and the three
Athena queries of docs/summaries.md run through the reader so they are known to work."""

from __future__ import annotations

import json
import warnings
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import pytest

from newsdrop.models import ArticleSummary, Entity, ErrorDetail, ErrorRecord, Quote, Source
from tests.conftest import OUTPUT_BUCKET

NOW = datetime.now(UTC).replace(microsecond=0)


@lru_cache(maxsize=1)
def _base() -> ArticleSummary:
    from newsdrop import summarize

    return summarize(b"The harbour bridge reopened on Monday after repairs.", name="base.txt")


def article(key: str, **changes) -> ArticleSummary:
    """A valid summary of ``incoming/<key>`` with ``changes`` applied (processed_at may be given)."""
    base = _base()
    processed_at = changes.pop("processed_at", NOW.isoformat())
    processor = base.processor.model_copy(update={"processed_at": processed_at})
    source = Source(bucket="newsdrop-input", key=f"incoming/{key}", format="text")
    return base.model_copy(update={"id": key, "source": source, "processor": processor, **changes})


def error_record(key: str, code: str = "unsupported_format") -> ErrorRecord:
    return ErrorRecord(
        id=key, source=Source(key=f"incoming/{key}"), error=ErrorDetail(code=code, message="nope"),
        processor=_base().processor,
    )


def put(s3, key: str, record) -> None:
    body = record if isinstance(record, bytes | str) else record.model_dump_json()
    s3.put_object(Bucket=OUTPUT_BUCKET, Key=key, Body=body)


def person(name: str, *aliases: str) -> Entity:
    return Entity(name=name, type="PERSON", mentions=1 + len(aliases), aliases=list(aliases))


def org(name: str, *aliases: str) -> Entity:
    return Entity(name=name, type="ORGANIZATION", mentions=1, aliases=list(aliases))


def keys_of(records) -> list[str]:
    return sorted(r.id for r in records)


# ---------------------------------------------------------------- read_summary


def test_read_summary_returns_the_model_of_what_is_stored(s3):
    from newsdrop import read_summary

    put(s3, "summaries/a.txt.json", article("a.txt", title="Bridge reopens"))
    put(s3, "errors/b.pdf.json", error_record("b.pdf"))

    summary = read_summary(OUTPUT_BUCKET, "summaries/a.txt.json", client=s3)
    error = read_summary(OUTPUT_BUCKET, "errors/b.pdf.json", client=s3)

    assert isinstance(summary, ArticleSummary) and summary.title == "Bridge reopens"
    assert isinstance(error, ErrorRecord) and error.error.code == "unsupported_format"


@pytest.mark.parametrize(
    ("bucket", "key", "code"),
    [
        ("no-such-bucket", "summaries/a.txt.json", "bucket_not_found"),
        (OUTPUT_BUCKET, "summaries/missing.json", "summary_not_found"),
        (OUTPUT_BUCKET, "summaries/corrupt.json", "corrupt_summary"),
        (OUTPUT_BUCKET, "summaries/list.json", "corrupt_summary"),
        (OUTPUT_BUCKET, "summaries/invalid.json", "corrupt_summary"),
    ],
)
def test_read_summary_errors_have_stable_codes(s3, bucket, key, code):
    from newsdrop.errors import NewsdropError
    from newsdrop.reader import read_summary

    put(s3, "summaries/corrupt.json", b'{"schema_version": "1.0", "id": ')
    put(s3, "summaries/list.json", b"[1, 2]")
    put(s3, "summaries/invalid.json", json.dumps({"schema_version": "1.0", "id": "x"}))

    with pytest.raises(NewsdropError) as caught:
        read_summary(bucket, key, client=s3)
    assert caught.value.code == code


# ---------------------------------------------------------------- iter_summaries: paging and bad input


def test_iter_summaries_streams_page_by_page(s3):
    from newsdrop import iter_summaries

    body = article("x.txt").model_dump_json()
    for i in range(7):
        put(s3, f"summaries/{i:04d}.txt.json", body)
    calls = []
    s3.meta.events.register("before-call.s3.ListObjectsV2", lambda **kw: calls.append(1))

    scan = iter_summaries(OUTPUT_BUCKET, client=s3, page_size=3)
    first = next(scan)
    assert isinstance(first, ArticleSummary)
    assert len(calls) == 1, "the second page is requested only when the first is consumed"
    rest = list(scan)

    assert len(rest) == 6 and len(calls) == 3
    assert scan.stats.listed == scan.stats.yielded == 7


def test_a_corrupt_file_is_reported_and_skipped_the_rest_still_read(s3):
    from newsdrop.reader import CorruptSummaryWarning, iter_summaries

    put(s3, "summaries/a.txt.json", article("a.txt"))
    put(s3, "summaries/b.txt.json", b"\x89PNG not json")
    put(s3, "summaries/c.txt.json", article("c.txt"))
    put(s3, "summaries/README.md", b"not a summary, not even .json")

    with pytest.warns(CorruptSummaryWarning, match="b.txt.json"):
        scan = iter_summaries(OUTPUT_BUCKET, client=s3)
        found = list(scan)

    assert keys_of(found) == ["a.txt", "c.txt"]
    assert [bad.key for bad in scan.stats.bad] == ["summaries/b.txt.json"]
    assert scan.stats.ignored == 1 and scan.stats.listed == 4


def test_a_newer_schema_is_read_leniently_with_a_warning(s3):
    from newsdrop.reader import NewerSchemaWarning, iter_summaries, read_summary

    future = article("new.txt", title="From the future").model_dump(mode="json")
    future["schema_version"] = "2.0"
    future["sentiment"] = {"score": 0.4}  # a field v1 does not know, at the top
    future["entities"] = [{**person("Ada Lovelace").model_dump(), "wikidata": "Q7259"}]  # and nested
    put(s3, "summaries/new.txt.json", json.dumps(future))
    put(s3, "summaries/old.txt.json", article("old.txt"))

    with pytest.warns(NewerSchemaWarning, match="schema 2.0"):
        scan = iter_summaries(OUTPUT_BUCKET, client=s3)
        found = {s.id: s for s in scan}
    with pytest.warns(NewerSchemaWarning):
        single = read_summary(OUTPUT_BUCKET, "summaries/new.txt.json", client=s3)

    assert set(found) == {"new.txt", "old.txt"}
    assert found["new.txt"].title == single.title == "From the future"
    assert found["new.txt"].entities[0].name == "Ada Lovelace"
    assert scan.stats.newer_schema == 1 and not scan.stats.bad


def test_the_current_schema_is_validated_strictly(s3):
    from newsdrop.reader import CorruptSummaryWarning, iter_summaries

    extra = article("x.txt").model_dump(mode="json") | {"unknown_field": 1}
    put(s3, "summaries/x.txt.json", json.dumps(extra))

    with pytest.warns(CorruptSummaryWarning, match="unknown_field"):
        scan = iter_summaries(OUTPUT_BUCKET, client=s3)
        assert list(scan) == []
    assert len(scan.stats.bad) == 1


def test_a_missing_bucket_raises_a_clear_error():
    import boto3
    from moto import mock_aws

    from newsdrop.reader import BucketNotFoundError, iter_summaries

    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        with pytest.raises(BucketNotFoundError, match="no-such-bucket") as caught:
            list(iter_summaries("no-such-bucket", client=client))
    assert caught.value.code == "bucket_not_found"


def test_an_empty_prefix_yields_nothing(s3):
    from newsdrop.reader import iter_summaries

    put(s3, "summaries/a.txt.json", article("a.txt"))

    scan = iter_summaries(OUTPUT_BUCKET, prefix="summaries/2031/", client=s3)

    assert list(scan) == [] and scan.stats.listed == 0


def test_error_records_come_only_when_asked_walking_the_mirrored_prefix(s3):
    from newsdrop.reader import iter_summaries

    put(s3, "summaries/2024/a.txt.json", article("a.txt"))
    put(s3, "errors/2024/b.pdf.json", error_record("b.pdf"))
    put(s3, "errors/2023/c.pdf.json", error_record("c.pdf"))

    plain = list(iter_summaries(OUTPUT_BUCKET, prefix="summaries/2024/", client=s3))
    both = list(iter_summaries(OUTPUT_BUCKET, prefix="summaries/2024/", client=s3, include_errors=True))

    assert keys_of(plain) == ["a.txt"]
    assert keys_of(both) == ["a.txt", "b.pdf"]
    assert isinstance(next(r for r in both if r.id == "b.pdf"), ErrorRecord)


# ---------------------------------------------------------------- filters


@pytest.fixture
def corpus(s3):
    """Five articles covering every filter's edge."""
    items = [
        article("en-new.txt", language="en", published=(NOW - timedelta(days=1)).isoformat(),
                entities=[person("Vladimir Putin", "Putin"), org("European Central Bank", "ECB")]),
        article("en-old.txt", language="en", published="2020-01-15",
                entities=[org("Acme Corp")]),
        article("fr-date.txt", language="fr", published=(NOW - timedelta(days=2)).date().isoformat(),
                entities=[person("Christine Lagarde")]),
        article("de-undated.txt", language="de", published=None, processed_at=NOW.isoformat(),
                entities=[person("ecb")]),  # a PERSON named like the ORGANIZATION's alias
        article("xx-undated-old.txt", language=None, published=None, processed_at="2019-05-01T00:00:00Z"),
    ]
    for item in items:
        put(s3, f"summaries/{item.id}.json", item)
    return s3


WEEK_AGO = NOW - timedelta(days=7)


FILTER_CASES = [
    ({}, ["de-undated.txt", "en-new.txt", "en-old.txt", "fr-date.txt", "xx-undated-old.txt"]),
    ({"since": WEEK_AGO}, ["de-undated.txt", "en-new.txt", "fr-date.txt"]),  # fallback: processed_at
    ({"since": WEEK_AGO.date()}, ["de-undated.txt", "en-new.txt", "fr-date.txt"]),  # a date works too
    ({"since": WEEK_AGO.replace(tzinfo=None)}, ["de-undated.txt", "en-new.txt", "fr-date.txt"]),  # naive=UTC
    ({"since": date(2020, 1, 15)}, ["de-undated.txt", "en-new.txt", "en-old.txt", "fr-date.txt"]),
    ({"since": "2020-01-15T00:00:00Z"}, ["de-undated.txt", "en-new.txt", "en-old.txt", "fr-date.txt"]),
    ({"since": "2020-01-16"}, ["de-undated.txt", "en-new.txt", "fr-date.txt"]),
    ({"language": "EN"}, ["en-new.txt", "en-old.txt"]),
    ({"language": "fr"}, ["fr-date.txt"]),
    ({"entity": "putin"}, ["en-new.txt"]),  # an alias, another case
    ({"entity": "  Vladimir   PUTIN "}, ["en-new.txt"]),  # spacing folded
    ({"entity": "ECB"}, ["de-undated.txt", "en-new.txt"]),
    ({"entity": "ECB", "entity_type": "ORGANIZATION"}, ["en-new.txt"]),
    ({"entity": "Putin", "language": "fr"}, []),
    ({"entity": "Nobody"}, []),
]


def test_filters(corpus):
    """Table-driven in one test: the corpus is built once (mock_aws set-up dominates the run time)."""
    from newsdrop.reader import iter_summaries

    for filters, expected in FILTER_CASES:
        assert keys_of(iter_summaries(OUTPUT_BUCKET, client=corpus, **filters)) == expected, filters


def test_since_rejects_what_is_not_a_date(s3):
    from newsdrop.reader import iter_summaries

    with pytest.raises(ValueError, match="last tuesday"):
        iter_summaries(OUTPUT_BUCKET, since="last tuesday", client=s3)


def test_filtered_records_are_counted_not_yielded(corpus):
    from newsdrop.reader import iter_summaries

    scan = iter_summaries(OUTPUT_BUCKET, language="en", client=corpus)
    assert len(list(scan)) == 2 and scan.stats.filtered == 3 and scan.stats.read == 5


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-11", datetime(2024, 3, 11, tzinfo=UTC)),
        ("2024-03-11T09:31:00Z", datetime(2024, 3, 11, 9, 31, tzinfo=UTC)),
        ("2024-03-11T11:31:00+02:00", datetime(2024, 3, 11, 9, 31, tzinfo=UTC)),
        ("2024-03-11T09:31:00", datetime(2024, 3, 11, 9, 31, tzinfo=UTC)),
        ("2024-03", None),
        ("--02-22", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_when(value, expected):
    from newsdrop.reader import parse_when

    assert parse_when(value) == expected


# ---------------------------------------------------------------- the three Athena queries via the reader


@pytest.fixture
def newsroom(s3):
    """A week of news: quotes with speakers, languages, days, organizations."""

    def quotes(*speakers):
        return [Quote(text=f"words {i}", speaker=s, start=i * 10, end=i * 10 + 5)
                for i, s in enumerate(speakers)]

    day = lambda n: (NOW - timedelta(days=n)).isoformat()  # noqa: E731
    items = [
        article("1.txt", language="en", published=day(1),
                entities=[person("Christine Lagarde", "Lagarde"), org("European Central Bank", "ECB")],
                quotes=quotes("Christine Lagarde", "Christine Lagarde", None)),
        article("2.txt", language="en", published=day(1),
                entities=[person("Christine Lagarde"), person("Olaf Scholz")],
                quotes=quotes("Christine Lagarde", "Olaf Scholz")),
        article("3.txt", language="de", published=day(2),
                entities=[person("Olaf Scholz"), org("European Central Bank", "EZB")],
                quotes=quotes("Olaf Scholz")),
        article("4.txt", language="en", published=day(30),  # quoted often, but last month
                entities=[person("Olaf Scholz")], quotes=quotes(*["Olaf Scholz"] * 5)),
        article("5.txt", language="fr", published=day(2), entities=[org("Banque de France")],
                quotes=quotes("Banque de France")),  # an organization's statement is not a person's
    ]
    for item in items:
        put(s3, f"summaries/{item.id}.json", item)
    return s3


def test_athena_query_1_most_quoted_people_this_week(newsroom):
    from newsdrop.reader import iter_summaries

    counts = Counter(
        quote.speaker
        for summary in iter_summaries(OUTPUT_BUCKET, since=NOW - timedelta(days=7), client=newsroom)
        for quote in summary.quotes
        if quote.speaker in {e.name for e in summary.entities if e.type == "PERSON"}
    )

    assert counts.most_common() == [("Christine Lagarde", 3), ("Olaf Scholz", 2)]


def test_athena_query_2_articles_per_language_per_day(newsroom):
    from newsdrop.reader import event_time, iter_summaries

    summaries = iter_summaries(OUTPUT_BUCKET, client=newsroom)
    per_day = Counter((event_time(s).date(), s.language or "unknown") for s in summaries)

    d = lambda n: (NOW - timedelta(days=n)).date()  # noqa: E731
    assert per_day == {(d(1), "en"): 2, (d(2), "de"): 1, (d(2), "fr"): 1, (d(30), "en"): 1}


def test_athena_query_3_all_articles_mentioning_an_organization(newsroom):
    from newsdrop.reader import iter_summaries

    by_alias = iter_summaries(OUTPUT_BUCKET, entity="ECB", entity_type="ORGANIZATION", client=newsroom)
    by_name = iter_summaries(
        OUTPUT_BUCKET, entity="european central bank", entity_type="ORGANIZATION", client=newsroom
    )

    assert keys_of(by_alias) == ["1.txt"]
    assert keys_of(by_name) == ["1.txt", "3.txt"]


def test_no_warning_on_a_clean_walk(newsroom):
    from newsdrop.reader import iter_summaries

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(list(iter_summaries(OUTPUT_BUCKET, client=newsroom))) == 5
