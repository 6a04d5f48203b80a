"""Issue 12: after install.bat, Excel finds xlwings' DLL, the interpreter and xlplugin.

The bundled win_amd64 wheels are laid out as pip installs them into the virtual
environment install.bat creates (sysconfig's Windows venv scheme), the interpreter and
PYTHONPATH are read from the built template's xlwings.conf sheet, and the lookups are
those of the VBA as written: the LoadLibrary candidates of the installed xlwings'
`XLPyLoadDLL`, and the template's own on-open check. The same wheels laid out the way
`pip install --user` did (today's installer until this change) are not found.
"""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

import openpyxl
import pytest
from bundle.winlayout import (
    TEMPLATE_CHECK_EXPRESSIONS,
    WinDisk,
    install_wheel,
    python_skeleton,
    scheme,
    template_finds,
    venv_scheme_name,
    venv_skeleton,
    xlwings_dll_folders,
    xlwings_dll_names,
    xlwings_finds_dll,
)

from xlplugin.bundle import winsetup
from xlplugin.template.macros.vba import VBA_DIR
from xlplugin.template.sheets.config import ENV_DIR_WIN

pytestmark = [pytest.mark.network, pytest.mark.slow]

LOCALAPPDATA = r"C:\Users\Budi Santoso\AppData\Local"
APPDATA = r"C:\Users\Budi Santoso\AppData\Roaming"
BASE_PYTHON = LOCALAPPDATA + r"\Programs\Python\Python311"  # python.org's per-user default


def expand(value: str) -> str:
    return winsetup.expand(value, {"LOCALAPPDATA": LOCALAPPDATA, "APPDATA": APPDATA})


def sheet_conf(template: Path) -> dict[str, str]:
    """The xlwings.conf sheet as GetConfig returns it: keys upper-cased, values expanded."""
    ws = openpyxl.load_workbook(template, read_only=True)["xlwings.conf"]
    conf, row = {}, 1
    while ws.cell(row, 1).value not in (None, ""):
        conf[str(ws.cell(row, 1).value).upper()] = expand(str(ws.cell(row, 2).value or ""))
        row += 1
    return conf


def installed_xlwings_bas(disk: WinDisk, site: str) -> str:
    return disk.local(site + r"\xlwings\xlwings.bas").read_text(encoding="ascii")


@pytest.fixture(scope="module")
def venv_install(tmp_path_factory, windows_wheels, shipped_template):
    """What install.bat leaves: the venv, every bundled wheel installed into it."""
    disk = WinDisk(tmp_path_factory.mktemp("venv-install"))
    conf = sheet_conf(shipped_template)
    paths = scheme(venv_scheme_name(), {"base": expand(ENV_DIR_WIN), "installed_base": BASE_PYTHON})
    python_skeleton(disk, BASE_PYTHON)
    venv_skeleton(disk, paths, BASE_PYTHON)
    for wheel in windows_wheels:
        install_wheel(disk, wheel, paths)
    return disk, conf, paths


@pytest.fixture(scope="module")
def user_install(tmp_path_factory, windows_wheels):
    """What the `pip install --user` installer left: the same wheels in %APPDATA%\\Python."""
    disk = WinDisk(tmp_path_factory.mktemp("user-install"))
    paths = scheme("nt_user", {"userbase": APPDATA + r"\Python", "py_version_nodot_plat": "311"})
    python_skeleton(disk, BASE_PYTHON)
    for wheel in windows_wheels:
        install_wheel(disk, wheel, paths)
    return disk, paths


def test_the_conf_sheet_names_an_interpreter_that_is_there(venv_install):
    disk, conf, paths = venv_install
    assert conf["INTERPRETER_WIN"] == paths["scripts"] + r"\pythonw.exe"
    assert disk.is_file(conf["INTERPRETER_WIN"])


def test_xlwings_loads_its_dll_from_the_venv_root(venv_install):
    disk, conf, paths = venv_install
    bas = installed_xlwings_bas(disk, paths["purelib"])
    names = xlwings_dll_names(bas)
    assert {n.split("-")[0] for n in names} == {"xlwings32", "xlwings64"}
    for name in names:
        assert xlwings_finds_dll(bas, disk, conf["INTERPRETER_WIN"], name) == \
            f"{paths['data']}\\{name}"


def test_pythonpath_holds_xlplugin_its_udf_module_and_metadata(venv_install):
    disk, conf, paths = venv_install
    assert conf["PYTHONPATH"] == paths["purelib"]
    site = disk.local(conf["PYTHONPATH"])
    for module in ("xlplugin", "udfs", conf["UDF MODULES"]):
        spec = _find_spec(module, site)
        assert spec is not None and Path(spec.origin).is_relative_to(site), module
    assert list(site.glob("xlplugin-*.dist-info"))


def test_the_templates_own_check_finds_the_install(venv_install):
    disk, conf, paths = venv_install
    vba = (VBA_DIR / "xlp_Python.bas").read_text(encoding="ascii")
    for expression in TEMPLATE_CHECK_EXPRESSIONS:
        assert expression in vba, expression
    for name in xlwings_dll_names(installed_xlwings_bas(disk, paths["purelib"])):
        assert template_finds(vba, disk, conf, name), name


def test_the_installers_verification_passes_on_this_layout(venv_install):
    disk, _conf, paths = venv_install
    env = {"LOCALAPPDATA": str(disk.local(LOCALAPPDATA))}
    site = disk.local(paths["purelib"])
    version = _dist_version(site, "xlwings")
    assert winsetup.problems(env, lambda name: _find_spec(name, site).origin, version) == []


def test_the_user_scheme_install_of_the_old_installer_is_not_found(user_install,
                                                                    shipped_template):
    disk, paths = user_install
    bas = installed_xlwings_bas(disk, paths["purelib"])
    vba = (VBA_DIR / "xlp_Python.bas").read_text(encoding="ascii")
    dll = next(n for n in xlwings_dll_names(bas) if n.startswith("xlwings64"))
    assert disk.is_file(f"{paths['data']}\\{dll}")  # installed, in %APPDATA%\Python
    # the interpreter the old installer recorded, and no PYTHONPATH
    old = {"INTERPRETER_WIN": BASE_PYTHON + r"\pythonw.exe"}
    assert paths["data"] not in xlwings_dll_folders(bas, old["INTERPRETER_WIN"])
    assert xlwings_finds_dll(bas, disk, old["INTERPRETER_WIN"], dll) is None
    assert not template_finds(vba, disk, old, dll)
    # the new template on that PC: its environment is not there
    conf = sheet_conf(shipped_template)
    assert not disk.is_file(conf["INTERPRETER_WIN"])
    assert xlwings_finds_dll(bas, disk, conf["INTERPRETER_WIN"], dll) is None
    assert not template_finds(vba, disk, conf, dll)


def _find_spec(name: str, site: Path):
    """Where `import name` resolves with only `site` on the path (nothing is executed)."""
    spec, search = None, [str(site)]
    for part in name.split("."):
        spec = importlib.machinery.PathFinder.find_spec(part, search)
        if spec is None:
            return None
        search = spec.submodule_search_locations
    return spec


def _dist_version(site: Path, name: str) -> str:
    (info,) = site.glob(f"{name}-*.dist-info")
    return info.name[len(name) + 1:-len(".dist-info")]
