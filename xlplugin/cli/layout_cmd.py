"""`xlplugin layout`: the published workbook layout (sheets, tables, columns, cells)."""

from __future__ import annotations

HELP = "Tata letak buku kerja: sheet, tabel, kolom, tipe dan sel."


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="keluaran JSON")


def run(args) -> int:
    import json

    from ..layout import load_layout

    layout = load_layout()
    if args.json:
        print(json.dumps(layout.to_dict(), ensure_ascii=False, indent=2))
        return 0
    for table in layout.tables.values():
        print(f"{table.sheet} ({table.name}, baris judul {table.header_row}, "
              f"data mulai baris {table.first_row})")
        for c in table.columns:
            extra = " [rumus]" if c.formula else (" [wajib]" if c.required else "")
            print(f"  {c.letter:>3}  {c.header:<45} {c.key:<28} {c.type}{extra}")
    return 0
