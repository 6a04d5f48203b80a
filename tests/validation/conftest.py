"""Workbooks for the validation tests: the shipped sample through the template.

Built once per session (openpyxl is slow); tests copy them before writing.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "fakes"))

from validation_workbooks import template_workbook


def sample_doc():
    from xlplugin.sample import sample_dokumen

    return sample_dokumen()


@pytest.fixture(scope="session")
def sample_book(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    return template_workbook(sample_doc(), folder / "sampel.xlsx")


@pytest.fixture
def book(sample_book, tmp_path) -> Path:
    """A private copy of the sample workbook to validate and write."""
    target = tmp_path / sample_book.name
    shutil.copy2(sample_book, target)
    return target
