"""Turn the layout's formula templates into A1 formulas.

`{field}` is the same row of the formula's own table; `{TABLE.field}` is the absolute,
sheet-qualified data range of that table's column. Every address comes from the
layout, so moving a column in `layout.toml` moves every formula that reads it.
"""

from __future__ import annotations

import re

from ..layout.model import Layout, Table, quote_sheet

__all__ = ["column_range", "expand", "form_cell", "formula_columns", "quote_sheet"]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\}")


def column_range(layout: Layout, table_key: str, field: str) -> str:
    """`'RAB'!$I$6:$I$2005`: a table column's whole data area."""
    table = layout.tables[table_key]
    return f"{quote_sheet(table.sheet)}!{table.data_range(field)}"


def form_cell(layout: Layout, field: str) -> str:
    """`'Profil'!$C$13`: one field of the Profil form, absolute."""
    form = layout.profil
    cell = form.cell(field)
    letters = cell.rstrip("0123456789")
    return f"{quote_sheet(form.sheet)}!${letters}${cell[len(letters):]}"


def expand(layout: Layout, table: Table, template: str, row: int) -> str:
    """The formula (with leading '=') of `template` in `row` of `table`."""

    def replace(match: re.Match) -> str:
        first, second = match.group(1), match.group(2)
        if second is None:
            return table.cell(first, row)
        return column_range(layout, first, second)

    return "=" + _PLACEHOLDER.sub(replace, template)


def formula_columns(table: Table) -> list:
    return [c for c in table.columns if c.formula]
