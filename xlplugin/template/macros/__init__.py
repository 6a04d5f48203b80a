"""The template's VBA project and ribbon, generated from text at build time.

`package.finalize_xlsm` turns the sheet builder's .xlsx bytes into the macro-enabled
template: VBA modules (`vba`), the UDF wrapper written by xlwings' own generator
(`wrapper`), the ribbon (`ribbon`), packed deterministically (`xlplugin.ooxml.package`).
"""

from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "workbook_templates"
