"""One small corpus per test session, built by the benchmark's own generator.

20 kab/kota from 3 variants of the sample (one peserta and one narasumber shared
across two files); the rekap of it is computed and written once. A copy of the same
corpus with 5 files broken in the five ways reviewers meet serves the damaged tests.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` lives at the repository root

from bench import rekap_corpus

FILES, VARIANTS, DAMAGED = 20, 3, 5


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("korpus")
    manifest = rekap_corpus.generate(folder, files=FILES, variants=VARIANTS,
                                     duplicate_pairs=1, workers=2, provinces=4)
    return folder, manifest


@pytest.fixture(scope="session")
def rekap(corpus):
    from xlplugin.rekap.collect import collect, find_workbooks

    folder, _ = corpus
    paths, _ = find_workbooks(folder)
    return collect(folder, paths, workers=2)


@pytest.fixture(scope="session")
def rekap_xlsx(rekap, tmp_path_factory) -> Path:
    from xlplugin.rekap.workbook import write_rekap

    target = tmp_path_factory.mktemp("rekap") / "rekap.xlsx"
    write_rekap(rekap, target)
    return target


@pytest.fixture(scope="session")
def damaged_corpus(corpus, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The corpus with 5 of its 20 files broken: relative path -> kind of damage."""
    folder, manifest = corpus
    copy = tmp_path_factory.mktemp("korpus-rusak") / "kiriman"
    shutil.copytree(folder, copy)
    (copy / "manifest.json").unlink()
    victims = [f["berkas"] for f in manifest["files"]][1::4][:DAMAGED]
    broken = {}
    for rel, kind in zip(victims, rekap_corpus.DAMAGE_KINDS, strict=True):
        rekap_corpus.damage(copy / rel, kind)
        broken[rel] = kind
    return copy, broken
