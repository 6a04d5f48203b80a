"""The hidden xlwings.conf sheet, read as xlwings' VBA reads it (A1 down to the first
empty cell in column A, keys upper-cased)."""

from __future__ import annotations

import importlib

import openpyxl

from xlplugin.layout.udf import STATUS_UDF, TOTAL_UDF


def conf_settings(path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path, read_only=True)["xlwings.conf"]
    settings, row = {}, 1
    while ws.cell(row, 1).value not in (None, ""):
        settings[str(ws.cell(row, 1).value).upper()] = ws.cell(row, 2).value
        row += 1
    return settings


def test_udf_modules_names_an_installed_module_with_every_udf(built_xlsm):
    module = importlib.import_module(conf_settings(built_xlsm)["UDF MODULES"])
    for name in [*STATUS_UDF.values(), TOTAL_UDF]:
        assert callable(getattr(module, name)), name


def test_no_interpreter_is_hard_coded(built_xlsm):
    keys = set(conf_settings(built_xlsm))
    assert not keys & {"INTERPRETER", "INTERPRETER_WIN", "INTERPRETER_MAC", "CONDA PATH",
                       "CONDA ENV", "PYTHONPATH"}


def test_workbook_folder_stays_off_the_python_path(built_xlsm):
    assert conf_settings(built_xlsm)["ADD_WORKBOOK_TO_PYTHONPATH"] == "false"


def test_conf_sheet_is_hidden(built_xlsm):
    wb = openpyxl.load_workbook(built_xlsm, read_only=True)
    assert wb["xlwings.conf"].sheet_state == "hidden"
