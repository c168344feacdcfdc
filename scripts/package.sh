#!/usr/bin/env bash
# Build the Lambda deployment package without Docker: build/newsdrop.zip (what infra/template.yaml's
# CodeUri names; `sam deploy` uploads it as is), staged in build/package/.
#
# Runtime dependencies are read from pyproject.toml [project].dependencies (one list, no requirements.txt
# to keep in sync) and installed as wheels built for the function's platform, read from the template's
# Globals (Runtime python3.12, Architectures arm64 -> CPython 3.12 on manylinux aarch64), with
# --only-binary so nothing is compiled for the build machine by mistake. Every runtime dependency must
# therefore publish a wheel for that platform (or a pure-Python py3-none-any wheel).
#
# boto3 is NOT bundled by default: the python3.12 runtime ships boto3/botocore (~25 MB unzipped, half the
# budget) and newsdrop only uses long-stable S3 calls. Set NEWSDROP_BUNDLE_BOTO3=1 to pin it in the zip.
# newsdrop/local/ (moto, the embedded stack) is dev-only and left out, so nothing on the Lambda path can
# import it by accident.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
BUILD="${BUILD_DIR:-$ROOT/build}"
PACKAGE="$BUILD/package"
ZIP="$BUILD/newsdrop.zip"
TEMPLATE="${TEMPLATE:-$ROOT/infra/template.yaml}"
read -r LAMBDA_PYTHON LAMBDA_ARCH < <("$PYTHON" - "$TEMPLATE" <<'PY'
import sys
from newsdrop.local.cloudformation import load_template

function = load_template(sys.argv[1])["Globals"]["Function"]
print(function["Runtime"].removeprefix("python"), function["Architectures"][0])
PY
)
case "$LAMBDA_ARCH" in
    arm64) MACHINE=aarch64 ;;
    x86_64) MACHINE=x86_64 ;;
    *) echo "unknown architecture in the template: $LAMBDA_ARCH" >&2; exit 2 ;;
esac

mapfile -t DEPS < <("$PYTHON" - "$ROOT/pyproject.toml" <<'PY'
import os, re, sys, tomllib

with open(sys.argv[1], "rb") as f:
    deps = tomllib.load(f)["project"]["dependencies"]
runtime_provided = set() if os.environ.get("NEWSDROP_BUNDLE_BOTO3") == "1" else {"boto3", "botocore"}
for dep in deps:
    name = re.split(r"[\s<>=!~;\[]", dep, maxsplit=1)[0].lower()
    if name not in runtime_provided:
        print(dep)
PY
)

echo "==> python$LAMBDA_PYTHON on $LAMBDA_ARCH; runtime dependencies (${#DEPS[@]}): ${DEPS[*]}"
rm -rf "$PACKAGE" "$ZIP"
mkdir -p "$PACKAGE"

# Lambda's python3.12 runtime is Amazon Linux 2023 (glibc 2.34): manylinux2014 and manylinux_2_28 wheels run.
if ! "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-compile \
    --platform "manylinux2014_$MACHINE" --platform "manylinux_2_28_$MACHINE" \
    --implementation cp --python-version "$LAMBDA_PYTHON" --abi "cp${LAMBDA_PYTHON/./}" \
    --only-binary=:all: --no-warn-conflicts --target "$PACKAGE" "${DEPS[@]}"; then
    echo "ERROR: a runtime dependency has no wheel for CPython $LAMBDA_PYTHON on manylinux $MACHINE" \
         "(see the pip error above); pick one that does, or change the template's Architectures." >&2
    exit 1
fi

# The runtime's SDK, also when a dependency pulls it in (aws-xray-sdk requires botocore).
if [ "${NEWSDROP_BUNDLE_BOTO3:-0}" != "1" ]; then
    rm -rf "$PACKAGE"/boto3 "$PACKAGE"/boto3-*.dist-info "$PACKAGE"/botocore "$PACKAGE"/botocore-*.dist-info \
           "$PACKAGE"/s3transfer "$PACKAGE"/s3transfer-*.dist-info
