"""The Python side of one edit, as xlwings' COM server runs it on Windows.

For every UDF call an edit dirties, `xlwings.udfs.call_udf` reads each Range argument
with `conversion.read(Range, None, options)` (the options the function declares with
`@xw.arg`), calls the function, and converts its result with `conversion.write`. Here
the same pipeline runs over the values as COM delivers them (tuples of row tuples,
None, floats, datetimes; read from the built workbook), against a stand-in for the
Windows engine whose cleaning code is xlwings' own: `Engine.clean_value_data`,
`_clean_value_data_element` and `prepare_xl_data_element` are taken from the installed
`xlwings/_xlwindows.py` (its source, executed with stand-ins for pywin32), so the
per-cell work is exactly the installed version's. Only the COM transfer itself, which
needs Excel, is left to the per-cell estimate.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import json
import pickle
import subprocess
import sys
import tempfile
import time
import types
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .measuring import Stat
from .run import ROOT
from .udf_cost_book import com_value
from .udf_cost_eval import Host
from .udf_cost_graph import Call, Model
from .udf_cost_refs import Resolver

XLWINDOWS_PIECES = ("time_types", "cell_errors", "_com_time_to_datetime",
                    "_datetime_to_com_time", "_clean_value_data_element")
ENGINE_METHODS = ("clean_value_data", "prepare_xl_data_element")


# ---------------------------------------------------------------- xlwings' Windows cleaning
def xlwindows_path() -> Path:
    import xlwings

    return Path(xlwings.__file__).parent / "_xlwindows.py"


def windows_engine_impl():
    """An engine implementation with `_xlwindows.Engine`'s own cleaning methods, and
    where in the installed xlwings they come from ("name:line" each)."""
    import xlwings

    path = xlwindows_path()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    kept, origin = [], []
    for node in tree.body:
        assigned = {getattr(t, "id", None) for n in ast.walk(node) if isinstance(n, ast.Assign)
                    for t in n.targets}
        if isinstance(node, ast.FunctionDef) and node.name in XLWINDOWS_PIECES:
            kept.append(node)
            origin.append(f"{node.name}:{node.lineno}")
        elif isinstance(node, (ast.Assign, ast.If)) and assigned & set(XLWINDOWS_PIECES):
            kept.append(node)
        elif isinstance(node, ast.ClassDef) and node.name == "Engine":
            node.body = [n for n in node.body
                         if isinstance(n, ast.FunctionDef) and n.name in ENGINE_METHODS]
            origin += [f"Engine.{n.name}:{n.lineno}" for n in node.body]
            kept.append(node)
    found = {o.split(":")[0].removeprefix("Engine.") for o in origin}
    missing = {p for p in XLWINDOWS_PIECES if p.startswith("_")} | set(ENGINE_METHODS)
    if missing - found:
        raise RuntimeError(f"{path} no longer defines {sorted(missing - found)}")
    module = ast.Module(body=kept, type_ignores=[])
    namespace = _pywin32_stand_ins()
    exec(compile(module, str(path), "exec"), namespace)  # noqa: S102 - xlwings' own code
    engine = namespace["Engine"]
    impl = type("WindowsCleaningStandIn", (engine,), {"name": "excel", "type": "desktop"})()
    return impl, f"xlwings {xlwings.__version__} `{path.name}` " + ", ".join(origin)


def _pywin32_stand_ins() -> dict:
    """The globals the extracted code reads: pywintypes.TimeType is a datetime subclass
    (what COM delivers for a date), win32timezone gives UTC."""
    import datetime as dt

    import xlwings.utils

    try:
        import numpy as np
    except ImportError:
        np = None
    try:
        import pandas as pd
    except ImportError:
        pd = None
    utc = types.SimpleNamespace(utc=lambda: dt.UTC)
    return {"dt": dt, "np": np, "pd": pd,
            "pywintypes": types.SimpleNamespace(TimeType=datetime),
            "win32timezone": types.SimpleNamespace(TimeZoneInfo=utc),
            "np_datetime_to_datetime": xlwings.utils.np_datetime_to_datetime}


@contextlib.contextmanager
def excel_engine(impl):
    """xlwings.engines["excel"] is `impl` while inside (restored afterwards)."""
    import xlwings
    from xlwings.main import Engine

    engines = xlwings.engines
    if "excel" in engines.engines_by_name:  # on Windows: the real engine
        yield
        return
    saved = list(engines.engines), dict(engines.engines_by_name), engines.active
    engines.add(Engine(impl=impl))
    try:
        yield
    finally:
        engines.engines[:], engines.active = saved[0], saved[2]
        engines.engines_by_name.clear()
        engines.engines_by_name.update(saved[1])


# ---------------------------------------------------------------- the UDF module
def decorated_module(name: str) -> types.ModuleType:
    """The UDF module as the COM server imports it: its functions carry `__xlfunc__`
    (argument options from `@xw.arg`), which xlwings' decorators are no-ops elsewhere."""
    from xlplugin.template.macros.wrapper import _load_with_real_decorators, _windows_stand_ins

    with _windows_stand_ins():
        return _load_with_real_decorators(name, importlib.import_module("xlwings.udfs"))


