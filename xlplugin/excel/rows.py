"""Tambah Baris: grow the input table of the active sheet by N rows, from the ribbon.

(Template 0.2 on, the status column holds one formula per row, filled down with the
table's formula columns in step 3; steps 1 and 4 below are for 0.1.0 workbooks.)

A user whose table is full cannot add rows by hand: the sheets are protected, an Excel
table does not grow on a protected sheet, and Excel refuses to insert rows through the
legacy array formula of the Status Periksa column ("You can't change part of an array").
So the button does it, inside `unprotected(sheet)`:

1. the status array's formula is read and the whole array cleared;
2. N whole rows are inserted at the table's last data row, that is inside the table and
   inside every range that covers its data area. Excel itself then grows the table, its
   conditional formats and data validations, the defined names (the Kode Baris list) and
   every formula on any sheet that references the data area (KAK's SUMIFS over RAB,
   Rekap, the other tables' status arrays), and gives the new rows the formats of the
   row above (grey locked formula cells, white unlocked input cells, status fill). An
   insert just below the table would grow none of these: a range grows only when rows go
   in above its last row or at it;
3. the table's formula columns are filled into the new rows from the row above, as
   Excel's fill-down does (relative references follow the row);
4. the status array is entered again over the grown rows, with its references to this
   sheet grown exactly as Excel grew everybody else's (`adjust_references`).

Removing a row needs no button: clearing its white cells (select, Delete) is allowed on
the protected sheet, and a row without input is skipped by every check
(`layout.binding.bind_table`).
"""

from __future__ import annotations

import re

from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.formula.translate import Translator

from ..adapters.base import WorkbookWriteError
from ..adapters.live import FILE_PREFIX, unprotected
from ..io.headers import STATUS_HEADER, norm
from ..layout import load_layout
from ..layout.model import Layout, Table, column_letter
from ..layout.udf import table_limit
from .ribbon import PesanPengguna, _tombol

MAX_TAMBAH = 5000  # per click (xlp_Ribbon.bas asks within it): a slip like 50000 for 500
# would make every later status recalculation pass tens of thousands of empty rows
MAX_ROW = 1_048_576  # Excel's last worksheet row
# Range.FormulaArray takes at most 255 characters
# (https://learn.microsoft.com/office/vba/api/excel.range.formulaarray), and the status
# formula, with every table's data area as an argument, is longer.
FORMULA_ARRAY_LIMIT = 255
PLACEHOLDER_STEM = "_xlpRef"  # + number + "_": a valid, undefined name, which Excel
PLACEHOLDER = PLACEHOLDER_STEM + "{}_"  # accepts in a formula (it shows #NAME? meanwhile)

_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)")
_ROW = re.compile(r"(\$?)(\d+)")
_COLUMN = re.compile(r"\$?[A-Za-z]{1,3}")


@_tombol("Tambah baris")
def tambah_baris(book, jumlah) -> str:
    """The ribbon's Tambah Baris: `jumlah` rows into the table of the active sheet."""
    return tambah_baris_sheet(book.sheets.active, jumlah)


def tambah_baris_sheet(sheet, jumlah, layout: Layout | None = None) -> str:
    """Grow the layout table on `sheet` (an xlwings sheet) by `jumlah` rows; the message."""
    layout = layout or load_layout()
    n = _jumlah(jumlah)
    table = _table_of(layout, sheet.name)
    if table.name not in sheet.tables:
        raise PesanPengguna(
            f"tabel Excel {table.name} tidak ditemukan di sheet '{sheet.name}'. Baris hanya "
            "dapat ditambahkan pada tabel templat; jangan menghapus atau mengganti nama "
            "tabelnya.")
    area = sheet.tables[table.name].range
    header, last = area.row, area.last_cell.row
    first = header + 1
    if last + n > MAX_ROW:
        raise PesanPengguna(f"sheet '{sheet.name}' tidak muat {n} baris lagi; kurangi "
                            "jumlah barisnya.")
    status_col = area.last_cell.column + 1  # right of the table, outside it
    _within_live_block(sheet, layout, table, last + n - first + 1)
    status = _status_formula(sheet, status_col, first, last)
    formulas = _formula_columns(sheet, table, header, area.column, area.last_cell.column)
    if status is None and _per_row_status(sheet, status_col, first, last):
        formulas.append(status_col)  # one formula per row: filled down like the table's
    try:
        with unprotected(sheet):
            _grow(sheet, first, last, n, formulas, status_col, status)
    except WorkbookWriteError as exc:  # a password we do not know
        raise PesanPengguna(
            f"sheet '{sheet.name}' diproteksi dengan kata sandi, sehingga baris tidak dapat "
            "ditambahkan. Buka proteksinya (Tinjau > Buka Proteksi Lembar), lalu ulangi.") \
            from exc
    rows = last + n - first + 1
    return (f"{n} baris kosong ditambahkan ke tabel sheet {sheet.name}: baris {last} sampai "
            f"{last + n - 1}. Tabel sekarang memuat {_angka(rows)} baris (baris {first} sampai "
            f"{last + n}); rumus, daftar pilihan, pewarnaan dan kolom Status Periksa ikut "
            "diperluas.")


