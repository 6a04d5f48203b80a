"""A memory ceiling for the moments the process materialises a workbook's content.

The limits in `limits.py` count, before anything is read, what the reader will
allocate; this is the second line if one of them ever misses a way to make a reader
allocate more: while a sheet is read or a part is parsed, the process may not grow
its address space by more than `READ_BUDGET`. An allocation past it fails at once
(Python raises `MemoryError`, which the callers turn into an Indonesian refusal)
instead of swapping the machine to a halt for minutes.

The ceiling is the soft `RLIMIT_AS`, set for the span of a `with` and put back after
it, so nothing started later (LibreOffice for the PDF) inherits it. Where the
platform has no such limit (Windows), the ceiling does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

MiB = 1024 * 1024
READ_BUDGET = 1024 * MiB  # what one read may add to the process's address space


def _virtual_size() -> int | None:
    """The process's address space in bytes (Linux), None where it cannot be known."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def memory_ceiling(budget: int | None = None) -> Iterator[None]:
    """While inside, the address space may grow by `budget` (default `READ_BUDGET`)."""
    budget = READ_BUDGET if budget is None else budget
    try:
        import resource
    except ImportError:  # Windows
        yield
        return
    now = _virtual_size()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if now is None:
        yield
        return
    cap = now + budget
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield  # a ceiling at least as low is already in force (an enclosing read)
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