def clear_memos(module: types.ModuleType) -> int:
    """Forget every memo the module defines (what a changed input does to them)."""
    cleared = 0
    for value in vars(module).values():
        if (not isinstance(value, type) and callable(getattr(value, "cache_clear", None))
                and getattr(value, "__module__", None) == module.__name__):
            value.cache_clear()
            cleared += 1
    return cleared


def function(module: types.ModuleType, name: str):
    found = getattr(module, name, None) or next(
        (v for k, v in vars(module).items() if k.upper() == name.upper()), None)
    if found is None or not hasattr(found, "__xlfunc__"):
        raise LookupError(f"{module.__name__} has no UDF {name}")
    return found


@dataclass
class Prepared:
    call: Call
    fn: object
    inputs: list[tuple[object, dict]]  # (value as COM delivers it, @xw.arg options)
    ret_options: dict
    areas: list = None  # the Ref each input was read from (None: not a reference)


def prepare(model: Model, calls: list[Call], module) -> list[Prepared]:
    """Each call's arguments as Excel hands them to xlwings (Ranges read from the
    workbook's cached values; a non-reference argument evaluated)."""
    resolver = Resolver(model.book)
    out = []
    for call in calls:
        fn = function(module, call.name)
        info = fn.__xlfunc__["args"]
        host = Host(call.cell.sheet, call.cell.row, call.cell.col)
        inputs, where = [], []
        for i, arg in enumerate(call.args):
            areas = resolver.areas(arg, host)
            if areas:
                a = areas[0]  # Range.Value of a multi-area range is its first area
                value = model.book.values(a.sheet, a.r1, a.c1, a.r2, a.c2)
            else:
                a, value = None, com_value(resolver.evaluate(arg, host))
            inputs.append((value, info[min(i, len(info) - 1)]["options"]))
            where.append(a)
        out.append(Prepared(call, fn, inputs, fn.__xlfunc__["ret"]["options"], where))
    return out


def typed(old, k: int):
    """The k-th edit of a cell holding `old`: a value the memos have not seen and that
    means about the same (a text with trailing spaces, which binding strips; a number
    one higher; an empty cell typed into), so the engine does the work of an ordinary
    edit rather than of one that breaks every row referring to the cell."""
    if isinstance(old, str):
        return old + " " * (k + 1)
    if isinstance(old, float):
        return old + k + 1
    return f"ubah {k}"


def edited(prepared: list[Prepared], cell: tuple[str, int, int], k: int) -> list[Prepared]:
    """The calls' inputs after the k-th edit of `cell` (sheet, row, col): what Excel
    passes on the recalculation that edit starts."""
    sheet, row, col = cell
    out = []
    for p in prepared:
        inputs = list(p.inputs)
        for i, a in enumerate(p.areas or ()):
            if a is None or a.sheet != sheet or not (a.r1 <= row <= a.r2 and a.c1 <= col <= a.c2):
                continue
            old = inputs[i][0]
            if not isinstance(old, tuple):
                inputs[i] = (typed(old, k), inputs[i][1])
                continue
            rows = [list(r) for r in old]
            rows[row - a.r1][col - a.c1] = typed(rows[row - a.r1][col - a.c1], k)
            inputs[i] = (tuple(tuple(r) for r in rows), inputs[i][1])
        out.append(Prepared(p.call, p.fn, inputs, p.ret_options, p.areas))
    return out


# ---------------------------------------------------------------- timing
@dataclass
class PythonSide:
    convert: Stat  # conversion.read of every argument of every dirtied call
    bodies: Stat  # the UDF functions (one engine run, memo hits)
    write: Stat  # conversion.write of the results
    total: Stat  # wall; .cpu: user+sys seconds of the same runs
    calls: int
    memos: int  # memos cleared before each edit
    galat: int  # results that are an error text ("GALAT: ...")


