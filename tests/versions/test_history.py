"""The layout of every published template version is kept as data and found by version."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from xlplugin import __version__
from xlplugin.layout import load_layout
from xlplugin.layout.history import (
    HISTORY_DIR,
    KNOWN,
    current,
    layout_for,
    layout_version_of,
    template_version_of,
)
from xlplugin.layout.model import LayoutError

ROOT = Path(__file__).resolve().parents[2]


def test_history_starts_with_0_1_0_and_ends_with_the_installed_template():
    assert KNOWN[0] == ("0.1.0", "2023.1")
    assert KNOWN[-1] == current() == (__version__, load_layout().version)


def test_package_version_is_the_same_in_pyproject_and_the_module():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def test_every_published_layout_is_stored_under_its_version_and_says_which_template():
    for template, layout in KNOWN[:-1]:
        stored = HISTORY_DIR / f"{layout}.toml"
        assert f"Template {template}" in stored.read_text(encoding="utf-8").splitlines()[0]
        assert layout_for(layout).version == layout


def test_the_current_layout_version_gives_the_current_layout():
    assert layout_for(current()[1]) is load_layout()


def test_the_0_1_0_layout_lacks_the_later_sheets_and_still_orders_its_own():
    old = layout_for("2023.1")
    sheets = old.sheet_order()
    assert "Persetujuan" not in sheets and "Status Langsung" not in sheets
    assert sheets[0] == "Petunjuk" and "RAB" in sheets and "xlwings.conf" in sheets


def test_template_and_layout_versions_map_both_ways():
    for template, layout in KNOWN:
        assert template_version_of(layout) == template
        assert layout_version_of(template) == layout


@pytest.mark.parametrize("ask", [lambda: layout_for("2099.1"),
                                 lambda: template_version_of("2099.1"),
                                 lambda: layout_version_of("9.9.9")])
def test_an_unknown_version_is_refused_naming_the_known_ones(ask):
    with pytest.raises(LayoutError) as err:
        ask()
    assert "tidak dikenal" in str(err.value) and "0.1.0 (tata letak 2023.1)" in str(err.value)
