"""Fixtures of the template tests: built workbooks (session-wide) and LibreOffice runs.

Every workbook is built by code: the empty template, the sample Dokumen filled in,
a broken variant that trips each native conditional-format rule (and some near
misses), and a large one with a few hundred RAB lines. LibreOffice runs twice per
session at most (one conversion to xlsx for all files, one to PDF).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import tpl_lo as lo
from tpl_docs import broken_dokumen, large_dokumen, sample

from xlplugin.layout import load_layout
from xlplugin.rulepack import load_pack
from xlplugin.template.build import build_template


@pytest.fixture(scope="session")
def layout():
    return load_layout()


@pytest.fixture(scope="session")
def pack():
    return load_pack()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """name -> built workbook: template, filled (sample), broken, large."""
    root = tmp_path_factory.mktemp("built")
    return {
        "template": build_template(out=root / "template.xlsm"),
        "filled": build_template(sample(), root / "filled.xlsm"),
        "broken": build_template(broken_dokumen(), root / "broken.xlsm"),
        "large": build_template(large_dokumen(), root / "large.xlsm"),
    }


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory) -> Path:
    if lo.soffice() is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    return lo.make_profile(tmp_path_factory.mktemp("lo-profile"))


@pytest.fixture(scope="session")
def lo_xlsx(built, lo_profile, tmp_path_factory) -> dict[str, Path]:
    """Each built workbook after LibreOffice opened it, recalculated and saved as .xlsx."""
    from tpl_cf_probe import probe_workbook

    outdir = tmp_path_factory.mktemp("lo-xlsx")
    probe = probe_workbook(built["broken"], outdir.parent / "cf_probe.xlsx")
    files = {**built, "cf_probe": probe}
    result = lo.convert(list(files.values()), "xlsx", outdir, lo_profile)
    assert result.returncode == 0, result.stderr
    return {name: outdir / f"{path.stem}.xlsx" for name, path in files.items()}


@pytest.fixture(scope="session")
def lo_pdf(built, lo_profile, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("lo-pdf")
    result = lo.convert([built["filled"]], "pdf", outdir, lo_profile)
    assert result.returncode == 0, result.stderr
    return outdir / "filled.pdf"
