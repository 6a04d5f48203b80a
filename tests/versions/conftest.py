"""Built once per session (each build takes seconds): the current empty template and a
workbook of the 0.1.0 template, built from its stored layout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from version_books import strip

from xlplugin.layout.history import layout_for
from xlplugin.template.build import build_template


@pytest.fixture(scope="session")
def current_book(tmp_path_factory) -> Path:
    return build_template(out=tmp_path_factory.mktemp("versi") / "templat.xlsm")


@pytest.fixture(scope="session")
def old_book(tmp_path_factory) -> Path:
    """As 0.1.0 shipped it: only its Keywords ('template 2023.1') say its layout; 0.1.0
    wrote no custom properties and no version rows."""
    folder = tmp_path_factory.mktemp("versi-lama")
    built = build_template(out=folder / "dibangun.xlsm", layout=layout_for("2023.1"))
    return strip(built, folder / "lama.xlsm")
