"""Issue 12 point 8: a `udfs` or `xlplugin` folder in Excel's working directory must not
shadow the installed product.

xlwings starts its UDF server as `pythonw -B -c "...prepare_sys_path(\\"...\\");..."` from
Excel's working directory, so '' (that directory) is first on sys.path. The command is
rebuilt here from the installed xlwings.bas (XLPyCommand's PYTHONPATH and tail lines),
with the settings of the built template's xlwings.conf sheet, and run from a folder
holding decoy packages; the serve call at its end is replaced by the import the server
makes of the UDF module. The product is a plain copy of the sources (the dev venv's
editable finder runs after sys.path entries, so it could not prove anything).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import xlwings

from macros.test_config_sheet import conf_settings
from xlplugin.bundle.winsetup import expand

ROOT = Path(__file__).resolve().parents[2]
XLWINGS = Path(xlwings.__file__).parent
SERVE = "import xlwings; xlwings.serve('$(CLSID)')"
DECOYS = {"udfs/__init__.py": "DECOY = True\n", "udfs/dak_udfs.py": "DECOY = True\n",
          "xlplugin/__init__.py": "DECOY = True\n"}


def xlpycommand_lines() -> tuple[str, list[tuple[str, str]], str]:
    """(PYTHONPATH expression for Excel, its Replace() escapes in order, tail expression)."""
    bas = (XLWINGS / "xlwings.bas").read_text(encoding="ascii")
    body = re.search(r"^Function XLPyCommand\(\).*?^End Function", bas,
                     re.MULTILINE | re.DOTALL)
    assert body, "XLPyCommand not found in xlwings.bas"
    text = body.group(0)
    path_expr = re.search(r'#If App = "Microsoft Excel" Then\s+PYTHONPATH = (.+)', text)
    escapes = re.findall(r'PYTHONPATH = Replace\(PYTHONPATH, "((?:[^"]|"")*)", "((?:[^"]|"")*)"\)',
                         text)
    tail = re.search(r"^\s*tail = (.+)$", text, re.MULTILINE)
    assert path_expr and escapes and tail, "XLPyCommand's shape changed"
    return path_expr.group(1), escapes, tail.group(1)


def vba_concat(expr: str, values: dict[str, str]) -> str:
    """A VBA `&` chain of string literals, variables and GetConfig("KEY") calls."""
    token = re.compile(r'\s*(?:"((?:[^"]|"")*)"|GetConfig\("([^"]+)"\)|([\w.]+))\s*(&|$)')
    out, pos = [], 0
    while pos < len(expr):
        found = token.match(expr, pos)
        assert found, f"VBA expression not understood at {expr[pos:]!r}"
        literal, key, name, _amp = found.groups()
        if literal is not None:
            out.append(literal.replace('""', '"'))
        else:
            assert (key or name) in values, f"unknown {key or name} in XLPyCommand"
            out.append(values[key or name])
        pos = found.end()
    return "".join(out)


def windows_argv(line: str) -> list[str]:
    """How a Windows program splits its command line (the C runtime's rules)."""
    args, cur, quoted, have, i = [], [], False, False, 0
    while i < len(line):
        c = line[i]
        if c == "\\":
            j = i
            while j < len(line) and line[j] == "\\":
                j += 1
            if j < len(line) and line[j] == '"':
                cur.append("\\" * ((j - i) // 2))
                if (j - i) % 2:
                    cur.append('"')
                    j += 1
            else:
                cur.append("\\" * (j - i))
            i, have = j, True
        elif c == '"':
            quoted, have, i = not quoted, True, i + 1
        elif c in " \t" and not quoted:
            if have:
                args.append("".join(cur))
            cur, have, i = [], False, i + 1
        else:
            cur.append(c)
            have, i = True, i + 1
    if have:
        args.append("".join(cur))
    return args


def udf_server_argv(conf: dict[str, str], workbook: Path) -> list[str]:
    """The arguments xlwings' UDF server command gives Python, for this conf sheet."""
    path_expr, escapes, tail_expr = xlpycommand_lines()
    pythonpath = vba_concat(path_expr, {
        "AddExcelDir": conf.get("ADD_WORKBOOK_TO_PYTHONPATH", "true"),
        "ThisWorkbook.FullName": str(workbook),
        **{k: conf.get(k, "") for k in ("ONEDRIVE_CONSUMER_WIN", "ONEDRIVE_COMMERCIAL_WIN",
                                        "SHAREPOINT_WIN", "PYTHONPATH")},
    })
    for old, new in escapes:
        pythonpath = pythonpath.replace(old.replace('""', '"'), new.replace('""', '"'))
    tail = vba_concat(tail_expr, {"LicenseKeyEnvString": "", "PYTHONPATH": pythonpath})
    return windows_argv(tail)


def test_the_udf_server_imports_modules_the_way_this_test_does():
    server = (XLWINGS / "udfs.py").read_text(encoding="utf-8")
    assert "module = import_module(module_name)" in server


def run_udf_server_imports(tmp_path: Path, conf: dict[str, str]) -> dict[str, str]:
    work = tmp_path / "excel-cwd"
    for name, text in DECOYS.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    args = udf_server_argv(conf, work / "RAB.xlsm")
    assert args[:2] == ["-B", "-c"] and args[2].endswith(SERVE), args
    names = (conf["UDF MODULES"], "udfs", "xlplugin")  # the server's import comes first
    probe = (f"import importlib, json; print(json.dumps({{n: importlib.import_module(n)"
             f".__file__ for n in {names!r}}}))")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONSAFEPATH", "PYTHONHOME")}
    done = subprocess.run([sys.executable, *args[:2], args[2][:-len(SERVE)] + probe],
                          cwd=work, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def sheet(template_xlsm, tmp_path) -> dict[str, str]:
    """The template's settings as GetConfig returns them on a PC whose LOCALAPPDATA is
    tmp_path/Local, with the product installed in the PYTHONPATH folder it names."""
    local = tmp_path / "Local"
    conf = {k: expand(str(v), {"LOCALAPPDATA": str(local)}).replace("\\", os.sep)
            for k, v in conf_settings(template_xlsm).items()}
    site = Path(conf["PYTHONPATH"])
    assert site.is_relative_to(local)
    for package in ("xlplugin", "udfs"):
        shutil.copytree(ROOT / package, site / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return conf


def test_installed_modules_win_over_folders_in_excels_working_directory(sheet, tmp_path):
    site = Path(sheet["PYTHONPATH"])
    for name, file in run_udf_server_imports(tmp_path, sheet).items():
        assert Path(file).is_relative_to(site), (name, file)


def test_without_the_pythonpath_setting_the_decoys_would_win(sheet, tmp_path):
    without = {k: v for k, v in sheet.items() if k != "PYTHONPATH"}
    for name, file in run_udf_server_imports(tmp_path, without).items():
        assert Path(file).is_relative_to(tmp_path / "excel-cwd"), (name, file)
