"""Regex constants compiled on first use, so a cold start pays only for the patterns its input needs."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A named module-level regex that compiles on first attribute access (``search``, ``sub``, ...).

    Each attribute fetched from the compiled pattern is then stored on the instance, so later calls
    cost what a compiled ``re.Pattern`` costs.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self.pattern = pattern  # as ``re.Pattern.pattern``; reading it compiles nothing

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = re.compile(*self._source)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._source[1]!r})"
