"""The README is what a newcomer reads first: it names every page and its address, every
address parameter, the commands it shows exist, and it points only at files in the repository."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.filters import KNOWN
from app.pages import PAGES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [p.path for p in PAGES])
def test_every_page_is_listed_with_its_address(path):
    assert re.search(rf"^\| `{re.escape(path)}` \|", README, re.M), f"README lists no page at {path}"


@pytest.mark.parametrize("param", KNOWN)
def test_every_address_parameter_is_explained(param):
    assert f"`{param}`" in README


def test_it_says_what_the_product_is_and_shows_it_first():
    head = README.split("## ", 1)[0]
    assert "finance directors" in head and "municipalities" in head
    shot = re.search(r"!\[[^\]]+\]\(([^)]+\.png)\)", head)
    assert shot and (ROOT / shot.group(1)).is_file(), "the first lines show a screenshot in the repository"


def test_links_point_into_the_repository():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith(("http://", "https://")):
            assert (ROOT / target).exists(), target
    assert "contract" not in README.lower()  # interfaces are described here and in docs/, not elsewhere


@pytest.mark.parametrize("target", ["run", "etl", "test", "install"])
def test_the_make_targets_it_shows_exist(target):
    res = subprocess.run(["make", "-n", target, "ARGS=build --db /tmp/x.duckdb", "PORT=8600"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    if target == "etl":
        assert "-m etl build --db /tmp/x.duckdb" in res.stdout
    if target == "run":
        assert "--server.port 8600" in res.stdout


def test_the_etl_module_runs_from_any_folder_or_says_how(tmp_path):
    """From another folder with the project on the path (what ``make install`` puts into .venv)
    it runs; with a Python that lacks the packages it would say which one (etl/__main__.py)."""
    res = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(tmp_path / "s.duckdb"),
                          str(ROOT / "data" / "raw" / "referat-strukturanalyse-specialiserede-socialomraade-2013.txt")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    assert re.search(r": minutes, 0 initiatives, 0 appearances, (1 warning|\d+ warnings)\n$", res.stdout)
