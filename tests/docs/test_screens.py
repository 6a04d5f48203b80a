"""The README pictures are the output of the current code (sizes, not pixels)."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from xlplugin import docs_screens

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "img"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_readme_shows_every_rendered_picture_and_only_those():
    names = {s.png for s in docs_screens.SHEETS} | {docs_screens.REPORT_PAGE[0],
                                                    docs_screens.FINAL_PAGE[0]}
    linked = set(re.findall(r"\(docs/img/([^)]+\.png)\)",
                            (ROOT / "README.md").read_text(encoding="utf-8")))
    assert linked == names
    assert {p.name for p in COMMITTED.glob("*.png")} == names


@pytest.mark.libreoffice
@pytest.mark.slow
def test_screenshots_regenerate_with_the_committed_sizes(tmp_path):
    written = docs_screens.render(tmp_path)
    assert len(written) == len(docs_screens.SHEETS) + 2
    for path in written:
        assert png_size(path) == png_size(COMMITTED / path.name), path.name
        # a blank or nearly blank page would be far smaller than the committed picture
        assert path.stat().st_size > 0.5 * (COMMITTED / path.name).stat().st_size, path.name
