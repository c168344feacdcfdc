"""The Glue tables in infra/template.yaml have the models' fields, at every level (summaries, errors).

The column types are parsed into trees (struct/array/map/scalar) and compared with trees built from the
pydantic models, so a difference is reported by path ("entities.aliases: array<string> != string").
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from newsdrop.contract import ArticleSummary, ErrorRecord

Tree = str | tuple  # "string" | ("array", Tree) | ("map", Tree, Tree) | ("struct", ((name, Tree), ...))
SCALARS = {str: "string", int: "bigint", float: "double", bool: "boolean"}
HIVE_SCALARS = {"string", "bigint", "int", "double", "float", "boolean", "timestamp", "date"}
TOKEN = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*|[<>,:])")


# ---------------------------------------------------------------- Hive type strings → trees


def parse_hive(text: str) -> Tree:
    """'array<struct<a:string,b:bigint>>' → ('array', ('struct', (('a', 'string'), ('b', 'bigint'))))."""
    tokens = TOKEN.findall(text)
    if "".join(tokens) != re.sub(r"\s+", "", text):
        raise ValueError(f"cannot tokenize {text!r}")
    tree, rest = _parse(tokens)
    if rest:
        raise ValueError(f"trailing tokens in {text!r}: {rest}")
    return tree


def _expect(tokens: list[str], token: str) -> list[str]:
    if not tokens or tokens[0] != token:
        raise ValueError(f"expected {token!r}, got {tokens[:1]}")
    return tokens[1:]


def _parse(tokens: list[str]) -> tuple[Tree, list[str]]:
    head, rest = tokens[0].lower(), tokens[1:]
    if head == "array":
        inner, rest = _parse(_expect(rest, "<"))
        return ("array", inner), _expect(rest, ">")
    if head == "map":
        key, rest = _parse(_expect(rest, "<"))
        value, rest = _parse(_expect(rest, ","))
        return ("map", key, value), _expect(rest, ">")
    if head == "struct":
        rest = _expect(rest, "<")
        fields = []
        while True:
            name, rest = rest[0], _expect(rest[1:], ":")
            kind, rest = _parse(rest)
            fields.append((name, kind))
            if rest[0] == ">":
                return ("struct", tuple(fields)), rest[1:]
            rest = _expect(rest, ",")
    if head in HIVE_SCALARS:
        return head, rest
    raise ValueError(f"unknown Hive type {head!r}")


# ---------------------------------------------------------------- pydantic annotations → trees


def model_tree(annotation: Any) -> Tree:
    """The Athena tree a field must have: optional → inner, Literal → string, models → structs."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        (inner,) = args
        return model_tree(inner)
    if origin is Literal:
        return "string"
    if origin is list:
        return ("array", model_tree(args[0]))
    if origin is dict:
        return ("map", model_tree(args[0]), model_tree(args[1]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("struct", tuple((n, model_tree(f.annotation)) for n, f in annotation.model_fields.items()))
    return SCALARS[annotation]


def render(tree: Tree) -> str:
    if isinstance(tree, str):
        return tree
    if tree[0] == "array":
        return f"array<{render(tree[1])}>"
    if tree[0] == "map":
        return f"map<{render(tree[1])},{render(tree[2])}>"
    return "struct<" + ",".join(f"{n}:{render(t)}" for n, t in tree[1]) + ">"


def differences(path: str, want: Tree, have: Tree) -> list[str]:
    """Every place where ``have`` (the table) differs from ``want`` (the model), by dotted path."""
    if isinstance(want, str) or isinstance(have, str) or want[0] != have[0]:
        return [] if want == have else [f"{path}: table has {render(have)}, model needs {render(want)}"]
    if want[0] == "array":
        return differences(path + "[]", want[1], have[1])
    if want[0] == "map":
        return differences(path + "{key}", want[1], have[1]) + differences(path + "{}", want[2], have[2])
    wanted, had = dict(want[1]), dict(have[1])
    found = [f"{path}.{n}: missing from the table ({render(t)})" for n, t in wanted.items() if n not in had]
    found += [f"{path}.{n}: in the table, not in the model" for n in had if n not in wanted]
    for name in wanted.keys() & had.keys():
        found += differences(f"{path}.{name}", wanted[name], had[name])
    return found


# ---------------------------------------------------------------- the template


LOCATIONS = {"${SummaryPrefix}": ArticleSummary, "${ErrorPrefix}": ErrorRecord}


@pytest.fixture(scope="module")
def tables() -> dict[type[BaseModel], list[dict[str, str]]]:
    """The columns of each Glue table, keyed by the model its Location holds (summaries/ or errors/)."""
    from newsdrop.local.cloudformation import load_template

    found: dict[type[BaseModel], list[dict[str, str]]] = {}
    for resource in load_template()["Resources"].values():
        if resource.get("Type") != "AWS::Glue::Table":
            continue
        descriptor = resource["Properties"]["TableInput"]["StorageDescriptor"]
        location = descriptor["Location"]["Fn::Sub"]
        (model,) = [m for suffix, m in LOCATIONS.items() if location.endswith(suffix)]
        found[model] = descriptor["Columns"]
    return found


@pytest.fixture(scope="module")
def columns(tables) -> list[dict[str, str]]:
    assert ArticleSummary in tables, "a Glue table over the summary prefix"
    return tables[ArticleSummary]


def table_tree(columns: list[dict[str, str]]) -> Tree:
    return ("struct", tuple((c["Name"], parse_hive(c["Type"])) for c in columns))


@pytest.mark.parametrize("model", [ArticleSummary, ErrorRecord])
def test_glue_columns_match_the_model_at_every_level(tables, model):
    if model is not ArticleSummary and model not in tables:
        pytest.skip(f"no Glue table for {model.__name__}")
    problems = differences(model.__name__, model_tree(model), table_tree(tables[model]))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("model", [ArticleSummary, ErrorRecord])
def test_glue_columns_are_in_model_order(tables, model):
    if model is not ArticleSummary and model not in tables:
        pytest.skip(f"no Glue table for {model.__name__}")
    assert [c["Name"] for c in tables[model]] == list(model.model_fields)


def test_glue_column_names_are_lowercase_as_glue_stores_them(tables):
    """Glue lower-cases column names; a camelCase field would silently read as NULL."""
    for columns in tables.values():
        names = [c["Name"] for c in columns]
        nested = re.findall(r"([A-Za-z_][A-Za-z0-9_]*):", " ".join(c["Type"] for c in columns))
        assert [n for n in names + nested if n != n.lower()] == []


# ---------------------------------------------------------------- the comparison itself can fail


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("string", "string"),
        ("array<string>", ("array", "string")),
        (
            "map<string,struct<count:bigint,samples:array<string>>>",
            ("map", "string", ("struct", (("count", "bigint"), ("samples", ("array", "string"))))),
        ),
        ("struct<a:double, b:array<bigint>>", ("struct", (("a", "double"), ("b", ("array", "bigint"))))),
    ],
)
def test_parse_hive(text, tree):
    assert parse_hive(text) == tree
    assert parse_hive(render(tree)) == tree


@pytest.mark.parametrize("text", ["array<string", "struct<a string>", "varchar(3)", "array<string>>"])
def test_parse_hive_rejects_malformed_types(text):
    with pytest.raises((ValueError, IndexError)):
        parse_hive(text)


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        (
            lambda cols: [c for c in cols if c["Name"] != "tags"],
            "ArticleSummary.tags: missing from the table",
        ),
        (
            lambda cols: [*cols, {"Name": "sentiment", "Type": "double"}],
            "ArticleSummary.sentiment: in the table",
        ),
        (
            lambda cols: [
                {**c, "Type": c["Type"].replace("aliases:array<string>", "aliases:string")} for c in cols
            ],
            "ArticleSummary.entities[].aliases: table has string, model needs array<string>",
        ),
        (
            lambda cols: [{**c, "Type": c["Type"].replace("score:double", "score:string")} for c in cols],
            "ArticleSummary.keywords[].score: table has string, model needs double",
        ),
    ],
)
def test_a_drifted_table_is_reported_by_path(columns, mutation, expected):
    problems = differences("ArticleSummary", model_tree(ArticleSummary), table_tree(mutation(columns)))
    assert any(p.startswith(expected) for p in problems), problems
