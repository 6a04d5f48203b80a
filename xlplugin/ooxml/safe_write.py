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
    """The file could not be written; the message is for the user (Indonesian), what the
    system said is kept in `detail`."""

    def __init__(self, message: str, *, detail: str | None = None):
        super().__init__(message)
        self.detail = detail


def os_reason(exc: OSError, target: Path) -> str:
    """Why the system refused to write `target`, in Indonesian (never its English text)."""
    import errno

    folder = target.parent
    return {
        errno.ENOENT: f"folder {folder} tidak ada",
        errno.ENOTDIR: f"{folder} bukan folder",
        errno.EACCES: f"tidak ada izin menulis di folder {folder}",
        errno.EPERM: f"tidak ada izin menulis di folder {folder}",
        errno.EROFS: f"folder {folder} hanya-baca",
        errno.ENAMETOOLONG: f"nama berkas terlalu panjang ({len(target.name)} karakter)",
        errno.ENOSPC: "ruang disk penuh",
        errno.EDQUOT: "kuota disk habis",
        errno.EISDIR: f"{target} adalah folder",
        errno.EXDEV: "berkas sementara dan tujuan berada di disk yang berbeda",
        errno.EEXIST: f"{target} sudah ada dan bukan folder",
    }.get(exc.errno, "galat sistem berkas")


def prepare_folder(folder: Path | str) -> Path:
    """An output folder, made with its parents when missing; `WriteError` (Indonesian)
    when it cannot be made or is not a folder."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"Folder keluaran {folder} tidak dapat dibuat: {os_reason(exc, folder)}."
                         " Pilih folder lain dengan -o.",
                         detail=f"{type(exc).__name__}: {exc}") from exc
    return folder


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
    """Write `target` through `write(fh)`; returns the backup's path when one was made.

    A symbolic link is written through: the file it points at is replaced and the link
    stays a link (`--in-place` on a linked workbook keeps the link). Any failure leaves
    no temporary file and raises `WriteError` with an Indonesian reason."""
    target = Path(target)
    real = through_links(target)
    tmp = None
    try:
        # the temp name is bounded: a target name near the system's limit still fits
        fd, tmp_name = tempfile.mkstemp(prefix=f".{real.name[:40]}.", suffix=".tmp",
                                        dir=real.parent)
        tmp = Path(tmp_name)
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        saved = None
        if backup and real.exists():
            saved = backup_path(real)
            shutil.copy2(real, saved)
        if real.exists():
            shutil.copymode(real, tmp)
        os.replace(tmp, real)
        _sync_dir(real.parent)
        return saved
    except BaseException as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(f"Berkas {target} tidak dapat ditulis: {os_reason(exc, real)}. "
                             "Berkas asli tidak berubah.",
                             detail=f"{type(exc).__name__}: {exc}") from exc
        raise


def through_links(target: Path) -> Path:
    """The file a chain of symbolic links ends at (the target itself when it is none)."""
    if not target.is_symlink():
        return target
    try:
        return target.resolve(strict=False)
    except (OSError, RuntimeError):  # a loop: writing to the link itself says why
        return target


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
