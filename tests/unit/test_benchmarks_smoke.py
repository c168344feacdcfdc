"""The bench harness's building blocks work (no timing assertions: `make bench` measures)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from benchmarks import corpus, stages
from benchmarks.coldstart import sqs_event
from benchmarks.figures import package_sizes, template_memory_mb
from benchmarks.table import Row, ratio_row, render

from newsdrop.events import refs_from_body

ARTICLES = [
    "Flood waters rose across the valley on Tuesday.\nResidents of Millbrook left their homes.",
    "The council approved a new budget.\nThe mayor said the vote was “a fair compromise”.",
    "Researchers at the coastal institute counted 4,000 seabirds, twice last year's number.",
]


@pytest.fixture
def eval_dir(tmp_path: Path) -> Path:
    for name, texts in {"summaries": ARTICLES[:2], "quotes": ARTICLES[2:]}.items():
        (tmp_path / name).mkdir()
        lines = [json.dumps({"id": str(i), "text": t}) for i, t in enumerate(texts)]
        (tmp_path / name / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("size", [50, 120, 400, 5_000])
def test_scaling_text_is_real_text_of_about_the_requested_size(eval_dir, size):
    text = corpus.scaling_text(size, ("summaries", "quotes"), eval_dir)
    encoded = len(text.encode("utf-8"))
    assert size - 120 <= encoded <= size  # cut at a line or word break just below the size
    assert len(set(text)) > 12 and " " in text  # words, not one repeated character
    assert text.split()[0] == "Flood"  # articles in file order, whole


def test_scaling_text_takes_every_article_before_repeating(eval_dir):
    one_pass = sum(len(a.encode("utf-8")) + 2 for a in ARTICLES)
    text = corpus.scaling_text(one_pass, ("summaries", "quotes"), eval_dir)
    assert [text.count(a) for a in ARTICLES] == [1, 1, 1]


def test_article_texts_skip_duplicates_and_missing_sets(eval_dir):
    (eval_dir / "ner").mkdir()
    (eval_dir / "ner" / "docs.jsonl").write_text(json.dumps({"text": ARTICLES[0]}) + "\n", encoding="utf-8")
    assert list(corpus.article_texts(("summaries", "quotes", "ner", "absent"), eval_dir)) == ARTICLES


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("One.\nTwo & three.", "<html><body><p>One.</p><p>Two &amp; three.</p></body></html>"),
        ("\n  Only line  \n\n", "<html><body><p>Only line</p></body></html>"),
    ],
)
def test_minimal_html_has_one_paragraph_per_line(text, html):
    assert corpus.as_minimal_html(text) == html


@pytest.mark.parametrize(
    ("measured", "baseline", "limit", "verdict"),
    [(1.0, 1.0, 1.0, "ok"), (1.31, 1.0, 1.3, "MISSED"), (0.5, 2.0, 1.5, "ok")],
)
def test_ratio_rows_compare_against_the_target(measured, baseline, limit, verdict):
    row = ratio_row("figure", measured, baseline, limit)
    assert row.verdict == verdict
    table = render([row, Row("info", "3 things")])
    assert verdict in table and "info" in table.splitlines()[-1]


def test_stage_timers_time_the_pipeline_and_restore_it():
    from newsdrop.pipeline import summarize
    from newsdrop.text import sentences

    original = sentences.split_sentences
    figures = stages.breakdown(lambda: summarize(b" ".join([a.encode() for a in ARTICLES])), repeat=1)
    assert {"clean", "sentences", "entities", "fingerprint", stages.TOTAL} <= figures.keys()
    assert sentences.split_sentences is original
    assert "total" in stages.format_breakdown("t", figures)


def test_cold_start_event_names_the_uploaded_object():
    event = sqs_event("bench-bucket", "incoming/cold-001/sample.txt", 2891, "00000000000000000A")
    assert len(event["Records"]) == 1
    [ref] = refs_from_body(event["Records"][0]["body"])
    assert (ref.bucket, ref.key, ref.size) == ("bench-bucket", "incoming/cold-001/sample.txt", 2891)


def test_package_sizes_fold_dist_info_into_their_package(tmp_path):
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("lxml/etree.so", b"x" * 300)
        archive.writestr("lxml-5.3.0.dist-info/RECORD", b"x" * 10)
        archive.writestr("six.py", b"x" * 20)
        archive.writestr("newsdrop/pipeline.py", b"x" * 50)
    total, largest = package_sizes(path)
    assert total == 380
    assert largest == [("lxml", 310), ("six", 20)]


def test_template_memory_default_is_read():
    assert template_memory_mb() >= 128
