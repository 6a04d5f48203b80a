"""The UDFs called as xlwings calls them: ranges as lists of rows, None for empty cells,
floats for numbers, datetimes for dates (tests/macros/udf_args.py). DAK_PERIKSA is the
template's call; the DAK_STATUS_* and DAK_TOTAL functions serve 0.1.0 workbooks."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factories import clean_dokumen

import udfs.dak_udfs as udf
from macros.udf_args import check_args, udf_args
from xlplugin.domain.finding import Finding, Severity
from xlplugin.engine.status import STATUS_MAX, row_statuses, status_text
from xlplugin.engine.totals import compute_totals
from xlplugin.layout import load_layout
from xlplugin.layout.udf import ARG_TABLES, LEGACY_TABLES, STATUS_UDF, status_tables
from xlplugin.rulepack import load_pack


@pytest.fixture(autouse=True)
def fresh_memo():
    udf._analyse.cache_clear()
    yield
    udf._analyse.cache_clear()


def split_result(result: list[list], args: dict) -> tuple[dict[str, list], list]:
    """DAK_PERIKSA's one column cut as the template's start cells cut it."""
    values = [row[0] for row in result]
    out, start = {}, 0
    for key in status_tables(load_layout()):
        n = max(1, len(args[udf.TABLE_PARAMS[ARG_TABLES.index(key)]]))
        out[key], start = values[start:start + n], start + n
    return out, values[start:]


def status(key: str, args: dict) -> list[str]:
    """Table `key`'s statuses in the DAK_PERIKSA result, as its status cells read them."""
    if "kode" not in args:
        return legacy_status(key, args)
    statuses, totals = split_result(udf.DAK_PERIKSA(**args), args)
    assert len(totals) == len(args["kode"])
    return statuses[key]


def legacy_status(key: str, args: dict) -> list[str]:
    column = getattr(udf, STATUS_UDF[key])(**args)
    assert all(len(row) == 1 for row in column)  # one column, as the array formula expects
    return [row[0] for row in column]


def row_index(key: str, row: int) -> int:
    return row - load_layout().tables[key].first_row


def test_clean_dokumen_rows_are_ok_and_empty_rows_blank():
    doc = clean_dokumen()
    args = check_args(doc)
    rab = status("RAB", args)
    assert len(rab) == load_layout().tables["RAB"].capacity
    filled = {row_index("RAB", line.row) for line in doc.rab}
    assert {rab[i] for i in filled} == {"OK"}
    assert {s for i, s in enumerate(rab) if i not in filled} == {""}


def test_the_result_is_one_column_of_every_passed_row_then_the_totals():
    args = check_args(clean_dokumen())
    result = udf.DAK_PERIKSA(**args)
    assert all(len(row) == 1 for row in result)
    passed = sum(len(args[udf.TABLE_PARAMS[ARG_TABLES.index(k)]])
                 for k in status_tables(load_layout()))
    assert len(result) == passed + len(args["kode"])


def test_a_trimmed_table_gets_statuses_for_its_passed_rows_and_blanks_below():
    doc = clean_dokumen()
    args = check_args(doc)
    last = max(line.row for line in doc.rab) - load_layout().tables["RAB"].first_row + 1
    args["rab"] = args["rab"][:last]
    rab = status("RAB", args)
    assert len(rab) == last and set(rab) <= {"OK", ""} and "OK" in rab
    assert split_result(udf.DAK_PERIKSA(**args), args)[0]["Peserta"] == status("Peserta", args)


def test_every_0_1_0_status_udf_answers_for_its_whole_table():
    args = udf_args(clean_dokumen())
    for key in STATUS_UDF:
        assert len(legacy_status(key, args)) == load_layout().tables[key].capacity, key


def test_rab_hitung_breach_shows_rule_id_and_message_on_its_row():
    doc = clean_dokumen()
    doc.rab[1].jumlah = doc.rab[1].jumlah + 1
    rab = status("RAB", check_args(doc))
    shown = rab[row_index("RAB", doc.rab[1].row)]
    assert shown.startswith("PELANGGARAN: RAB-HITUNG - Jumlah")
    assert rab[row_index("RAB", doc.rab[0].row)] == "OK"


def test_ssh_plafon_breach_is_reported_on_the_rab_row():
    doc = clean_dokumen()
    line = doc.rab[0]  # honor narasumber, refers to SSH-01 (max 900.000)
    line.harga_satuan = 950_000
    line.jumlah = int(line.volume * line.harga_satuan)
    shown = status("RAB", check_args(doc))[row_index("RAB", line.row)]
    assert "SSH-PLAFON" in shown


def test_one_check_call_runs_the_engine_once():
    udf.DAK_PERIKSA(**check_args(clean_dokumen()))
    info = udf._analyse.cache_info()
    assert (info.misses, info.hits) == (1, 0)


