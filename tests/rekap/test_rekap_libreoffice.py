"""LibreOffice as the independent judge: it recomputes two files' Rekap sheets from their
inputs (cached values stripped) and opens the rekap itself. One soffice run."""

from __future__ import annotations

import pytest
from cached_values import strip_cached_values
from rekap_helpers import cell_rows, table

from xlplugin.layout import load_layout
from xlplugin.rekap.workbook import SHEET_PROVINSI, SHEET_RINGKASAN
from xlplugin.reports.pdf import convert, soffice
from xlplugin.rulepack import load_pack
from xlplugin.template.sheets.rekap import col, rekap_rows

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(soffice() is None, reason="LibreOffice tidak terpasang")]
LAYOUT, PACK = load_layout(), load_pack()


@pytest.fixture(scope="module")
def recalculated(corpus, rekap_xlsx, tmp_path_factory):
    folder, manifest = corpus
    work = tmp_path_factory.mktemp("lo")
    picked = [f["berkas"] for f in manifest["files"][:2]]
    stripped = []
    for i, rel in enumerate(picked):
        dst = work / f"berkas{i}.xlsm"
        strip_cached_values(folder / rel, dst)
        stripped.append(dst)
    outputs = convert([*stripped, rekap_xlsx], work / "out", "xlsx", recalc=True)
    return dict(zip(picked, outputs[:2], strict=True)), outputs[2]


def test_libreoffice_computes_the_same_totals_as_the_rekap(recalculated, rekap_xlsx):
    files, _ = recalculated
    rows = {r["Berkas"]: r for r in table(rekap_xlsx, SHEET_RINGKASAN)}
    where = rekap_rows(LAYOUT, PACK)
    anggaran = ord(col("anggaran")) - ord("A")
    for rel, path in files.items():
        sheet = cell_rows(path, LAYOUT.outputs["Rekap"].sheet)
        assert sheet[where.total - 1][anggaran] == rows[rel]["Total RAB (Rp)"]
        for menu in PACK.menu:
            assert sheet[where.codes[menu] - 1][anggaran] == rows[rel][f"RAB Menu {menu} (Rp)"]


def test_libreoffice_reads_the_rekap_back(recalculated, rekap_xlsx):
    _, reopened = recalculated
    assert table(reopened, SHEET_PROVINSI) == table(rekap_xlsx, SHEET_PROVINSI)
