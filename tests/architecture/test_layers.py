"""The layers contract covers every package of maillage/: a new app cannot slip past it."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "maillage"


def _layers_contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["type"] == "layers")


def _lint_imports(source_root: Path) -> subprocess.CompletedProcess:
    """Run import-linter with the project's contracts on a copy of the source tree."""
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "lint-imports"),
            "--config",
            str(ROOT / "pyproject.toml"),
        ],
        cwd=source_root,
        env={"PYTHONPATH": str(source_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_package_under_maillage_is_a_layer_or_a_listed_exception():
    contract = _layers_contract()
    named = {name.strip(" ()") for layer in contract["layers"] for name in layer.split("|")}
    named |= set(contract["exhaustive_ignores"])
    packages = {p.parent.name for p in SOURCE.glob("*/__init__.py")}
    modules = {p.stem for p in SOURCE.glob("*.py") if p.stem != "__init__"}
    assert packages | modules <= named
    assert contract["exhaustive"] is True


@pytest.mark.slow
def test_a_new_app_missing_from_the_contract_breaks_the_lint(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(
        SOURCE, copy / "maillage", ignore=shutil.ignore_patterns("*.mo", "*.po", "data", "*.csv")
    )
    passing = _lint_imports(copy)
    assert passing.returncode == 0, passing.stdout + passing.stderr

    (copy / "maillage" / "ledger").mkdir()
    (copy / "maillage" / "ledger" / "__init__.py").write_text('"""A new app."""\n')
    failing = _lint_imports(copy)
    assert failing.returncode == 1
    assert "maillage.ledger" in failing.stdout
