"""The workbook layout: sheets, tables, columns, lists, declared once as data."""

from .model import Column, FormField, Layout, Table, load_layout

__all__ = ["Column", "FormField", "Layout", "Table", "load_layout"]
