"""Read every workbook of a folder in parallel and gather one `Rekap`.

Each file is read in a worker process by exactly the functions `xlplugin validate`
uses (`FileAdapter` + `validation.validate_workbook`), and totalled by
`engine.totals.compute_totals`, the totals of the file's own Rekap sheet. A file
that cannot be read becomes a `RingkasanFile` with its reason; the run goes on.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..domain.records import Dokumen
from ..rulepack import load_pack
from .duplicates import Source, duplicate_narasumber, duplicate_peserta
from .model import Rekap
from .progress import ProgressBar
from .summary import RingkasanFile, ringkas

SUFFIXES = {".xlsx", ".xlsm"}
# Spreadsheets in other formats: never read, but listed (as not of the template, saying
# what they are) so that the reviewer asks for them again rather than missing them.
OTHER_FORMATS = {".xls", ".xlsb", ".ods", ".xltx", ".xltm", ".csv"}
# Copies the tools themselves leave next to a file: counting them would count a
# kab/kota twice (`validate` writes <name>.diperiksa.xlsm, backups are .cadangan-*).
SKIPPED_MARKERS = (".diperiksa.", ".cadangan-")


@dataclass
class HasilBerkas:
    ringkasan: RingkasanFile
    orang: Dokumen | None = None  # only kegiatan, peserta, narasumber: what duplicates need


def find_workbooks(folder: Path, exclude: tuple[Path, ...] = ()) -> tuple[list[Path], list[Path]]:
    """(workbooks to read, copies skipped), both sorted; Excel lock files (~$) ignored."""
    excluded = {p.resolve() for p in exclude}
    found, skipped = [], []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in SUFFIXES | OTHER_FORMATS or path.name.startswith("~$"):
            continue
        if not path.is_file() or path.resolve() in excluded:
            continue
        (skipped if any(m in path.name for m in SKIPPED_MARKERS) else found).append(path)
    return found, skipped


def read_file(path: str, label: str) -> HasilBerkas:
    """One workbook: its summary row, findings and the people records. Never raises."""
    from ..ooxml.errors import NotTemplateError, WorkbookReadError

    try:
        if Path(path).suffix.lower() == ".csv":
            raise NotTemplateError(
                f"Berkas {Path(path).name} berformat CSV (teks), bukan buku kerja templat. "
                "Minta kab/kota mengirim buku kerja .xlsm yang diisi pada templat resmi.")
        return _read(path, label)
    except NotTemplateError as exc:
        return HasilBerkas(RingkasanFile(label, galat=str(exc), bukan_templat=True))
    except WorkbookReadError as exc:
        return HasilBerkas(RingkasanFile(label, galat=str(exc)))
    except Exception:  # noqa: BLE001 - one odd file must not stop a run of hundreds
        return HasilBerkas(RingkasanFile(
            label, galat="Berkas tidak dapat diproses (isinya rusak atau tidak dikenali). "
                         "Buka di Excel, simpan ulang sebagai .xlsm, lalu kirim kembali."))


def _read(path: str, label: str) -> HasilBerkas:
    from ..engine.totals import compute_totals
    from .load import check_file

    pack = load_pack()
    checked = check_file(path)
    doc = checked.doc
    summary = ringkas(label, doc, checked.findings, compute_totals(doc, pack), pack,
                      checked.problems, checked.versi)
    orang = Dokumen(kegiatan=doc.kegiatan, peserta=doc.peserta, narasumber=doc.narasumber)
    return HasilBerkas(summary, orang)


def collect(folder: Path, paths: list[Path], *, workers: int | None = None,
            progress: ProgressBar | None = None) -> Rekap:
    labels = {str(p): p.relative_to(folder).as_posix() for p in paths}
    results = _run(labels, workers or os.cpu_count() or 1, progress)
    results.sort(key=_order)
    sources = [Source(r.ringkasan.file, r.ringkasan.kab_kota or r.ringkasan.file, r.orang)
               for r in results if r.orang is not None]
    return Rekap(load_pack(), str(folder), [r.ringkasan for r in results],
                 duplicate_peserta(sources) + duplicate_narasumber(sources))


def _order(r: HasilBerkas) -> tuple:
    f = r.ringkasan
    return (not f.terbaca, f.provinsi, f.kab_kota, f.file)


def _run(labels: dict[str, str], workers: int, progress: ProgressBar | None) -> list[HasilBerkas]:
    def tick() -> None:
        if progress:
            progress.advance()

    if workers <= 1 or len(labels) <= 1:
        out = []
        for path, label in labels.items():
            out.append(read_file(path, label))
            tick()
        return out
    _warm()  # loaded once here, inherited by the forked workers
    done, pending = _pool_round(labels, workers, tick)
    if pending:  # a worker died (not an exception: a crash); retry each file alone
        for path, label in pending.items():
            done.append(_isolated(path, label))
            tick()
    return done


def _pool_round(labels: dict[str, str], workers: int, tick):
    done: list[HasilBerkas] = []
    pending = dict(labels)
    with ProcessPoolExecutor(max_workers=min(workers, len(labels)), initializer=_warm) as pool:
        futures = {pool.submit(read_file, p, label): p for p, label in labels.items()}
        for fut in as_completed(futures):
            try:
                result = fut.result()
            except BrokenProcessPool:
                continue
            done.append(result)
            pending.pop(futures[fut])
            tick()
    return done, pending


def _isolated(path: str, label: str) -> HasilBerkas:
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(read_file, path, label).result()
    except BrokenProcessPool:
        return HasilBerkas(RingkasanFile(
            label, galat="Pembaca berhenti mendadak saat membuka berkas ini (berkas rusak). "
                         "Buka di Excel, simpan ulang sebagai .xlsm, lalu kirim kembali."))


def _warm() -> None:
    from ..adapters.file import FileAdapter  # noqa: F401 - import cost paid once per process
    from ..engine.registry import load_checks
    from ..layout import load_layout

    load_pack()
    load_layout()
    load_checks()
