"""Every workbook of the fault corpus ends in a valid report or a clear Indonesian error.

The corpus (>= 200 cases, `corpus.py`) runs once per session through `xlplugin
validate`, two at a time, each with a time limit (`runner.py`); the outcome table is
written to build/reliability.md. One test per category names its failing cases.
"""

from __future__ import annotations

import pytest
from corpus import CASES, ENCRYPTED, LIBREOFFICE
from corpus import build_corpus_apart as build_corpus
from runner import run_corpus
from table import write

CATEGORIES = sorted({c.category for c in CASES + ENCRYPTED + LIBREOFFICE} | {"bagian hilang"})


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    import time

    _base, items = build_corpus()
    t0 = time.perf_counter()
    outcomes = run_corpus(items, tmp_path_factory.mktemp("korpus"))
    write(outcomes, time.perf_counter() - t0)
    return outcomes


def test_corpus_has_at_least_200_cases_in_every_category(corpus_run):
    assert len(corpus_run) >= 200
    assert {o.category for o in corpus_run} >= set(CATEGORIES) - {"disimpan LibreOffice"}


def test_a_share_of_the_corpus_runs_through_the_real_cli_subprocess(corpus_run):
    by_cat = {}
    for o in corpus_run:
        by_cat.setdefault(o.category, []).append(o.mode)
    assert all("subprocess" in modes for modes in by_cat.values())


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_ends_in_report_or_clear_error(corpus_run, category):
    group = [o for o in corpus_run if o.category == category]
    if not group:
        pytest.skip(f"kategori {category} tidak dibuat di mesin ini (LibreOffice?)")
    failed = [f"{o.case} [{o.mode}, kode {o.code}]: {'; '.join(o.problems)}"
              for o in group if not o.ok]
    assert not failed, "\n".join(failed)


def test_no_case_hangs_or_shows_a_traceback(corpus_run):
    assert not [o.case for o in corpus_run if o.timed_out]
    assert not [o.case for o in corpus_run if o.traceback]


def test_no_input_cell_is_lost_in_any_written_copy(corpus_run):
    assert sum(o.lost_cells for o in corpus_run) == 0
    assert sum(o.checked_cells for o in corpus_run) > 0


def test_no_case_makes_the_process_larger_than_the_memory_limit(corpus_run):
    from runner import MEMORY_LIMIT_MB

    measured = [o.peak_mb for o in corpus_run if o.mode == "subprocess"]
    # the high-water mark was read (a process may end between two 5 ms samples)
    assert measured and sum(m > 0 for m in measured) >= 0.9 * len(measured)
    assert max(o.peak_mb for o in corpus_run) < MEMORY_LIMIT_MB


def test_the_issue_14_categories_are_in_the_corpus(corpus_run):
    assert {"batas memori", "kolom disisipkan", "bagian opsional kosong", "bukan templat",
            "keluaran"} <= {o.category for o in corpus_run}
