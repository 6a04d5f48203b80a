"""Workbook adapters: one engine, two thin ways to reach a workbook.

`FileAdapter` (a file on disk: python-calamine reads, XML patch writes) serves the
CLI and every Linux test; `LiveAdapter` (an open xlwings Book) serves the ribbon.
"""

from .base import WorkbookAdapter

__all__ = ["FileAdapter", "LiveAdapter", "WorkbookAdapter"]


def __getattr__(name: str):  # import the concrete adapters only when asked for
    if name == "FileAdapter":
        from .file import FileAdapter
        return FileAdapter
    if name == "LiveAdapter":
        from .live import LiveAdapter
        return LiveAdapter
    raise AttributeError(name)
