"""Write a file so that a crash at any moment leaves either the old or the new file.

The content goes to a temporary file in the same folder, is flushed to disk, and
only then renamed over the target (an atomic rename on the same file system).
Before a workbook is replaced, a copy of the old one is kept as a backup.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO


class WriteError(Exception):
    """The file could not be written; the message is for the user (Indonesian)."""


def backup_path(target: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.stem}.cadangan-{stamp}{target.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{target.stem}.cadangan-{stamp}-{n}{target.suffix}")
    return candidate


def write_atomic(target: Path | str, write: Callable[[BinaryIO], None], *,
                 backup: bool = False) -> Path | None:
    """Write `target` through `write(fh)`; returns the backup's path when one was made."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        saved = None
        if backup and target.exists():
            saved = backup_path(target)
            shutil.copy2(target, saved)
        if target.exists():
            shutil.copymode(target, tmp)
        os.replace(tmp, target)
        _sync_dir(target.parent)
        return saved
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(f"Berkas {target} tidak dapat ditulis: {exc.strerror or exc}. "
                             "Berkas asli tidak berubah.") from exc
        raise


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
