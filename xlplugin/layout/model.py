"""Load `layout.toml` into typed objects; compute column letters and cell refs.

This is the only place that turns field keys into cell addresses.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LAYOUT_FILE = Path(__file__).with_name("layout.toml")
TYPES = {"code", "text", "int", "decimal", "money", "percent", "date", "bool", "nik", "enum"}


class LayoutError(ValueError):
    """The layout declaration itself is wrong: a bug, not bad user input."""


def quote_sheet(name: str) -> str:
    """A sheet name as a formula writes it: 'RAB', 'O''Brien'."""
    return "'" + name.replace("'", "''") + "'"


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str
    index: int  # 1-based column number
    required: bool = False
    list: str | None = None
    depends_on: str | None = None
    formula: str | None = None
    width: float = 12
    # a column older templates lack: not finding its header is not reported (read as empty)
    optional: bool = False

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def is_input(self) -> bool:
        return self.formula is None


PRINT_ROWS_EMPTY = 20  # rows an empty table prints: a blank form, not its whole capacity


@dataclass(frozen=True)
class Table:
    key: str  # e.g. "RAB"
    sheet: str
    name: str  # Excel table name, e.g. tblRAB
    record: str
    capacity: int
    title: str
    instructions: str
    columns: tuple[Column, ...]
    header_row: int
    status: bool = False
    # a sheet older templates lack: its absence is read as an empty table, not reported
    optional: bool = False

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.header_row + self.capacity

    @property
    def last_letter(self) -> str:
        return self.columns[-1].letter

    @property
    def status_letter(self) -> str | None:
        """The live-check status column: one column right of the table, outside it."""
        return column_letter(len(self.columns) + 1) if self.status else None

    @property
    def ref(self) -> str:
        return f"A{self.header_row}:{self.last_letter}{self.last_row}"

    def print_area(self, last_filled: int | None, width: int | None = None,
                   header_row: int | None = None) -> str:
        """The sheet's print area: title block to the last filled row (an empty table
        prints a short blank form of PRINT_ROWS_EMPTY rows), across `width` columns (the
        table and its status column by default)."""
        header = header_row or self.header_row
        last = max(last_filled or 0, header + PRINT_ROWS_EMPTY)
        letter = column_letter(width or len(self.columns) + (1 if self.status else 0))
        return f"$A$1:${letter}${last}"

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise LayoutError(f"tabel {self.key} tidak punya kolom {key}")

    def cell(self, key: str, row: int) -> str:
        return f"{self.column(key).letter}{row}"

    def data_range(self, key: str, absolute: bool = True) -> str:
        letter = self.column(key).letter
        if absolute:
            return f"${letter}${self.first_row}:${letter}${self.last_row}"
        return f"{letter}{self.first_row}:{letter}{self.last_row}"

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    type: str
    row: int
    required: bool = False
    list: str | None = None


@dataclass(frozen=True)
class Form:
    key: str
    sheet: str
    record: str
    title: str
    instructions: str
    label_column: str
    value_column: str
    note_column: str
    fields: tuple[FormField, ...]

    def cell(self, key: str) -> str:
        return f"{self.value_column}{self.field(key).row}"

    def field(self, key: str) -> FormField:
        for f in self.fields:
            if f.key == key:
                return f
        raise LayoutError(f"formulir {self.key} tidak punya isian {key}")


@dataclass(frozen=True)
class Output:
    key: str
    sheet: str
    title: str
    hidden: bool = False
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    version: str
    meta: dict
    lists: dict
    forms: dict[str, Form]
    tables: dict[str, Table]
    outputs: dict[str, Output]
    raw: dict = field(repr=False, default_factory=dict)

    @property
    def profil(self) -> Form:
        return self.forms["Profil"]

    def table_for_sheet(self, sheet: str) -> Table | None:
        for table in self.tables.values():
            if table.sheet == sheet:
                return table
        return None

    def sheet_of(self, key: str) -> str:
        if key in self.tables:
            return self.tables[key].sheet
        if key in self.forms:
            return self.forms[key].sheet
        return self.outputs[key].sheet

    def sheet_order(self) -> list[str]:
        """Sheets in the order the workbook shows them (an older layout lacks some)."""
        order = ["Petunjuk", "Profil", "Sentra", "KAK", "Persetujuan", "RAB", "SSH", "Peserta",
                 "Narasumber", "Pendamping", "Jadwal", "Realisasi", "Narasi", "Dokumentasi",
                 "Rekap", "Temuan", "Lampiran1", "Lampiran2", "Lampiran3", "Lampiran4",
                 "Lampiran5", "Daftar", "StatusLangsung", "Config"]
        return [self.sheet_of(k) for k in order if self.has(k)]

    def has(self, key: str) -> bool:
        """Whether this layout declares table, form or output `key`."""
        return key in self.tables or key in self.forms or key in self.outputs

    def to_dict(self) -> dict:
        """The published layout (`xlplugin layout --json`), with computed cells."""
        return {
            "version": self.version,
            "forms": {k: _form_dict(f) for k, f in self.forms.items()},
            "tables": {k: _table_dict(t) for k, t in self.tables.items()},
            "outputs": {k: {"sheet": o.sheet, "title": o.title} for k, o in self.outputs.items()},
            "lists": self.lists,
        }


def _form_dict(form: Form) -> dict:
    return {
        "sheet": form.sheet,
        "fields": [
            {"key": f.key, "label": f.label, "type": f.type, "cell": form.cell(f.key),
             "required": f.required, "list": f.list}
            for f in form.fields
        ],
    }


def _table_dict(table: Table) -> dict:
    return {
        "sheet": table.sheet, "name": table.name, "header_row": table.header_row,
        "first_row": table.first_row, "capacity": table.capacity,
        "status_column": table.status_letter,
        "columns": [
            {"key": c.key, "header": c.header, "type": c.type, "column": c.letter,
             "required": c.required, "list": c.list, "formula": c.formula}
            for c in table.columns
        ],
    }


@cache
def load_layout(path: Path = LAYOUT_FILE) -> Layout:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    meta = raw["meta"]
    header_row = meta["header_row"]
    tables = {k: _table(k, v, header_row) for k, v in raw["tables"].items()}
    forms = {k: _form(k, v) for k, v in raw["forms"].items()}
    outputs = {
        k: Output(k, v["sheet"], v["title"], v.get("hidden", False), tuple(v.get("columns", ())))
        for k, v in raw["outputs"].items()
    }
    layout = Layout(meta["version"], meta, raw["lists"], forms, tables, outputs, raw)
    _check(layout)
    return layout


def _table(key: str, spec: dict, header_row: int) -> Table:
    columns = tuple(
        Column(index=i, **{k: v for k, v in col.items()})
        for i, col in enumerate(spec["columns"], start=1)
    )
    return Table(
        key=key, sheet=spec["sheet"], name=spec["name"], record=spec["record"],
        capacity=spec["capacity"], title=spec["title"], instructions=spec["instructions"],
        columns=columns, header_row=header_row, status=spec.get("status", False),
        optional=spec.get("optional", False),
    )


def _form(key: str, spec: dict) -> Form:
    fields = tuple(
        FormField(row=spec["first_row"] + i, **f) for i, f in enumerate(spec["fields"])
    )
    return Form(
        key=key, sheet=spec["sheet"], record=spec["record"], title=spec["title"],
        instructions=spec["instructions"], label_column=spec["label_column"],
        value_column=spec["value_column"], note_column=spec["note_column"], fields=fields,
    )


def _check(layout: Layout) -> None:
    for table in layout.tables.values():
        keys = [c.key for c in table.columns]
        if len(set(keys)) != len(keys):
            raise LayoutError(f"kolom ganda di tabel {table.key}")
        for col in table.columns:
            if col.type not in TYPES:
                raise LayoutError(f"tipe {col.type} tidak dikenal ({table.key}.{col.key})")
            if col.list and col.list not in layout.lists:
                raise LayoutError(f"daftar {col.list} tidak ada ({table.key}.{col.key})")
    for f in layout.profil.fields:
        if f.type not in TYPES:
            raise LayoutError(f"tipe {f.type} tidak dikenal (Profil.{f.key})")


# ---------------------------------------------------------------- column help
HELP_FILE = LAYOUT_FILE.with_name("help.toml")
PROMPT_MAX = 255  # Excel's limit on a data validation's input message


@dataclass(frozen=True)
class ColumnHelp:
    """What a user reads on one input column (`help.toml`): what to type, its unit, an
    example and the rule IDs that read it."""

    isi: str
    contoh: str
    aturan: tuple[str, ...] = ()
    satuan: str | None = None

    @property
    def dibaca(self) -> str:
        if not self.aturan:
            return "tidak diperiksa aturan (dipakai untuk laporan)"
        return ", ".join(self.aturan)

    def note(self) -> str:
        """The header cell's note: one item a line."""
        lines = [self.isi]
        if self.satuan:
            lines.append(f"Satuan: {self.satuan}.")
        lines += [f"Contoh: {self.contoh}", f"Diperiksa: {self.dibaca}."]
        return "\n".join(lines)

    def prompt(self) -> str:
        """The same in one line, within Excel's input-message limit (the rule IDs, then
        the unit, are left out when it does not fit)."""
        parts = [self.isi, f"Satuan: {self.satuan}." if self.satuan else "",
                 f"Contoh: {self.contoh}.", f"Diperiksa: {self.dibaca}."]
        for drop in (None, 3, 1):
            if drop is not None:
                parts[drop] = ""
            text = " ".join(p for p in parts if p)
            if len(text) <= PROMPT_MAX:
                return text
        return text[:PROMPT_MAX - 1].rstrip() + "…"


@cache
def load_help(path: Path = HELP_FILE) -> dict[str, dict[str, ColumnHelp]]:
    """Table or form key -> column/field key -> its help."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        key: {col: ColumnHelp(h["isi"], h["contoh"], tuple(h.get("aturan", ())), h.get("satuan"))
              for col, h in columns.items()}
        for key, columns in raw.items()
    }


def help_for(key: str, column: str) -> ColumnHelp | None:
    """The help of `column` of table/form `key`, None where none is written."""
    return load_help().get(key, {}).get(column)