fi

# Data newsdrop never reads. babel (via trafilatura -> courlan) ships ~30 MB of CLDR locale data that
# only courlan's URL language filter consults (sitemaps/crawling, not single-document extraction); a
# missing locale makes Locale.parse raise UnknownLocaleError, which courlan catches. Keep root + English.
if [ -d "$PACKAGE/babel/locale-data" ]; then
    find "$PACKAGE/babel/locale-data" -type f ! -name 'root.dat' ! -name 'en.dat' ! -name 'en_*.dat' -delete
fi

# The package itself, with its data files (gazetteer, schema), without dev-only code and caches.
cp -R "$ROOT/functions/newsdrop" "$PACKAGE/newsdrop"
rm -rf "$PACKAGE/newsdrop/local" "$PACKAGE/bin"
find "$PACKAGE" -type d -name "__pycache__" -prune -exec rm -rf {} +

# Debug sections of the shared objects (~3.4 MB in the arm64 wheels; the dynamic symbols that imports
# need stay). llvm-strip reads every architecture; binutils' strip only the build machine's.
STRIP="${STRIP:-$(command -v llvm-strip || true)}"
if [ -z "$STRIP" ] && [ "$(uname -m)" = "$MACHINE" ]; then
    STRIP="$(command -v strip || true)"
fi
if [ -n "$STRIP" ]; then
    find "$PACKAGE" -type f -name "*.so*" -exec "$STRIP" --strip-debug {} +
else
    echo "==> no llvm-strip (or strip for $MACHINE): shared objects keep their debug sections"
fi

# Bytecode compiled by the runtime's Python (3.12 magic number), shipped in __pycache__: /var/task is
# read-only, so without it every cold start compiles every module it imports (about 1 s). unchecked-hash
# .pyc files are used without comparing the source's mtime, which unzipping does not preserve.
find_lambda_python() {
    local candidate
    for candidate in "${LAMBDA_PYTHON_BIN:-}" "$(command -v "python$LAMBDA_PYTHON" || true)" \
                     "$HOME"/.pyenv/versions/"$LAMBDA_PYTHON".*/bin/python"$LAMBDA_PYTHON"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c \
            "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$LAMBDA_PYTHON'.split('.'))))" 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
}
COMPILER="$(find_lambda_python)"
if [ -n "$COMPILER" ]; then
    if ! "$COMPILER" -m compileall -q -j 0 --invalidation-mode unchecked-hash "$PACKAGE"; then
        echo "==> WARNING: some modules did not compile (listed above); they compile at import" >&2
    fi
else
    echo "==> WARNING: no python$LAMBDA_PYTHON here; the zip ships no .pyc (slower cold starts)" >&2
fi

"$PYTHON" - "$PACKAGE" "$ZIP" <<'PY'
import os, sys, zipfile
from collections import defaultdict

package, target = sys.argv[1], sys.argv[2]
files = sorted(
    os.path.join(d, f) for d, _, names in os.walk(package) for f in names
)
sizes = defaultdict(int)
total = 0
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for path in files:
        name = os.path.relpath(path, package)
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # reproducible
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(path, "rb") as f:
            data = f.read()
        archive.writestr(info, data)
        size = len(data)
        total += size
        top = name.split(os.sep, 1)[0]
        if top.endswith((".dist-info", ".data")):
            top = top.split("-", 1)[0]
        sizes[top.removesuffix(".py")] += size
mb = 1024 * 1024
print(f"==> {target}: {os.path.getsize(target) / mb:.1f} MB zipped, {total / mb:.1f} MB unzipped "
      f"({len(files)} files)")
print("==> five largest:")
for top, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:5]:
    print(f"    {size / mb:6.1f} MB  {top}")
PY