def one_edit(prepared: list[Prepared], module, clear: bool = True
             ) -> tuple[float, float, float, float, int, int]:
    """Seconds converting arguments, in the functions, converting results; CPU seconds
    of it all; error results; memos cleared (`clear`: every memo of the module, as if
    every input had changed; otherwise the inputs carry the edit themselves)."""
    from xlwings import conversion

    cpu = time.process_time()
    memos = clear_memos(module) if clear else 0
    convert = bodies = write = 0.0
    galat = 0
    for p in prepared:
        t0 = time.perf_counter()
        args = [conversion.read(None, value, options) for value, options in p.inputs]
        t1 = time.perf_counter()
        result = p.fn(*args)
        t2 = time.perf_counter()
        conversion.write(result, None, p.ret_options)
        t3 = time.perf_counter()
        convert, bodies, write = convert + t1 - t0, bodies + t2 - t1, write + t3 - t2
        galat += _is_error(result)
    return convert, bodies, write, time.process_time() - cpu, galat, memos


def _is_error(result) -> bool:
    first = result[0][0] if isinstance(result, list) and result and result[0] else result
    return isinstance(first, str) and first.startswith("GALAT")


def python_side(prepared: list[Prepared], module, impl, repeat: int,
                warmup: bool = True, cell: tuple[str, int, int] | None = None) -> PythonSide:
    """`cell`: the edited cell. Each run types a new value there (`typed`: so a memo keyed
    on the inputs misses, as after a real edit, and one keyed on a part of them hits for
    the other parts); without it every memo is cleared before each run."""
    with excel_engine(impl):
        if warmup:
            one_edit(prepared, module)  # imports, the engine's first-run caches
        if cell is None:
            runs = [one_edit(prepared, module) for _ in range(repeat)]
        else:
            runs = [one_edit(edited(prepared, cell, k), module, clear=False)
                    for k in range(repeat)]
    parts = list(zip(*runs))
    return PythonSide(Stat(list(parts[0])), Stat(list(parts[1])), Stat(list(parts[2])),
                      Stat([a + b + c for a, b, c, *_ in runs], cpu=list(parts[3])),
                      len(prepared), runs[-1][5], runs[-1][4])


def converted_arguments(p: Prepared, impl) -> list:
    from xlwings import conversion

    with excel_engine(impl):
        return [conversion.read(None, value, options) for value, options in p.inputs]


FIRST_CALL_CHILD = """
import json, pickle, sys, time
with open(sys.argv[1], "rb") as f:
    job = pickle.load(f)
t0, c0 = time.perf_counter(), time.process_time()
import xlwings
t1 = time.perf_counter()
import importlib
module = importlib.import_module(job["module"])
t2 = time.perf_counter()
getattr(module, job["name"])(*job["args"])
t3 = time.perf_counter()
print(json.dumps({"xlwings": t1 - t0, "module": t2 - t1, "call": t3 - t2,
                  "cpu": time.process_time() - c0}))
"""


@dataclass
class FirstCall:
    name: str
    xlwings: Stat
    module: Stat
    call: Stat
    total: Stat  # module import (xlwings included) + first call; .cpu its CPU seconds
    process: Stat  # the whole child, interpreter start included


def first_call(module_name: str, p: Prepared, impl, repeat: int) -> FirstCall:
    """A fresh interpreter imports the UDF module and makes `p`'s call (arguments
    already converted, loaded before the clock starts)."""
    job = {"module": module_name, "name": p.call.name, "args": converted_arguments(p, impl)}
    runs, walls = [], []
    with tempfile.TemporaryDirectory(prefix="xlplugin-udf-cost-") as tmp:
        path = Path(tmp) / "job.pickle"
        path.write_bytes(pickle.dumps(job))
        for _ in range(repeat):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", FIRST_CALL_CHILD, str(path)],
                                  capture_output=True, text=True, cwd=ROOT, check=True)
            walls.append(time.perf_counter() - start)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    pick = [[r[k] for r in runs] for k in ("xlwings", "module", "call")]
    total = [r["xlwings"] + r["module"] + r["call"] for r in runs]
    return FirstCall(p.call.name, Stat(pick[0]), Stat(pick[1]), Stat(pick[2]),
                     Stat(total, cpu=[r["cpu"] for r in runs]), Stat(walls))
