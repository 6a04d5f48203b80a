"""The rekap's numbers are each file's own numbers: its Rekap sheet and `xlplugin validate`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from python_calamine import CalamineWorkbook
from rekap_helpers import table

from xlplugin.adapters.file import FileAdapter, load_dokumen
from xlplugin.engine.totals import compute_totals
from xlplugin.layout import load_layout
from xlplugin.rekap.sheets import SEVERITY_HEADER
from xlplugin.rekap.workbook import SHEET_PROVINSI, SHEET_RINGKASAN, SHEET_TEMUAN
from xlplugin.rulepack import load_pack
from xlplugin.template.sheets.rekap import col, rekap_rows
from xlplugin.validation import validate_workbook

PACK, LAYOUT = load_pack(), load_layout()


def _own_rekap_sheet(path) -> dict[str, float]:
    """What the file's Rekap sheet shows (cached values of its SUMIFS formulas)."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        LAYOUT.outputs["Rekap"].sheet).to_python(skip_empty_area=False)
    where = rekap_rows(LAYOUT, PACK)
    anggaran = ord(col("anggaran")) - ord("A")
    realisasi = ord(col("realisasi")) - ord("A")
    out = {f"rab:{code}": rows[r - 1][anggaran] for code, r in where.codes.items()}
    out |= {f"real:{code}": rows[r - 1][realisasi] for code, r in where.codes.items()
            if code in PACK.menu}
    out["rab:total"] = rows[where.total - 1][anggaran]
    out["real:total"] = rows[where.total - 1][realisasi]
    out["pagu"] = rows[where.pagu - 1][anggaran]
    return out


def _rekap_row(row: dict) -> dict[str, float]:
    out = {f"rab:{m}": row[f"RAB Menu {m} (Rp)"] for m in PACK.menu}
    out |= {f"rab:{r}": row[f"RAB {r} (Rp)"] for r in PACK.rincian}
    out |= {f"real:{m}": row[f"Realisasi Menu {m} (Rp)"] for m in PACK.menu}
    out["rab:total"] = row["Total RAB (Rp)"]
    out["real:total"] = row["Realisasi (Rp)"]
    out["pagu"] = row["Pagu (Rp)"]
    return out


def test_each_row_equals_the_files_own_rekap_sheet(corpus, rekap_xlsx):
    folder, manifest = corpus
    rows = {r["Berkas"]: r for r in table(rekap_xlsx, SHEET_RINGKASAN)}
    assert sorted(rows) == sorted(f["berkas"] for f in manifest["files"])
    for rel, row in rows.items():
        assert _rekap_row(row) == _own_rekap_sheet(folder / rel), rel


def test_national_total_is_the_sum_of_the_files_own_totals(corpus, rekap_xlsx):
    folder, manifest = corpus
    own = [_own_rekap_sheet(folder / f["berkas"]) for f in manifest["files"]]
    provinsi = table(rekap_xlsx, SHEET_PROVINSI)
    (nasional,) = [r for r in _all_rows(rekap_xlsx, SHEET_PROVINSI) if r[0] == "NASIONAL"]
    assert nasional[2:5] == [sum(o["pagu"] for o in own), sum(o["rab:total"] for o in own),
                             sum(o["real:total"] for o in own)]
    assert sum(r["Total RAB (Rp)"] for r in provinsi) == nasional[3]
    by_province = Counter(f["provinsi"] for f in manifest["files"])
    assert {r["Provinsi"]: r["Jumlah Kab/Kota"] for r in provinsi} == by_province


def test_rows_equal_engine_totals_of_each_file(corpus, rekap):
    folder, _ = corpus
    for f in rekap.files:
        totals = compute_totals(load_dokumen(folder / f.file)[0], PACK)
        assert (f.total_rab, f.realisasi, f.pagu) == (totals.total.rab, totals.total.realisasi,
                                                      totals.pagu)
        assert f.rab_rincian == {k: j.rab for k, j in totals.rincian.items()}


def test_findings_per_file_equal_validate(corpus, rekap_xlsx):
    folder, manifest = corpus
    listed = Counter(r["Berkas"] for r in table(rekap_xlsx, SHEET_TEMUAN))
    rows = {r["Berkas"]: r for r in table(rekap_xlsx, SHEET_RINGKASAN)}
    for f in manifest["files"]:
        with FileAdapter(folder / f["berkas"]) as adapter:
            findings = validate_workbook(adapter)
        assert listed[f["berkas"]] == len(findings)
        open_ = Counter(x.severity for x in findings if x.is_open)
        row = rows[f["berkas"]]
        for severity, header in SEVERITY_HEADER.items():
            assert row[f"Temuan Terbuka: {header}"] == open_[severity], (f["berkas"], header)
    assert sum(listed.values()) > len(manifest["files"])  # the corpus does break rules


def test_findings_equal_the_validate_cli_json(corpus, rekap_xlsx):
    folder, manifest = corpus
    listed = table(rekap_xlsx, SHEET_TEMUAN)
    for f in manifest["files"][:2]:
        out = subprocess.run([sys.executable, "-m", "xlplugin", "validate", "--json",
                              "--no-write", str(folder / f["berkas"])],
                             capture_output=True, text=True, check=False)
        assert out.returncode in (0, 1), out.stderr
        cli = sorted((x["rule"], x["severity"], x["sheet"], _place(x["cell"], x["row"]),
                      x["message"]) for x in json.loads(out.stdout))
        mine = sorted((r["Aturan"], r["Tingkat"], r["Sheet"], r["Sel"], r["Pesan"])
                      for r in listed if r["Berkas"] == f["berkas"])
        assert mine == cli


def _place(cell, row) -> str:
    return cell or (f"baris {row}" if row else "")


def _all_rows(path, sheet):
    from rekap_helpers import cell_rows

    return cell_rows(path, sheet)
