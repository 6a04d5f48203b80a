"""The UDFs called as xlwings calls them: whole ranges as lists of rows, None for empty
cells, floats for numbers, datetimes for dates (tests/macros/udf_args.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factories import clean_dokumen

import udfs.dak_udfs as udf
from macros.udf_args import udf_args
from xlplugin.domain.finding import Finding, Severity
from xlplugin.engine.status import STATUS_MAX, row_statuses, status_text
from xlplugin.engine.totals import compute_totals
from xlplugin.layout import load_layout
from xlplugin.layout.udf import ARG_TABLES, STATUS_UDF
from xlplugin.rulepack import load_pack


@pytest.fixture(autouse=True)
def fresh_memo():
    udf._analyse.cache_clear()
    yield
    udf._analyse.cache_clear()


def status(key: str, args: dict) -> list[str]:
    column = getattr(udf, STATUS_UDF[key])(**args)
    assert all(len(row) == 1 for row in column)  # one column, as the array formula expects
    return [row[0] for row in column]


def row_index(key: str, row: int) -> int:
    return row - load_layout().tables[key].first_row


def test_clean_dokumen_rows_are_ok_and_empty_rows_blank():
    doc = clean_dokumen()
    args = udf_args(doc)
    rab = status("RAB", args)
    assert len(rab) == load_layout().tables["RAB"].capacity
    filled = {row_index("RAB", line.row) for line in doc.rab}
    assert {rab[i] for i in filled} == {"OK"}
    assert {s for i, s in enumerate(rab) if i not in filled} == {""}


def test_every_status_udf_answers_for_its_whole_table():
    args = udf_args(clean_dokumen())
    for key in STATUS_UDF:
        assert len(status(key, args)) == load_layout().tables[key].capacity, key


def test_rab_hitung_breach_shows_rule_id_and_message_on_its_row():
    doc = clean_dokumen()
    doc.rab[1].jumlah = doc.rab[1].jumlah + 1
    rab = status("RAB", udf_args(doc))
    shown = rab[row_index("RAB", doc.rab[1].row)]
    assert shown.startswith("PELANGGARAN: RAB-HITUNG - Jumlah")
    assert rab[row_index("RAB", doc.rab[0].row)] == "OK"


def test_ssh_plafon_breach_is_reported_on_the_rab_row():
    doc = clean_dokumen()
    line = doc.rab[0]  # honor narasumber, refers to SSH-01 (max 900.000)
    line.harga_satuan = 950_000
    line.jumlah = int(line.volume * line.harga_satuan)
    shown = status("RAB", udf_args(doc))[row_index("RAB", line.row)]
    assert "SSH-PLAFON" in shown


def test_seven_status_udfs_of_one_recalculation_run_the_engine_once():
    args = udf_args(clean_dokumen())
    for key in STATUS_UDF:
        status(key, args)
    udf.DAK_TOTAL("A", **args)
    info = udf._analyse.cache_info()
    assert (info.misses, info.hits) == (1, len(STATUS_UDF))


def test_an_edited_cell_runs_the_engine_again():
    doc = clean_dokumen()
    args = udf_args(doc)
    status("RAB", args)
    args["rab"][0][2] = "Honor narasumber (revisi)"  # uraian of the first RAB row
    status("RAB", args)
    assert udf._analyse.cache_info().misses == 2


def test_total_per_menu_and_rincian_equals_engine_totals():
    doc = clean_dokumen()
    args = udf_args(doc)
    totals = compute_totals(clean_dokumen(), load_pack())
    assert udf.DAK_TOTAL("A", **args) == totals.menu["A"].rab > 0
    assert udf.DAK_TOTAL("a.1 ", **args) == totals.rincian["A.1"].rab
    assert udf.DAK_TOTAL("B", **args) == 0


def test_total_of_unknown_or_empty_code_is_blank():
    args = udf_args(clean_dokumen())
    assert udf.DAK_TOTAL("Z.9", **args) == ""
    assert udf.DAK_TOTAL(None, **args) == ""


def test_inserted_column_gives_an_indonesian_message_not_a_traceback():
    args = udf_args(clean_dokumen())
    args["rab"] = [row + [None] for row in args["rab"]]
    rab = status("RAB", args)
    assert rab[0].startswith("GALAT: tabel di sheet RAB berisi 13 kolom, seharusnya 12")
    assert len(set(rab)) == 1 and len(rab) == load_layout().tables["RAB"].capacity
    assert udf.DAK_TOTAL("A", **args) == ""


def test_engine_failure_shows_a_short_message_in_every_cell(monkeypatch):
    import xlplugin.engine

    def broken(*_a, **_k):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(xlplugin.engine, "validate", broken)
    kak = status("KAK", udf_args(clean_dokumen()))
    assert set(kak) == {"GALAT: pemeriksaan gagal di Python; lihat log xlwings"}


def test_udf_argument_order_follows_the_contract():
    import inspect

    params = list(inspect.signature(udf.DAK_STATUS_RAB).parameters)
    assert params == ["profil", *udf.TABLE_PARAMS]
    assert len(udf.TABLE_PARAMS) == len(ARG_TABLES)
    assert list(inspect.signature(udf.DAK_TOTAL).parameters) == ["kode", *params]


# ---------------------------------------------------------------- one row's text
def finding(rule: str, message: str, severity=Severity.PELANGGARAN, **kw) -> Finding:
    return Finding(rule, severity, "RAB", 6, "I6", message, "-", **kw)


def test_row_status_names_the_worst_open_level_first_then_rule_ids_and_a_message():
    text = status_text([finding("SSH-PLAFON", "Harga di atas SSH.", Severity.PERINGATAN),
                        finding("RAB-HITUNG", "Jumlah salah.")])
    assert text == "PELANGGARAN: RAB-HITUNG, SSH-PLAFON - Jumlah salah."


def test_long_row_status_keeps_every_rule_id_within_255_characters():
    many = [finding(f"RULE-{i}", "x" * 300) for i in range(4)]
    text = status_text(many)
    assert len(text) <= STATUS_MAX and text.endswith("...")
    assert text.startswith("PELANGGARAN: RULE-0, RULE-1, RULE-2, RULE-3 - xxx")


def test_row_with_only_approved_findings_is_ok_with_a_note():
    approved = replace(finding("JPL-A1", "JPL di atas 85."), resolution="DISETUJUI")
    assert status_text([approved]) == "OK (disetujui/dijelaskan: JPL-A1)"


def test_approved_finding_does_not_raise_the_level_of_an_open_one():
    approved = replace(finding("JPL-A1", "JPL di atas 85."), resolution="DISETUJUI")
    warning = finding("SSH-PLAFON", "Harga di atas SSH.", Severity.PERINGATAN)
    assert status_text([approved, warning]) == "PERINGATAN: SSH-PLAFON - Harga di atas SSH."


def test_udf_column_shows_row_statuses_text_for_each_row():
    doc = clean_dokumen()
    doc.rab[1].jumlah = doc.rab[1].jumlah + 1
    args = udf_args(doc)
    findings = xlplugin_validate(doc)
    expected = row_statuses(findings, load_layout())
    shown = status("RAB", args)
    assert expected[("RAB", doc.rab[1].row)] == shown[row_index("RAB", doc.rab[1].row)]


def xlplugin_validate(doc):
    from xlplugin.engine import validate

    return validate(doc, load_pack(), load_layout())
