"""`make package` (scripts/package.sh): a python3.12/arm64 Lambda zip built without Docker, under budget."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "package.sh"
BUDGET_BYTES = 60 * 1024 * 1024  # unzipped; Lambda's hard limit is 250 MB, cold start grows with size


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[zipfile.ZipFile, str]:
    build = tmp_path_factory.mktemp("build")
    env = {**os.environ, "BUILD_DIR": str(build), "PYTHON": sys.executable}
    result = subprocess.run(
        ["bash", str(SCRIPT)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    problems = [line for line in result.stderr.splitlines() if not line.startswith("WARNING: Location")]
    assert result.returncode == 0, "\n".join(problems[-20:])
    archive = zipfile.ZipFile(build / "newsdrop.zip")
    yield archive, result.stdout
    archive.close()


def test_zip_is_under_the_unzipped_budget(package: tuple[zipfile.ZipFile, str]) -> None:
    archive, stdout = package
    unzipped = sum(info.file_size for info in archive.infolist())
    assert unzipped < BUDGET_BYTES, f"{unzipped / 1024 / 1024:.1f} MB unzipped"
    assert "MB unzipped" in stdout and "five largest" in stdout


def test_zip_holds_the_handler_and_its_data_files(package: tuple[zipfile.ZipFile, str]) -> None:
    archive, _ = package
    names = set(archive.namelist())
    assert "newsdrop/handler.py" in names  # the template's Handler: newsdrop.handler.lambda_handler
    source = ROOT / "functions" / "newsdrop"
    data_files = [p for p in [*source.glob("data/**/*"), *source.glob("schema/*.json")] if p.is_file()]
    assert data_files, "the package has data files"
    for data in data_files:
        assert data.relative_to(source.parent).as_posix() in names
    assert not any(n.startswith("newsdrop/local/") for n in names), "dev-only code stays out"


@pytest.mark.parametrize(
    "module",
    ["newsdrop/handler.py", "newsdrop/text/html.py", "pydantic/main.py", "trafilatura/core.py"],
)
def test_zip_ships_unchecked_bytecode_for_the_runtime_python(
    package: tuple[zipfile.ZipFile, str], module: str
) -> None:
    # GIVEN the zip, built on a machine with the runtime's Python (/var/task is read-only at run time)
    if _python312() is None:
        pytest.skip("no CPython 3.12 interpreter on this machine to compile with")
    archive, _ = package
    names = set(archive.namelist())
    # THEN each module has its 3.12 bytecode, used without checking the source's mtime (PEP 552 flags = 1)
    folder, _, file = module.rpartition("/")
    cached = f"{folder}/__pycache__/{file.removesuffix('.py')}.cpython-312.pyc"
    assert module in names and cached in names
    assert int.from_bytes(archive.read(cached)[4:8], "little") == 1, "unchecked-hash .pyc"
    # AND no bytecode of another interpreter (the build machine's) comes along
    assert all(".cpython-312." in n for n in names if n.endswith(".pyc"))


def test_native_wheels_match_the_template_runtime_and_architecture(
    package: tuple[zipfile.ZipFile, str],
) -> None:
    from newsdrop.local.cloudformation import load_template

    function = load_template()["Globals"]["Function"]
    assert (function["Runtime"], function["Architectures"]) == ("python3.12", ["arm64"])
    archive, _ = package
    extensions = [n for n in archive.namelist() if n.endswith(".so")]
    assert any(n.startswith("pydantic_core/") for n in extensions)
    for name in extensions:
        if "cpython" in name:
            assert "cpython-312-aarch64-linux-gnu" in name, name


def test_every_runtime_dependency_is_packaged_except_the_runtime_boto3(
    package: tuple[zipfile.ZipFile, str],
) -> None:
    import re
    import tomllib

    archive, _ = package
    tops = {n.split("/", 1)[0].lower() for n in archive.namelist()}
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"
    ]
    for dependency in dependencies:
        name = re.split(r"[\s<>=!~;\[]", dependency, maxsplit=1)[0].lower().replace("-", "_")
        dist_info = any(t.startswith(f"{name}-") and t.endswith(".dist-info") for t in tops)
        if name in {"boto3", "botocore"}:
            assert not dist_info, "boto3 comes with the python3.12 runtime"
        else:
            assert dist_info, f"{dependency} missing from the zip"


SMOKE = """
import json, sys
sys.path[:0] = sys.argv[1:3]
import newsdrop.handler as handler


