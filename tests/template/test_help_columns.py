"""Column help (issue 16 point 6): every input column's header carries an Indonesian
note (what to type, unit, the rule IDs that read it, an example), its input prompt says
the same in one line, and Petunjuk lists every column of every sheet, all generated from
`help.toml`, the layout and the rule pack."""

import openpyxl
import pytest

from xlplugin.layout import load_layout
from xlplugin.layout.model import PROMPT_MAX, ColumnHelp, help_for, load_help
from xlplugin.rulepack import load_pack
from xlplugin.template.build import build_template
from xlplugin.template.sheets.petunjuk import column_lines

LAYOUT, PACK = load_layout(), load_pack()
INPUTS = [(t.key, c) for t in LAYOUT.tables.values() for c in t.columns if c.is_input]
# Read the workbook as it is handed in, not the rules of the reading itself or the report.
NOT_A_COLUMN_RULE = {"BACA-SHEET", "BACA-KOLOM", "BACA-VERSI", "LAPORAN-FORMAT",
                     "LAPORAN-TUJUAN"}


@pytest.fixture(scope="module")
def wb(tmp_path_factory):
    path = build_template(out=tmp_path_factory.mktemp("help") / "template.xlsm")
    return openpyxl.load_workbook(path)


def test_every_input_column_and_profil_field_has_help():
    missing = [f"{k}.{c.key}" for k, c in INPUTS if help_for(k, c.key) is None]
    missing += [f"Profil.{f.key}" for f in LAYOUT.profil.fields
                if help_for("Profil", f.key) is None]
    assert missing == []
    for table in load_help().values():
        for h in table.values():
            assert h.isi.strip() and h.contoh.strip()


def test_help_names_no_column_the_layout_does_not_have():
    inputs = {(k, c.key) for k, c in INPUTS} | {("Profil", f.key) for f in LAYOUT.profil.fields}
    written = {(k, c) for k, cols in load_help().items() for c in cols}
    assert written - inputs == set()


def test_help_names_only_rules_of_the_pack_and_every_rule_that_reads_a_column():
    named = {r for cols in load_help().values() for h in cols.values() for r in h.aturan}
    assert named - set(PACK.rules) == set()
    assert set(PACK.rules) - named == NOT_A_COLUMN_RULE


def test_note_says_what_to_type_unit_example_and_rules():
    note = help_for("KAK", "jpl").note()
    assert note.splitlines() == [
        "Jumlah jam pelajaran pelatihan (1 JPL = 45 menit).", "Satuan: JPL.", "Contoh: 60",
        "Diperiksa: JPL-A1, JPL-A2, JPL-B1, JPL-B2, JPL-B4, JPL-D2, BULAN-B3."]
    assert "tidak diperiksa aturan" in help_for("Peserta", "nama").note()


def test_prompt_is_one_line_within_excels_limit_for_every_column():
    for cols in load_help().values():
        for h in cols.values():
            prompt = h.prompt()
            assert "\n" not in prompt and len(prompt) <= PROMPT_MAX
            assert h.isi in prompt and f"Contoh: {h.contoh}" in prompt


def test_prompt_leaves_out_the_rules_before_the_example_when_too_long():
    long = ColumnHelp("x" * 200, "contoh", ("JPL-A1",) * 10, "bulan")
    assert long.prompt().endswith("Contoh: contoh.") and len(long.prompt()) <= PROMPT_MAX


def test_every_input_header_carries_its_note(wb):
    for key, col in INPUTS:
        table = LAYOUT.tables[key]
        cell = wb[table.sheet].cell(table.header_row, col.index)
        assert cell.value == col.header
        assert cell.comment is not None, f"{key}.{col.key}"
        assert cell.comment.text == help_for(key, col.key).note()


def test_formula_headers_carry_no_note(wb):
    kak = LAYOUT.tables["KAK"]
    assert wb[kak.sheet].cell(kak.header_row, kak.column("anggaran").index).comment is None


def _prompts(ws) -> dict[str, str]:
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0]] = dv
    return out


def test_every_input_column_prompts_its_help_in_one_line(wb):
    for key, col in INPUTS:
        table = LAYOUT.tables[key]
        dv = _prompts(wb[table.sheet]).get(f"{col.letter}{table.first_row}")
        assert dv is not None and dv.showInputMessage, f"{key}.{col.key}"
        assert dv.prompt == help_for(key, col.key).prompt()


def test_free_text_prompt_accepts_any_value_and_typed_columns_keep_their_rule(wb):
    kak = LAYOUT.tables["KAK"]
    dvs = _prompts(wb[kak.sheet])
    nama = dvs[f"{kak.column('nama_kegiatan').letter}{kak.first_row}"]
    assert nama.type is None and not nama.showErrorMessage
    jpl = dvs[f"{kak.column('jpl').letter}{kak.first_row}"]
    assert jpl.type == "whole" and jpl.showErrorMessage and "bilangan bulat" in jpl.error


def test_profil_fields_prompt_their_help(wb):
    form = LAYOUT.profil
    dvs = _prompts(wb[form.sheet])
    for f in form.fields:
        dv = dvs.get(form.cell(f.key))
        assert dv is not None and dv.prompt == help_for("Profil", f.key).prompt(), f.key


def test_petunjuk_lists_every_column_of_every_sheet(wb):
    text = "\n".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row
                     if c.value is not None)
    for table in LAYOUT.tables.values():
        assert f"Sheet {table.sheet} (tabel {table.name}" in text
        for col in table.columns:
            assert f"{col.letter} '{col.header}'" in text, f"{table.key}.{col.key}"
    for f in LAYOUT.profil.fields:
        assert f"'{f.label}'" in text
    assert help_for("KAK", "bulan_pendampingan").isi in text


def test_petunjuk_column_list_follows_the_layout():
    lines = column_lines(LAYOUT, PACK)
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == len(LAYOUT.profil.fields) + sum(
        len(t.columns) for t in LAYOUT.tables.values())
    assert any("dihitung otomatis" in line and "'Jumlah (Rp)'" in line for line in bullets)


def test_limit_dropdown_offers_labels_and_lets_the_rule_id_alone_through(wb):
    """The engine reads "JPL-A1" typed alone: Excel warns rather than refuses it."""
    table = LAYOUT.tables["Persetujuan"]
    dv = _prompts(wb[table.sheet])[f"{table.column('aturan').letter}{table.first_row}"]
    assert dv.type == "list" and dv.formula1 == "lst_aturan_persetujuan"
    assert dv.errorStyle == "warning" and "JPL-A1" in dv.error
    daftar = wb["Daftar"]
    values = {c.value for row in daftar.iter_rows() for c in row if c.value}
    assert set(PACK.lists()["aturan_persetujuan"]) <= values
