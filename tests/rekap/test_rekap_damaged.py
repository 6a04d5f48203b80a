"""Broken files among good ones: the rekap is still written and lists each with its reason."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rekap_helpers import table

from xlplugin.rekap.collect import find_workbooks
from xlplugin.rekap.sheets import GAGAL, GANDA, SEBAGIAN, TERBACA
from xlplugin.rekap.workbook import SHEET_MASALAH, SHEET_RINGKASAN


def _run_cli(folder, target):
    return subprocess.run([sys.executable, "-m", "xlplugin", "rekap", str(folder), "-o",
                           str(target), "-j", "2"], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def damaged_run(damaged_corpus, tmp_path_factory):
    folder, broken = damaged_corpus
    target = tmp_path_factory.mktemp("rekap-rusak") / "rekap.xlsx"
    return _run_cli(folder, target), target, broken


def test_five_damaged_among_twenty_are_listed_and_the_rest_counted(damaged_run):
    out, target, broken = damaged_run
    assert out.returncode == 1, out.stderr  # written, but files need following up
    assert target.exists()
    listed = table(target, SHEET_MASALAH)
    assert {r["Berkas"] for r in listed} == set(broken)
    for r in listed:
        assert r["Alasan"], r
        expected = SEBAGIAN if broken[r["Berkas"]] == "sheet_hilang" else GAGAL
        assert r["Status"] == expected
    status = {r["Berkas"]: r["Status Berkas"] for r in table(target, SHEET_RINGKASAN)}
    assert len(status) == 20
    assert sum(s == TERBACA for s in status.values()) == 15
    for rel in broken:
        assert rel in out.stdout  # the console names every broken file too


def test_each_kind_of_damage_gets_an_indonesian_reason(damaged_run):
    _, target, broken = damaged_run
    reasons = {r["Berkas"]: r["Alasan"] for r in table(target, SHEET_MASALAH)}
    by_kind = {kind: reasons[rel] for rel, kind in broken.items()}
    assert "bukan arsip zip" in by_kind["bukan_zip"]
    assert "terenkripsi" in by_kind["terenkripsi"]
    assert "Sheet 'RAB' tidak ditemukan" in by_kind["sheet_hilang"]
    for kind in ("zip_terpotong", "kosong"):
        assert "rusak" in by_kind[kind] or "bukan" in by_kind[kind], by_kind[kind]
    assert not any("Traceback" in r for r in reasons.values())


def test_checked_copies_and_lock_files_are_not_counted(tmp_path):
    for name in ("a.xlsm", "a.diperiksa.xlsm", "~$a.xlsm", "rekap.cadangan-1.xlsx",
                 "sub/b.xlsx", "catatan.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    found, skipped = find_workbooks(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.xlsm", "sub/b.xlsx"]
    assert len(skipped) == 2


def test_empty_folder_writes_nothing_and_says_so(tmp_path):
    out = _run_cli(tmp_path, tmp_path / "rekap.xlsx")
    assert out.returncode == 2
    assert "Tidak ada berkas" in out.stderr
    assert not (tmp_path / "rekap.xlsx").exists()


def test_two_files_of_one_kab_kota_are_flagged(corpus, tmp_path):
    folder, manifest = corpus
    first = folder / manifest["files"][0]["berkas"]
    for name in ("versi1.xlsm", "revisi/versi2.xlsm"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(first.read_bytes())
    target = tmp_path / "rekap.xlsx"
    out = _run_cli(tmp_path, target)
    assert out.returncode == 1 and "Kab/kota ganda" in out.stdout
    rows = table(target, SHEET_MASALAH)
    assert {r["Berkas"] for r in rows} == {"versi1.xlsm", "revisi/versi2.xlsm"}
    assert all(r["Status"] == GANDA for r in rows)


def test_a_missing_sheet_is_counted_as_a_baca_sheet_finding_like_any_other(damaged_corpus):
    """RULES.md BACA-SHEET: the rekap counts read problems as findings, as validate does."""
    from xlplugin.rekap.load import check_file

    folder, broken = damaged_corpus
    [rel] = [r for r, kind in broken.items() if kind == "sheet_hilang"]
    checked = check_file(folder / rel)
    baca = [f for f in checked.findings if f.rule == "BACA-SHEET"]
    assert baca and all(f.sheet == "RAB" for f in baca)
    assert len(checked.findings) == len(set(checked.findings))