def _grow(sheet, first: int, last: int, n: int, formulas: list[int], status_col: int,
          status: str | None) -> None:
    """Steps 1-4 of the module docstring, on the unprotected sheet."""
    if status:
        sheet.range((first, status_col), (last, status_col)).clear_contents()
    try:
        sheet.range(f"{last}:{last + n - 1}").insert("down")
    except Exception:
        # Excel refused (another array across these rows, cells pushed off the sheet):
        # the workbook must not be left without its status column.
        if status:
            enter_array(sheet.range((first, status_col), (last, status_col)), status)
        raise
    _fill_down(sheet, formulas, first, last, n)
    if status:
        enter_array(sheet.range((first, status_col), (last + n, status_col)),
                    adjust_references(status, sheet.name, sheet.name, last, n))


# ---------------------------------------------------------------- references
def adjust_references(formula: str, host: str, sheet: str, row: int, n: int) -> str:
    """`formula`, written on sheet `host`, after n rows were inserted before `row` of
    `sheet`, as Excel adjusts it: a row at or below `row` moves down by n, so a range that
    starts above `row` and ends at or below it grows, one entirely at or below it moves,
    one above it stays. References to other sheets, whole columns, names, structured
    references and text in quotes stay as they are."""
    tokens = Tokenizer(formula)
    for token in tokens.items:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            token.value = _adjust_operand(token.value, host, sheet, row, n)
    return tokens.render()


def _adjust_operand(operand: str, host: str, sheet: str, row: int, n: int) -> str:
    prefix, bang, ref = operand.rpartition("!")
    target = _sheet_name(prefix) if bang else host
    if target.casefold() != sheet.casefold() or prefix.startswith("["):
        return operand
    ends = ref.split(":")
    if len(ends) > 2:
        return operand
    moved = [_adjust_end(end, row, n) for end in ends]
    if None in moved:  # a name, a column (A:A) or something else: nothing to move
        return operand
    return f"{prefix}{bang}{':'.join(moved)}"


def _adjust_end(end: str, row: int, n: int) -> str | None:
    cell = _CELL.fullmatch(end)
    if cell:
        return f"{cell[1]}{cell[2]}{cell[3]}{_row(int(cell[4]), row, n)}"
    whole_row = _ROW.fullmatch(end)
    if whole_row:
        return f"{whole_row[1]}{_row(int(whole_row[2]), row, n)}"
    return end if _COLUMN.fullmatch(end) else None


def _row(r: int, row: int, n: int) -> int:
    # a reference to the sheet's last row (a whole column written as A1:A1048576) stays
    return r + n if row <= r < MAX_ROW else r


def _sheet_name(prefix: str) -> str:
    if prefix.startswith("'") and prefix.endswith("'"):
        return prefix[1:-1].replace("''", "'")
    return prefix


# ---------------------------------------------------------------- array formulas
def enter_array(rng, formula: str) -> None:
    """Enter `formula` as one legacy array formula over `rng` (an xlwings range).

    Range.FormulaArray refuses more than 255 characters, so a longer formula is entered
    with its longest references replaced by placeholder names, and each placeholder is
    then replaced by its reference through Range.Replace, which changes an array formula
    as a whole when the range holds all of it. Each replacement is one reference, which
    reads the same in every language and list-separator setting of Excel."""
    skeleton, parts = shorten(formula, FORMULA_ARRAY_LIMIT)
    rng.formula_array = skeleton
    for placeholder, reference in parts:
        rng.replace_all(placeholder, reference)
    entered = str(rng.sheet.range((rng.row, rng.column)).formula)
    if PLACEHOLDER_STEM.casefold() in entered.casefold():
        raise PesanPengguna(
            "rumus kolom Status Periksa tidak dapat ditulis lengkap oleh Excel. Jangan "
            "menyimpan buku kerja ini; tutup tanpa menyimpan, lalu ulangi dari salinan "
            "terakhir.")


