"""The hidden `xlwings.conf` sheet. Owned by the macro/UDF part of the build.

Minimal first version: the UDF module name, so Excel finds the UDFs with no manual edit.
"""

from __future__ import annotations

UDF_MODULE = "dak_udfs"


def build_config_sheet(ws, pack) -> None:
    ws["A1"], ws["B1"] = "UDF Modules", UDF_MODULE
