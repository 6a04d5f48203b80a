"""The hidden xlwings.conf sheet, read as xlwings' VBA reads it (A1 down to the first
empty cell in column A, keys upper-cased)."""

from __future__ import annotations

import importlib

import openpyxl
import pytest

from xlplugin.bundle import installer
from xlplugin.layout.udf import CHECK_UDF, STATUS_UDF, TOTAL_UDF
from xlplugin.template.sheets import config
from xlplugin.template.sheets.config import ENV_DIR_WIN, INTERPRETER_OVERRIDE


def conf_settings(path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path, read_only=True)["xlwings.conf"]
    settings, row = {}, 1
    while ws.cell(row, 1).value not in (None, ""):
        settings[str(ws.cell(row, 1).value).upper()] = ws.cell(row, 2).value
        row += 1
    return settings


def test_udf_modules_names_an_installed_module_with_every_udf(built_xlsm):
    module = importlib.import_module(conf_settings(built_xlsm)["UDF MODULES"])
    for name in [CHECK_UDF, *STATUS_UDF.values(), TOTAL_UDF]:
        assert callable(getattr(module, name)), name


def test_interpreter_is_the_pythonw_of_the_environment_install_bat_creates(built_xlsm):
    interpreter = conf_settings(built_xlsm)["INTERPRETER_WIN"]
    assert interpreter == r"%LOCALAPPDATA%\xlplugin\venv\Scripts\pythonw.exe"
    # the very folder the installer text creates and installs into
    script = installer.render("0.1.0", "xlplugin-0.1.0-py3-none-any.whl",
                              ["xlplugin-0.1.0-py3-none-any.whl"], ["3.11"], "T.xlsm")
    assert f'set "XLP_VENV={ENV_DIR_WIN}"' in script
    assert interpreter.startswith(ENV_DIR_WIN + "\\")


def test_pythonpath_is_that_environments_site_packages(built_xlsm):
    conf = conf_settings(built_xlsm)
    assert conf["PYTHONPATH"] == r"%LOCALAPPDATA%\xlplugin\venv\Lib\site-packages"


def test_no_conda_setting_competes_with_the_interpreter(built_xlsm):
    assert not set(conf_settings(built_xlsm)) & {"INTERPRETER", "CONDA PATH", "CONDA ENV"}


def test_workbook_folder_stays_off_the_python_path(built_xlsm):
    assert conf_settings(built_xlsm)["ADD_WORKBOOK_TO_PYTHONPATH"] == "false"


def test_conf_sheet_is_hidden(built_xlsm):
    wb = openpyxl.load_workbook(built_xlsm, read_only=True)
    assert wb["xlwings.conf"].sheet_state == "hidden"


def test_every_setting_has_an_indonesian_note_in_column_d(built_xlsm):
    ws = openpyxl.load_workbook(built_xlsm, read_only=True)["xlwings.conf"]
    for row in range(1, len(conf_settings(built_xlsm)) + 1):
        assert ws.cell(row, config.NOTE_COLUMN).value, row


@pytest.mark.parametrize("interpreter, site", [
    (r"C:\dev\proyek\.venv\Scripts\pythonw.exe", r"C:\dev\proyek\.venv\Lib\site-packages"),
    (r"C:\Python311\pythonw.exe", r"C:\Python311\Lib\site-packages"),
])
def test_a_developer_interpreter_brings_its_own_site_packages(monkeypatch, interpreter, site):
    monkeypatch.setenv(INTERPRETER_OVERRIDE, interpreter)
    ws = openpyxl.Workbook().active
    config.build_config_sheet(ws, None)
    values = {ws.cell(r, 1).value.upper(): ws.cell(r, 2).value for r in range(1, 5)}
    assert values["INTERPRETER_WIN"] == interpreter
    assert values["PYTHONPATH"] == site
