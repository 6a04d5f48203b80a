"""A built workbook says what it is: template version, layout version and rule-pack year,
in its custom properties, on the hidden config sheet and on Petunjuk."""

from __future__ import annotations

import openpyxl

from xlplugin.layout.history import current
from xlplugin.rulepack import load_pack
from xlplugin.template.sheets.config import VERSION_ROW

TEMPLATE, LAYOUT = current()
TAHUN = load_pack().tahun


def _xlwings_settings(ws) -> dict:
    """What xlwings' VBA reads: A1 down to the first empty cell of column A."""
    settings, row = {}, 1
    while ws.cell(row, 1).value not in (None, ""):
        settings[str(ws.cell(row, 1).value).upper()] = ws.cell(row, 2).value
        row += 1
    return settings


def test_custom_properties_carry_the_three_values(current_book):
    props = {p.name: p.value for p in openpyxl.load_workbook(current_book).custom_doc_props}
    assert props == {"Versi Templat": TEMPLATE, "Versi Tata Letak": LAYOUT,
                     "Tahun Juknis": TAHUN}


def test_config_sheet_carries_them_where_xlwings_does_not_read(current_book):
    ws = openpyxl.load_workbook(current_book)["xlwings.conf"]
    rows = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(VERSION_ROW, VERSION_ROW + 3)}
    assert rows == {"Versi Templat": TEMPLATE, "Versi Tata Letak": LAYOUT,
                    "Tahun Juknis": TAHUN}
    assert not {"VERSI TEMPLAT", "VERSI TATA LETAK", "TAHUN JUKNIS"} & set(_xlwings_settings(ws))
    assert all(ws.cell(r, 4).value for r in range(VERSION_ROW, VERSION_ROW + 3))


def test_petunjuk_shows_the_version_line(current_book):
    ws = openpyxl.load_workbook(current_book)["Petunjuk"]
    line = f"Versi templat {TEMPLATE} · tata letak {LAYOUT} · juknis TA {TAHUN}"
    assert line in [c.value for c in ws["A"][:10]]


def test_a_template_built_from_the_stored_0_1_0_layout_says_0_1_0():
    from xlplugin.io.version import build_version
    from xlplugin.layout.history import layout_for

    version = build_version(layout_for("2023.1"), load_pack())
    assert (version.template, version.layout, version.tahun) == ("0.1.0", "2023.1", TAHUN)
