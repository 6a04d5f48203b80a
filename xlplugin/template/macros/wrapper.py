"""The `xlwings_udfs` VBA module, written by xlwings' own "Import Functions" code.

`xlwings.udfs.import_udfs` is what the xlwings ribbon's "Import Functions" runs: it writes
the wrapper module to a temp file, imports it into the VB project, and registers each
function's help with `Application.MacroOptions`. It is Windows-only because of its
imports (pywin32), not its logic. Here it runs on any platform against stand-ins:

- stand-in `pythoncom`/`pywintypes`/`win32com.client` modules while `xlwings.udfs` is
  imported (only where the real ones are missing);
- the UDF module executed with `xw.func/arg/ret` bound to `xlwings.udfs`' decorators,
  as xlwings' `__init__` binds them on Windows (elsewhere they are no-ops);
- a workbook object that records the module xlwings imports and the MacroOptions calls.

So the module text is exactly what "Import Functions" writes, and the recorded
MacroOptions let the template register the same help text on open.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

WINDOWS_ONLY = ("pythoncom", "pywintypes", "win32com", "win32com.client")
EXCEL_VERSION = "16.0"  # what xlwings reads to decide on argument descriptions (>= 14)


@dataclass(frozen=True)
class MacroOption:
    name: str
    description: str
    category: str
    argument_descriptions: tuple[str, ...]


@dataclass
class Wrapper:
    source: str  # the .bas text xlwings imports, "\n" line endings as xlwings writes it
    options: list[MacroOption] = field(default_factory=list)


def generate_udf_wrapper(module_names: str) -> Wrapper:
    """Run `xlwings.udfs.import_udfs` for `module_names` ("a;b") and capture its output."""
    with _windows_stand_ins():
        xl_udfs = importlib.import_module("xlwings.udfs")
        names = module_names.split(";")
        for name in names:
            module = _load_with_real_decorators(name, xl_udfs)
            xl_udfs.udf_modules[name] = {"module": module, "filetime": None,
                                         "filename": module.__file__}
        book = _RecordingWorkbook()
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # its "Imported functions" line
                xl_udfs.import_udfs(module_names, book)
        finally:
            for name in names:
                xl_udfs.udf_modules.pop(name, None)
    return Wrapper(book.imported, book.options)


def _load_with_real_decorators(name: str, xl_udfs) -> types.ModuleType:
    """A fresh copy of module `name` whose UDFs carry `__xlfunc__` as on Windows.

    The copy sits in sys.modules only while it executes (dataclasses look it up there);
    afterwards the importable module is the one that was there before.
    """
    import xlwings

    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"modul UDF {name} tidak ditemukan")
    module = importlib.util.module_from_spec(spec)
    real = {"func": xl_udfs.xlfunc, "arg": xl_udfs.xlarg, "ret": xl_udfs.xlret,
            "sub": xl_udfs.xlsub}
    saved = {k: getattr(xlwings, k) for k in real}
    previous = sys.modules.get(name)
    try:
        xlwings.__dict__.update(real)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    finally:
        xlwings.__dict__.update(saved)
        if previous is None:
            del sys.modules[name]
        else:
            sys.modules[name] = previous
    return module


@contextlib.contextmanager
def _windows_stand_ins():
    """Give `xlwings.udfs` importable pywin32 modules; afterwards drop them and it."""
    import xlwings

    missing = [m for m in WINDOWS_ONLY if not _importable(m)]
    had_udfs = "xlwings.udfs" in sys.modules
    for name in missing:
        sys.modules[name] = _stand_in(name)
    if "win32com.client" in missing:
        sys.modules["win32com"].client = sys.modules["win32com.client"]
    try:
        yield
    finally:
        for name in missing:
            sys.modules.pop(name, None)
        if not had_udfs:  # a module bound to stand-ins must not outlive them
            sys.modules.pop("xlwings.udfs", None)
            xlwings.__dict__.pop("udfs", None)


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class _ComError(Exception):
    pass


def _stand_in(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__doc__ = "stand-in for the Windows-only module while generating VBA"
    module.CoInitialize = lambda: None  # pythoncom: the COM thread pool's initializer
    module.com_error = _ComError  # pywintypes: caught around VBComponents.Remove
    module.Dispatch = _no_com  # win32com.client: only for embedded-code workbooks
    return module


def _no_com(*_args, **_kwargs):
    raise RuntimeError("COM tidak tersedia saat membangun templat")


class _RecordingWorkbook:
    """The slice of an Excel Workbook COM object that `import_udfs` touches."""

    Name = "RAB_KAK.xlsm"  # not .xlam: the wrapper then passes ThisWorkbook

    def __init__(self):
        self.imported = ""
        self.options: list[MacroOption] = []
        self.VBProject = types.SimpleNamespace(VBComponents=_Components(self))
        self.Application = types.SimpleNamespace(Version=EXCEL_VERSION,
                                                 MacroOptions=self._macro_options)

    def _macro_options(self, macro: str, **kw) -> None:
        self.options.append(MacroOption(
            name=macro.rsplit("!", 1)[-1], description=kw.get("Description") or "",
            category=kw.get("Category") or "",
            argument_descriptions=tuple(kw.get("ArgumentDescriptions") or ())))


class _Components:
    """`VBProject.VBComponents`: empty before the import, records the imported file."""

    def __init__(self, book: _RecordingWorkbook):
        self._book = book

    def __call__(self, name: str):
        raise _ComError(f"tidak ada komponen {name}")

    def Remove(self, component) -> None:  # the COM method names
        pass

    def Import(self, path: str) -> None:
        self._book.imported = Path(path).read_text(encoding="locale")
