"""The hidden `Daftar` sheet: every dropdown list, each behind a defined name.

Static lists come from the layout, `pack:` lists from the rule pack, `table:` lists are
named ranges over a table column (trimmed to its filled part with OFFSET/COUNTA so the
dropdown has no long tail of blanks). Dependent dropdowns: `Rincian_A`..`Rincian_D` hold
each menu's rincian (`INDIRECT("Rincian_"&menu)`), `Varian_A_1`..`Varian_D_4` each
rincian's variants from the rule pack, "-" where a rincian has none
(`INDIRECT("Varian_"&SUBSTITUTE(rincian,".","_"))`: a defined name has no dot).
"""

from __future__ import annotations

from openpyxl.workbook.defined_name import DefinedName

from ...layout.model import Layout, column_letter
from ..formulas import column_range, quote_sheet
from ..styles import BOLD_FONT

DEPENDENT_PREFIX = "Rincian_"
VARIAN_PREFIX = "Varian_"
NO_VARIANT = "-"
# list key of a dependent column -> (name prefix, the parent value as a name suffix)
DEPENDENT = {
    "rincian": (DEPENDENT_PREFIX, "{cell}"),
    "varian": (VARIAN_PREFIX, 'SUBSTITUTE({cell},".","_")'),
}


def dependent_source(list_key: str, parent_cell: str) -> str:
    """The list source of a dependent dropdown: the named list of the parent's value."""
    prefix, suffix = DEPENDENT[list_key]
    return f'INDIRECT("{prefix}"&{suffix.format(cell=parent_cell)})'


def list_name(key: str) -> str:
    return f"lst_{key}"


def resolve_lists(layout: Layout, pack) -> dict[str, list[str] | str]:
    """list key -> its values, or the `table:` reference it points at."""
    out: dict[str, list[str] | str] = {}
    pack_lists = pack.lists()
    for key, spec in layout.lists.items():
        if isinstance(spec, list):
            out[key] = [str(v) for v in spec]
        elif spec.startswith("pack:"):
            out[key] = pack_lists[spec.removeprefix("pack:")]
        elif spec.startswith("table:"):
            out[key] = spec.removeprefix("table:")
        else:
            raise ValueError(f"daftar {key}: sumber tidak dikenal {spec!r}")
    return out


def dependent_lists(pack) -> dict[str, list[str]]:
    rincian = {f"{DEPENDENT_PREFIX}{menu}": pack.rincian_of_menu(menu) for menu in pack.menu}
    varian = {f"{VARIAN_PREFIX}{code.replace('.', '_')}": list(r.varian) or [NO_VARIANT]
              for code, r in pack.rincian.items()}
    return {**rincian, **varian}


def build_daftar_sheet(ws, wb, layout: Layout, pack) -> None:
    ws["A1"] = layout.outputs["Daftar"].title
    ws["A1"].font = BOLD_FONT
    column = 1
    for key, values in resolve_lists(layout, pack).items():
        if isinstance(values, str):
            _define(wb, list_name(key), _table_list_ref(layout, values))
            continue
        _define(wb, list_name(key), _write_column(ws, column, key, values))
        column += 1
    for name, values in dependent_lists(pack).items():
        _define(wb, name, _write_column(ws, column, name, values))
        column += 1


def _write_column(ws, column: int, header: str, values: list[str]) -> str:
    header_row, first = 2, 3
    ws.cell(header_row, column, header).font = BOLD_FONT
    for i, value in enumerate(values):
        ws.cell(first + i, column, value)
    letter = column_letter(column)
    last = first + max(len(values), 1) - 1
    ws.column_dimensions[letter].width = max(12, min(60, max(len(v) for v in values) + 2))
    return f"{quote_sheet(ws.title)}!${letter}${first}:${letter}${last}"


def _table_list_ref(layout: Layout, target: str) -> str:
    table_key, field = target.split(".")
    table = layout.tables[table_key]
    col = table.column(field)
    first = f"{quote_sheet(table.sheet)}!${col.letter}${table.first_row}"
    whole = column_range(layout, table_key, field)
    return f"OFFSET({first},0,0,MAX(1,COUNTA({whole})),1)"


def _define(wb, name: str, ref: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=ref)