def test_seven_0_1_0_status_udfs_of_one_recalculation_run_the_engine_once():
    args = udf_args(clean_dokumen())
    for key in STATUS_UDF:
        legacy_status(key, args)
    udf.DAK_TOTAL("A", **args)
    info = udf._analyse.cache_info()
    assert (info.misses, info.hits) == (1, len(STATUS_UDF))


def test_an_edited_cell_runs_the_engine_again():
    doc = clean_dokumen()
    args = check_args(doc)
    status("RAB", args)
    args["rab"][0][2] = "Honor narasumber (revisi)"  # uraian of the first RAB row
    status("RAB", args)
    assert udf._analyse.cache_info().misses == 2


def test_check_totals_follow_the_rekap_codes_and_equal_engine_totals():
    totals = compute_totals(clean_dokumen(), load_pack())
    args = check_args(clean_dokumen(), ["A", "a.1 ", "B", "Z.9", None])
    _, shown = split_result(udf.DAK_PERIKSA(**args), args)
    assert shown == [totals.menu["A"].rab, totals.rincian["A.1"].rab, 0, "", ""]
    assert shown[0] > 0


def test_0_1_0_total_per_menu_and_rincian_equals_engine_totals():
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
    args = check_args(clean_dokumen())
    width = len(load_layout().tables["RAB"].columns)
    args["rab"] = [row + [None] for row in args["rab"]]
    rab = status("RAB", args)
    assert rab[0].startswith(f"GALAT: tabel di sheet RAB berisi {width + 1} kolom, "
                             f"seharusnya {width}")
    assert len(set(rab)) == 1 and len(rab) == load_layout().tables["RAB"].capacity
    legacy = udf_args(clean_dokumen())
    legacy["rab"] = [row + [None] for row in legacy["rab"]]
    assert udf.DAK_TOTAL("A", **legacy) == ""


def test_a_0_1_0_workbook_without_the_columns_added_since_reads_them_as_empty():
    args = udf_args(clean_dokumen())
    for param, key in zip(udf.LEGACY_PARAMS, LEGACY_TABLES):
        args[param] = [row[:-1] for row in args[param]]  # as if the last column were new
    args["profil"] = args["profil"][:-1]
    shown = legacy_status("RAB", args)
    assert not any(s.startswith("GALAT") for s in shown)


def test_engine_failure_shows_a_short_message_in_every_cell(monkeypatch):
    import xlplugin.engine

    def broken(*_a, **_k):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(xlplugin.engine, "validate", broken)
    kak = status("KAK", check_args(clean_dokumen()))
    assert set(kak) == {"GALAT: pemeriksaan gagal di Python; lihat log xlwings"}
    assert set(legacy_status("KAK", udf_args(clean_dokumen()))) == set(kak)


def test_udf_argument_order_follows_the_contract():
    import inspect

    check = list(inspect.signature(udf.DAK_PERIKSA).parameters)
    assert check == ["kode", "profil", *udf.TABLE_PARAMS]
    assert len(udf.TABLE_PARAMS) == len(ARG_TABLES)
    params = list(inspect.signature(udf.DAK_STATUS_RAB).parameters)
    assert params == ["profil", *udf.LEGACY_PARAMS]
    assert len(udf.LEGACY_PARAMS) == len(LEGACY_TABLES)
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
    args = check_args(doc)
    findings = xlplugin_validate(doc)
    expected = row_statuses(findings, load_layout())
    shown = status("RAB", args)
    assert expected[("RAB", doc.rab[1].row)] == shown[row_index("RAB", doc.rab[1].row)]


def xlplugin_validate(doc):
    from xlplugin.engine import validate

    return validate(doc, load_pack(), load_layout())


def test_edits_give_the_statuses_of_a_fresh_run_whatever_the_memos_kept():
    """The UDF module keeps each table's bound records between calls: an edit to one
    table (here the KAK's activity codes, which other tables' values are spelled by)
    must give exactly what a run with nothing kept gives."""
    layout = load_layout()
    doc = clean_dokumen()
    args = check_args(doc)
    kode = layout.tables["KAK"].column("kode_kegiatan").index - 1
    rab_kode = layout.tables["RAB"].column("kode_kegiatan").index - 1
    args["rab"][0][rab_kode] = args["rab"][0][rab_kode].lower()  # typed "k01"

    def fresh() -> list:
        udf._records.cache_clear()
        udf._analyse.cache_clear()
        return udf.DAK_PERIKSA(**args)

    first = udf.DAK_PERIKSA(**args)
    assert first == fresh()
    original = args["kak"][0][kode]
    for edited in (original + "X", original.lower(), original):
        args["kak"][0][kode] = edited
        assert udf.DAK_PERIKSA(**args) == fresh(), edited
    assert udf.DAK_PERIKSA(**args) == first
