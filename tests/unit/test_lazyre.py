"""LazyPattern behaves like the compiled pattern it stands for, and compiles only when used."""

from __future__ import annotations

import re

import pytest

from newsdrop.text.lazyre import LazyPattern


def test_nothing_is_compiled_until_a_method_is_used(monkeypatch):
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: calls.append(a) or real(*a))
    pattern = LazyPattern(r"\bnews\w*", re.I)
    assert pattern.pattern == r"\bnews\w*" and calls == []
    assert pattern.findall("Newsdrop reads NEWS") == ["Newsdrop", "NEWS"]
    assert pattern.sub("x", "newsroom") == "x"
    assert calls == [(r"\bnews\w*", re.I)]  # compiled once, then the bound methods are reused


@pytest.mark.parametrize(
    ("method", "args"),
    [("search", ("a b c",)), ("match", ("b c",)), ("fullmatch", ("b",)), ("split", ("a b c",)),
     ("finditer", ("b b",)), ("subn", ("-", "b b"))],
)
def test_methods_match_re_pattern(method, args):
    lazy, real = LazyPattern(r"b"), re.compile(r"b")
    got, expected = getattr(lazy, method)(*args), getattr(real, method)(*args)
    if method == "finditer":
        got, expected = [m.span() for m in got], [m.span() for m in expected]
    elif method in ("search", "match", "fullmatch"):
        got, expected = got and got.span(), expected and expected.span()
    assert got == expected


def test_private_attributes_are_not_forwarded():
    with pytest.raises(AttributeError):
        LazyPattern("x")._missing  # noqa: B018
