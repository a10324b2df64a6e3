"""Screenshots of every page in Danish and English, and of the overview in presentation mode,
at 1600x1000 — the pictures in docs/screenshots/.

Every run takes them (so a page that cannot be photographed fails); they are written into
docs/screenshots/ only with ``E2E_SCREENSHOTS=1``, so an ordinary test run leaves the work
tree clean::

    E2E_SCREENSHOTS=1 .venv/bin/pytest -q tests/e2e/test_screenshots.py
"""
from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from tests.e2e.conftest import PAGES, ROOT, VIEWPORT
from tests.e2e.ui import exceptions, open_page

SHOTS = [(path, lang, {}) for path in PAGES for lang in ("da", "en")] + [("/", "da", {"present": "1"})]


def shot_name(path: str, lang: str, extra: dict) -> str:
    stem = path.strip("/") or "overview"
    return f"{stem}{'_present' if extra.get('present') else ''}_{lang}.png"


@pytest.fixture(scope="module")
def shot_dir(tmp_path_factory) -> Path:
    if os.environ.get("E2E_SCREENSHOTS") == "1":
        out = ROOT / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        return out
    return tmp_path_factory.mktemp("screenshots")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("path,lang,extra", SHOTS, ids=[shot_name(*s)[:-4] for s in SHOTS])
def test_screenshot(page, server, shot_dir, path, lang, extra):
    params = dict(extra, **({"lang": "en"} if lang == "en" else {}))
    open_page(page, server.url, path, params)
    assert exceptions(page).count() == 0
    # tables are drawn on a canvas after the run ends; wait until each has one
    page.wait_for_function("""() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
                                  .every(d => d.querySelector('canvas'))""")
    page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover label over a chart
    target = shot_dir / shot_name(path, lang, extra)
    page.screenshot(path=str(target), animations="disabled")
    assert png_size(target.read_bytes()) == (VIEWPORT["width"], VIEWPORT["height"])
