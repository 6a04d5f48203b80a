"""A Windows install laid out on this disk, and the lookups Excel makes in it.

`WinDisk` maps Windows paths (`C:\\Users\\...`) to folders under a temporary root, so the
VBA's own string operations (ParentFolder, `&` of path parts) run on real Windows
strings. `install_wheel` does what pip does with a wheel's files: each RECORD entry goes
to purelib/platlib, or, under `<dist>.data/<key>/`, to the scheme's path for `key`; the
scheme is sysconfig's own (`nt_venv`/`nt` for a virtual environment, `nt_user` for
`pip install --user`). What Excel then does is read from the VBA text itself: the DLL
candidates of xlwings' `XLPyLoadDLL`, and the template's check in `xlp_Python.bas`.
"""

from __future__ import annotations

import csv
import io
import re
import sysconfig
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from fnmatch import fnmatch
from pathlib import Path, PureWindowsPath

from packaging.utils import parse_wheel_filename

# pip's wheel keys -> sysconfig scheme keys (headers is pip's name for include files)
DATA_KEYS = {"purelib": "purelib", "platlib": "platlib", "scripts": "scripts",
             "data": "data", "headers": "include"}


@dataclass(frozen=True)
class WinDisk:
    root: Path

    def local(self, path: str) -> Path:
        win = PureWindowsPath(path)
        if not win.drive:
            raise ValueError(f"not an absolute Windows path: {path!r}")
        return self.root.joinpath(win.drive.rstrip(":"), *win.parts[1:])

    def is_file(self, path: str) -> bool:
        return self.local(path).is_file()

    def glob(self, folder: str, pattern: str) -> list[Path]:
        """VBA's Dir(folder\\pattern): case-insensitive, like Windows."""
        local = self.local(folder)
        if not local.is_dir():
            return []
        return [p for p in local.iterdir() if fnmatch(p.name.lower(), pattern.lower())]

    def write(self, path: str, data: bytes = b"") -> None:
        target = self.local(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def scheme(name: str, variables: dict[str, str]) -> dict[str, str]:
    """sysconfig's install scheme `name` with its {variables} filled in, Windows-style."""
    paths = sysconfig._INSTALL_SCHEMES[name]
    return {key: str(PureWindowsPath(template.format_map(variables)))
            for key, template in paths.items()}


def venv_scheme_name() -> str:
    return "nt_venv" if "nt_venv" in sysconfig._INSTALL_SCHEMES else "nt"


def install_wheel(disk: WinDisk, wheel: Path, paths: dict[str, str]) -> list[str]:
    """Every RECORD file of `wheel` written where pip puts it; returns the Windows paths."""
    name, version, _build, _tags = parse_wheel_filename(wheel.name)
    written = []
    with zipfile.ZipFile(wheel) as zf:
        info = next(n for n in zf.namelist() if n.endswith(".dist-info/WHEEL"))
        wheel_meta = HeaderParser().parsestr(zf.read(info).decode("utf-8"))
        root_key = "purelib" if wheel_meta["Root-Is-Purelib"].strip() == "true" else "platlib"
        record = next(n for n in zf.namelist() if n.endswith(".dist-info/RECORD"))
        for row in csv.reader(io.StringIO(zf.read(record).decode("utf-8"))):
            if not row:
                continue
            target = _target(row[0], paths, root_key)
            disk.write(target, zf.read(row[0]))
            written.append(target)
    if not written:
        raise AssertionError(f"{name} {version}: empty RECORD")
    return written


def _target(entry: str, paths: dict[str, str], root_key: str) -> str:
    first, _, rest = entry.partition("/")
    if first.endswith(".data"):
        key, _, inner = rest.partition("/")
        return str(PureWindowsPath(paths[DATA_KEYS[key]], *inner.split("/")))
    return str(PureWindowsPath(paths[root_key], *entry.split("/")))


def python_skeleton(disk: WinDisk, folder: str) -> None:
    """The interpreters of a python.org install or of a venv's Scripts folder."""
    for exe in ("python.exe", "pythonw.exe"):
        disk.write(f"{folder}\\{exe}", b"MZ")


def venv_skeleton(disk: WinDisk, paths: dict[str, str], home: str) -> None:
    """What `python -m venv` makes on Windows before pip runs: pyvenv.cfg, Scripts, Lib."""
    python_skeleton(disk, paths["scripts"])
    disk.local(paths["purelib"]).mkdir(parents=True, exist_ok=True)
    disk.write(f"{paths['data']}\\pyvenv.cfg",
               f"home = {home}\ninclude-system-site-packages = false\n".encode())


# ---------------------------------------------------------------- VBA read as text
def vba_parent(path: str) -> str:
    """xlwings' ParentFolder and the template's FolderInduk: up to the last backslash."""
    return path[:path.rfind("\\")]


def _body(vba: str, kind: str, name: str) -> str:
    found = re.search(rf"^(?:Private |Public )?{kind} {name}\b.*?^End {kind}", vba,
                      re.MULTILINE | re.DOTALL)
    if not found:
        raise AssertionError(f"{kind} {name} not found: the VBA's shape changed")
    return found.group(0)


def parent_depths(body: str, call: str, func: str, var: str) -> list[int]:
    """`call(func(func(var)))`-shaped arguments in `body`, as how many folders up each goes."""
    depths = []
    for found in re.finditer(rf"{call}\(((?:{func}\()*){var}(\)*)", body):
        ups = found.group(1).count(f"{func}(")
        if len(found.group(2)) < ups:
            raise AssertionError(f"unexpected argument shape {found.group(0)!r}")
        depths.append(ups)
    return depths


def up(path: str, depth: int) -> str:
    for _ in range(depth):
        path = vba_parent(path)
    return path


def xlwings_dll_names(bas: str) -> list[str]:
    names = re.findall(r'XLPyDLLName As String = "([^"]+)"', bas)
    if not names:
        raise AssertionError("XLPyDLLName not found in xlwings.bas")
    return sorted(set(names))


def xlwings_dll_folders(bas: str, interpreter: str) -> list[str]:
    """The folders XLPyLoadDLL tries, in order, for a configured interpreter path."""
    body = _body(bas, "Sub", "XLPyLoadDLL")
    if 'PYTHON_WIN = GetConfig("INTERPRETER_WIN", "")' not in body:
        raise AssertionError("XLPyLoadDLL no longer reads INTERPRETER_WIN")
    loads = re.findall(r'LoadLibrary\((.+?) \+ "\\" \+ XLPyDLLName\)', body)
    depths = parent_depths(body, "LoadLibrary", "ParentFolder", "PYTHON_WIN")
    if not loads or len(depths) != len(loads):
        raise AssertionError(f"LoadLibrary candidates of XLPyLoadDLL not understood: {loads}")
    return [up(interpreter, d) for d in depths]


def xlwings_finds_dll(bas: str, disk: WinDisk, interpreter: str, dll: str) -> str | None:
    """The DLL path XLPyLoadDLL loads (LoadLibrary of the first folder that has it)."""
    for folder in xlwings_dll_folders(bas, interpreter):
        if disk.is_file(f"{folder}\\{dll}"):
            return f"{folder}\\{dll}"
    return None


def _const(vba: str, name: str) -> str:
    found = re.search(rf'Const {name} As String = "([^"]*)"', vba)
    if not found:
        raise AssertionError(f"constant {name} not found in the template's VBA")
    return found.group(1)


# Expressions the Python mirror below stands for; the test asserts the VBA holds them.
TEMPLATE_CHECK_EXPRESSIONS = (
    "jalur = JalurInterpreter()",
    'jalur = GetConfig("INTERPRETER_WIN", "")',
    'NamaDll = "xlwings64-" & XLWINGS_VERSION & ".dll"',
    'For Each folder In Split(GetConfig("PYTHONPATH", ""), ";")',
    "AdaBerkas(CStr(folder), POLA_PAKET, vbDirectory)",
    "AdaBerkas(akar & SITE_PACKAGES, POLA_PAKET, vbDirectory)",
    "AdaDll = AdaBerkas(folder, NamaDll(), vbNormal)",
)


def template_finds(vba: str, disk: WinDisk, conf: dict[str, str], dll: str) -> bool:
    """The template's TerpasangDiDisk for a configured interpreter (a full path)."""
    body = _body(vba, "Function", "TerpasangDiDisk")
    dll_depths = parent_depths(body, "AdaDll", "FolderInduk", "jalur")
    package_depths = parent_depths(body, "AdaPaket", "FolderInduk", "jalur")
    if not dll_depths or not package_depths:
        raise AssertionError("TerpasangDiDisk's lookups not understood")
    site, pattern = _const(vba, "SITE_PACKAGES"), _const(vba, "POLA_PAKET")
    jalur = conf["INTERPRETER_WIN"]
    dll_ok = any(disk.is_file(f"{up(jalur, d)}\\{dll}") for d in dll_depths)
    folders = [f for f in conf.get("PYTHONPATH", "").split(";") if f]
    folders += [up(jalur, d) + site for d in package_depths]
    return dll_ok and any(disk.glob(folder, pattern) for folder in folders)
