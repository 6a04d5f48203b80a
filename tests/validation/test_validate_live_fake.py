"""The live adapter over (a faithful fake of) xlwings gives the file adapter's findings.

The fake is loaded from the same workbook file; both adapters feed the same reader
and engine, so the findings, in the same words at the same cells, must be equal.
"""

from __future__ import annotations

from xlwings_fake import FakeBook

from xlplugin.adapters.file import FileAdapter
from xlplugin.adapters.live import LiveAdapter
from xlplugin.domain.colours import LEVEL_COLOURS
from xlplugin.layout import load_layout
from xlplugin.template.sheets.temuan import TemuanSheet, read_register
from xlplugin.validation import clear_highlights, validate_workbook, write_findings

LAYOUT = load_layout()
TEMUAN = TemuanSheet(LAYOUT)


def _rgb(hex_: str) -> tuple[int, int, int]:
    return int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16)


def test_file_and_live_adapters_give_identical_findings(book):
    with FileAdapter(book) as f:
        from_file = validate_workbook(f)
    from_live = validate_workbook(LiveAdapter(FakeBook.from_file(book)))
    assert from_file and from_live == from_file


def test_live_write_colours_cells_and_clear_restores_the_users_colour(book):
    fake = FakeBook.from_file(book)
    adapter = LiveAdapter(fake)
    findings = validate_workbook(adapter)
    target = next(f for f in findings if f.cell)
    sheet = fake.sheets[target.sheet]
    sheet.api.Unprotect()  # as the user must, to colour a cell of a protected sheet
    sheet.range(target.cell).color = (0, 176, 80)  # the user's own colour
    sheet.api.Protect(AllowFormattingColumns=True, AllowFormattingRows=True)
    write_findings(adapter, findings)
    assert sheet.range(target.cell).color == _rgb(LEVEL_COLOURS[target.level])
    temuan = fake.sheets[TEMUAN.name]
    assert temuan.range((TEMUAN.first_row, 3)).value == findings[0].rule
    assert temuan.range((TEMUAN.first_row, 8)).formula.startswith("=HYPERLINK(")
    register = read_register(LAYOUT, adapter.grid(TEMUAN.name))
    assert (target.sheet, target.cell, "c=00B050") in register
    assert clear_highlights(LiveAdapter(fake)) == len(register)
    assert sheet.range(target.cell).color == (0, 176, 80)


def test_live_write_enters_formula_like_text_as_text(book):
    from dataclasses import replace

    fake = FakeBook.from_file(book)
    adapter = LiveAdapter(fake)
    [first, *_] = validate_workbook(adapter)
    write_findings(adapter, [replace(first, message="=1+1", rule="+X")])
    temuan = fake.sheets[TEMUAN.name]
    assert temuan.range((TEMUAN.first_row, 7)).value == "=1+1"
    cell = temuan.cells[(TEMUAN.first_row, 7)]
    assert cell.formula is None and cell.value == "=1+1"


def test_live_status_column_with_udf_formula_is_left_to_excel(book):
    fake = FakeBook.from_file(book)
    rab = LAYOUT.tables["RAB"]
    status = len(rab.columns) + 1
    before = fake.sheets[rab.sheet].range((rab.first_row, status)).formula
    adapter = LiveAdapter(fake)
    write_findings(adapter, validate_workbook(adapter))
    after = fake.sheets[rab.sheet].range((rab.first_row, status)).formula
    assert after == before


def test_file_written_register_is_understood_by_the_live_adapter(book, tmp_path):
    out = tmp_path / "hasil.xlsx"
    with FileAdapter(book) as f:
        findings = validate_workbook(f)
        write_findings(f, findings)
        f.save(out)
    fake = FakeBook.from_file(out)
    flagged = next(x for x in findings if x.cell)
    assert fake.sheets[flagged.sheet].range(flagged.cell).color == _rgb(
        LEVEL_COLOURS[flagged.level])
    original = FakeBook.from_file(book).sheets[flagged.sheet].range(flagged.cell).color
    clear_highlights(LiveAdapter(fake))
    assert fake.sheets[flagged.sheet].range(flagged.cell).color == original


def test_sample_breaches_found_through_both_adapters_and_no_other_pelanggaran(book):
    from xlplugin.sample import EXPECTED_BREACHES

    with FileAdapter(book) as f:
        from_file = validate_workbook(f)
    from_live = validate_workbook(LiveAdapter(FakeBook.from_file(book)))
    for findings in (from_file, from_live):
        found = {(x.rule, x.sheet, x.cell, x.level) for x in findings}
        assert {tuple(e) for e in EXPECTED_BREACHES} <= found
        hard = {(x.rule, x.cell) for x in findings if x.level == "PELANGGARAN"}
        assert hard == {(e.rule, e.cell) for e in EXPECTED_BREACHES if e.level == "PELANGGARAN"}


def test_live_status_goes_under_its_header_not_into_a_column_inserted_at_its_place(book):
    """A "Keterangan" column inserted where the template put the status column: the
    live adapter writes where the reader found 'Status Periksa', the notes stay."""
    from xlwings_fake import FakeCell

    peserta = LAYOUT.tables["Peserta"]
    status = len(peserta.columns) + 1
    fake = FakeBook.from_file(book)
    cells = fake.sheets[peserta.sheet].cells
    for (r, c) in sorted((k for k in cells if k[1] >= status), key=lambda k: -k[1]):
        cells[(r, c + 1)] = cells.pop((r, c))
    rows = range(peserta.first_row, peserta.first_row + 120)
    cells[(peserta.header_row, status)] = FakeCell("Keterangan")
    for r in rows:
        cells[(r, status)] = FakeCell(f"catatan {r}")
    adapter = LiveAdapter(fake)
    write_findings(adapter, validate_workbook(adapter))
    sheet = fake.sheets[peserta.sheet]
    assert [sheet.range((r, status)).value for r in rows] == [f"catatan {r}" for r in rows]