def shorten(formula: str, limit: int) -> tuple[str, list[tuple[str, str]]]:
    """`formula` with its longest references replaced by placeholders until it fits in
    `limit` characters, and the (placeholder, reference) pairs to put back, in order."""
    tokens = Tokenizer(formula)
    refs = [t for t in tokens.items if t.type == Token.OPERAND and t.subtype == Token.RANGE]
    parts: dict[str, str] = {}
    for token in sorted(refs, key=lambda t: -len(t.value)):
        if len(tokens.render()) <= limit:
            break
        if token.value not in parts:
            parts[token.value] = PLACEHOLDER.format(len(parts) + 1)
        token.value = parts[token.value]
    skeleton = tokens.render()
    if len(skeleton) > limit:
        raise ValueError(f"rumus terlalu panjang untuk FormulaArray: {formula}")
    return skeleton, [(p, ref) for ref, p in parts.items()]


# ---------------------------------------------------------------- helpers
def _jumlah(jumlah) -> int:
    try:
        n = 0 if isinstance(jumlah, bool) else int(jumlah)
    except (TypeError, ValueError):
        n = 0
    if n != jumlah or not 1 <= n <= MAX_TAMBAH:
        raise PesanPengguna(f"jumlah baris harus bilangan bulat 1 sampai "
                            f"{_angka(MAX_TAMBAH)}, bukan {jumlah!r}.")
    return n


def _table_of(layout: Layout, sheet_name: str) -> Table:
    for table in layout.tables.values():
        if table.sheet.casefold() == sheet_name.casefold():
            return table
    names = ", ".join(t.sheet for t in layout.tables.values())
    raise PesanPengguna(
        f"sheet '{sheet_name}' tidak berisi tabel isian. Buka salah satu sheet bertabel "
        f"({names}), lalu klik Tambah Baris lagi.")


def _status_formula(sheet, col: int, first: int, last: int) -> str | None:
    """The formula of the status column's array when one array spans exactly the table's
    rows; None when the column holds no array (plain status values need no re-entry)."""
    if not sheet.range((first, col)).has_array:
        return None
    if norm(sheet.range((first - 1, col)).value) != norm(STATUS_HEADER):
        # an array right of the table that is not under the status header: not ours to
        # clear and re-enter
        raise PesanPengguna(
            f"kolom di kanan tabel sheet '{sheet.name}' (kolom {column_letter(col)}) tidak "
            f"berjudul '{STATUS_HEADER}' seperti di templat, sehingga baris tidak dapat "
            "ditambahkan dengan aman. Kembalikan kolom Status Periksa ke kanan tabel.")
    if not sheet.range((last, col)).has_array or sheet.range((last + 1, col)).has_array:
        raise PesanPengguna(
            f"kolom Status Periksa (kolom {column_letter(col)}) sheet '{sheet.name}' tidak lagi "
            f"satu rumus dari baris {first} sampai {last} seperti di templat, sehingga baris "
            "tidak dapat ditambahkan dengan aman.")
    return str(sheet.range((first, col)).formula)


def _within_live_block(sheet, layout: Layout, table: Table, rows: int) -> None:
    """The live check answers for as many rows as its result column holds (`udf`)."""
    limit = table_limit(layout, table.key)
    if rows > limit:
        raise PesanPengguna(
            f"tabel sheet '{sheet.name}' akan menjadi {_angka(rows)} baris, lebih dari "
            f"{_angka(limit)} baris yang dapat diperiksa langsung. Pisahkan datanya ke buku "
            "kerja lain atau kurangi jumlah baris yang ditambahkan.")


def _per_row_status(sheet, col: int, first: int, last: int) -> bool:
    """Template 0.2 on: the status column under its header holds one formula per row."""
    if norm(sheet.range((first - 1, col)).value) != norm(STATUS_HEADER):
        return False
    source = last - 1 if last - 1 >= first else last
    return str(sheet.range((source, col)).formula).startswith("=")


def _formula_columns(sheet, table: Table, header: int, c1: int, c2: int) -> list[int]:
    """The worksheet columns of the table's formula columns, found by their header text
    (a column the user moved is still found; a missing one is left alone)."""
    headers = sheet.range((header, c1), (header, c2)).options(ndim=2).value[0]
    where = {norm(text): c1 + i for i, text in enumerate(headers)}
    return [where[norm(c.header)] for c in table.columns
            if c.formula and norm(c.header) in where]


def _fill_down(sheet, columns: list[int], first: int, last: int, n: int) -> None:
    """Each formula column's formula in the new rows last .. last+n-1, from the row above
    (or, for a one-row table, from the moved row below)."""
    source = last - 1 if last - 1 >= first else last + n
    for col in columns:
        formula = str(sheet.range((source, col)).formula).replace(FILE_PREFIX, "")
        if not formula.startswith("="):
            continue
        letter = column_letter(col)
        translator = Translator(formula, origin=f"{letter}{source}")
        sheet.range((last, col), (last + n - 1, col)).value = [
            [translator.translate_formula(f"{letter}{r}")] for r in range(last, last + n)]


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")
