"""The rekap as DataFrames/CSV for analysts: same numbers as the workbook, exact rupiah."""

import pandas as pd

from xlplugin.rekap.frames import rekap_frames, write_csv


def test_ringkasan_frame_keeps_each_files_total_rab_as_exact_integers(rekap):
    frame = rekap_frames(rekap)["ringkasan"]
    column = next(c for c in frame.columns if c.startswith("Total RAB"))
    assert str(frame[column].dtype) == "Int64"
    by_file = dict(zip(frame["Berkas"], frame[column]))
    for f in rekap.terbaca:
        assert by_file[f.file] == f.total_rab


def test_csv_reads_back_with_the_same_totals_and_one_row_per_finding(rekap, tmp_path):
    written = write_csv(rekap, tmp_path)
    assert {p.name for p in written} >= {"ringkasan.csv", "temuan.csv", "per_menu.csv"}
    temuan = pd.read_csv(tmp_path / "temuan.csv", sep=";", encoding="utf-8-sig")
    assert len(temuan) == sum(len(f.temuan) for f in rekap.terbaca)
    ringkasan = pd.read_csv(tmp_path / "ringkasan.csv", sep=";", encoding="utf-8-sig")
    column = next(c for c in ringkasan.columns if c.startswith("Total RAB"))
    assert int(ringkasan[column].sum()) == sum(f.total_rab for f in rekap.terbaca)