class Context:
    function_name = "newsdrop-smoke"
    function_version = "$LATEST"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:newsdrop-smoke"
    aws_request_id = "smoke"
    log_group_name = log_stream_name = "smoke"

    def get_remaining_time_in_millis(self):
        return 60000


test_event = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": "b", "RequestId": "r", "HostId": "h"}
response = handler.lambda_handler(test_event, Context())
from newsdrop.pipeline import summarize

text = (b"Harbour bridge reopens\\n\\nThe harbour bridge reopened on Monday after two years of repairs, "
        b"Mayor Elena Vasquez said. \\"It is a great day for the city,\\" she told reporters.\\n")
summary = summarize(text, name="smoke.txt", content_type="text/plain")
dev_only = sorted(m for m in ("moto", "yaml", "samtranslator", "newsdrop.local") if m in sys.modules)
print(json.dumps({"response": response, "words": summary.stats.words, "dev_only": dev_only}))
"""


def _python312() -> str | None:
    """A CPython 3.12 interpreter (the Lambda runtime's version), if this machine has one."""
    import glob
    import shutil

    candidates = [
        shutil.which("python3.12"),
        *sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.12*/bin/python3.12"))),
    ]
    for candidate in filter(None, candidates):
        probe = [candidate, "-c", "import sys; assert sys.version_info[:2] == (3, 12)"]
        if subprocess.run(probe, capture_output=True, check=False).returncode == 0:
            return candidate
    return None


@pytest.mark.slow
def test_zip_imports_and_runs_the_handler_on_python312(tmp_path: Path) -> None:
    # GIVEN the same package built for this machine's architecture (contents are what is tested here),
    # and boto3 alone beside it, as the Lambda runtime provides
    python = _python312()
    if python is None:
        pytest.skip("no CPython 3.12 interpreter on this machine")
    template = tmp_path / "template.yaml"
    text = (ROOT / "infra" / "template.yaml").read_text(encoding="utf-8")
    assert text.count("Architectures: [arm64]") == 1
    template.write_text(text.replace("Architectures: [arm64]", "Architectures: [x86_64]"), encoding="utf-8")
    env = {
        **os.environ,
        "BUILD_DIR": str(tmp_path / "build"),
        "PYTHON": sys.executable,
        "TEMPLATE": str(template),
    }
    built = subprocess.run(
        ["bash", str(SCRIPT)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stderr[-3000:]
    code, runtime = tmp_path / "code", tmp_path / "runtime"
    zipfile.ZipFile(tmp_path / "build" / "newsdrop.zip").extractall(code)
    sdk = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--target",
        str(runtime),
        "--only-binary=:all:",
        "--python-version",
        "3.12",
        "--implementation",
        "cp",
        "boto3",
    ]
    assert subprocess.run(sdk, capture_output=True, text=True, check=False).returncode == 0
    # WHEN a bare 3.12 (no site-packages) imports the handler, handles a test event and summarizes
    clean_env = {
        "PATH": os.environ["PATH"],
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_SERVICE_NAME": "newsdrop",
        "POWERTOOLS_METRICS_NAMESPACE": "Newsdrop",
        "NEWSDROP_OUTPUT_BUCKET": "out-bucket",
    }
    result = subprocess.run(
        [python, "-S", "-E", "-s", "-c", SMOKE, str(code), str(runtime)],
        cwd=tmp_path,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # THEN it works from the zip's contents alone, without dev-only modules
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["response"]["statuses"] == ["skipped"]
    assert report["words"] > 10
    assert report["dev_only"] == []
