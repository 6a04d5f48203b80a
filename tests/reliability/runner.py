"""Run `xlplugin validate` over the fault corpus, two at a time, each with a time limit.

Every case runs the CLI's `main()` in a process of its own: a share of the cases
(every `SUBPROCESS_EVERY`-th, and all hostile ones) through the real command
(`python -m xlplugin validate ...` in a new interpreter), the rest in a child forked
from a parent that has already imported the product (the same code path without
paying the interpreter start each time). A child that outlives `TIMEOUT` seconds is
killed and counted as a hang. Then the outcome is judged (`judge`): a valid report,
a clear Indonesian error, or a failure with its reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import traceback
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from corpus import SECRET_MARKER, TEMUAN, Case

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0
SUBPROCESS_EVERY = 5
ALWAYS_SUBPROCESS = {"bom zip", "XXE", "terenkripsi", "batas memori"}
FINDING_KEYS = {"rule", "severity", "sheet", "row", "cell", "message", "clause"}
INDONESIAN = re.compile(r"\b(berkas|tidak|sheet|sel|bagian|ditolak|rusak|dibaca)\b", re.IGNORECASE)
# What libraries say (zipfile, lxml, calamine, the OS): never part of a message to the user
ENGLISH = re.compile(r"\b(?:Errno|[Ee]rror|not found|is not a|Excessive|failed|[Ii]nvalid|"
                     r"[Uu]nexpected|[Cc]annot|No such|[Pp]ermission denied|too long|"
                     r"Relationship|Traceback)\b")
INJECTED = ("contoh.invalid", "cmd|", "WEBSERVICE", "DDE(", "1+1")
MEMORY_LIMIT_MB = 1024  # issue 14: no case may make the process larger
STATUS_KEY = "status periksa"  # the status column's header, as the reader compares it
STATUS_SCAN_ROWS = 40


@dataclass
class Outcome:
    case: str
    category: str
    mode: str
    code: int | None = None
    seconds: float = 0.0
    timed_out: bool = False
    traceback: bool = False
    kind: str = ""  # "laporan" (valid report), "galat" (clear error), "gagal" (failure)
    problems: list[str] = field(default_factory=list)  # why it failed, when it did
    lost_cells: int = 0
    checked_cells: int = 0
    findings: int = 0
    stderr_tail: str = ""
    # The case's process at its largest (resident set, VmHWM): a CLI subprocess from its
    # start; a forked child by what it added to the parent it was forked from (a forked
    # process starts with all of its parent's pages; a fresh interpreter adds ~60 MB).
    peak_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return self.kind in ("laporan", "galat") and not self.problems


# ---------------------------------------------------------------- launching
def warm_imports() -> None:
    """Import what validate needs once, so forked children start at once."""
    import python_calamine  # noqa: F401

    from xlplugin import validation  # noqa: F401
    from xlplugin.adapters import file  # noqa: F401
    from xlplugin.cli import validate_cmd  # noqa: F401
    from xlplugin.engine.registry import load_checks
    from xlplugin.layout import load_layout
    from xlplugin.rulepack import load_pack

    load_layout(), load_pack(), load_checks()


UNWRITABLE = Path("/sys/kernel")  # not writable even by root (the tests may run as root)


class Job:
    def __init__(self, case: Case, path: Path, work: Path, mode: str):
        self.case, self.path, self.work, self.mode = case, path, work, mode
        work.mkdir(parents=True, exist_ok=True)
        self.link: Path | None = None
        self.argv, self.output = self._command(case.run)
        self.before = _digest(path)
        self.peak_mb = 0.0
        self.base_kb = _status_kb(os.getpid(), "VmRSS") if mode == "fork" else 0
        self.started = time.monotonic()
        self.pid = self._fork() if mode == "fork" else self._spawn()

    def sample_memory(self) -> None:
        """Read the child's high-water mark while it runs (gone once it has exited)."""
        hwm = _status_kb(self.pid, "VmHWM")
        if hwm:
            self.peak_mb = max(self.peak_mb, (hwm - self.base_kb) / 1024)

    def _command(self, run: str) -> tuple[list[str], Path]:
        """(CLI arguments, where the written copy is expected) for the case's `run`."""
        work, path = self.work, self.path
        out = work / f"keluaran{path.suffix}"
        if run == "symlink-in-place":  # a link to a copy: the link must stay a link
            copy = work / f"asli{path.suffix}"
            copy.write_bytes(path.read_bytes())
            self.link = work / f"tautan{path.suffix}"
            self.link.symlink_to(copy.name)
            return ["validate", str(self.link), "--json", "--in-place"], copy
        if run == "fifo":
            pipe = work / f"pipa{path.suffix}"
            os.mkfifo(pipe)
            return ["validate", str(pipe), "--json", "-o", str(out)], out
        out = {
            "": out,
            "folder-hilang": work / "tidak-ada" / out.name,
            "folder-tak-bisa-ditulis": UNWRITABLE / f"xlplugin-{os.getpid()}{path.suffix}",
            "nama-300-bita": work / ("n" * 295 + path.suffix),
            "nama-245": work / ("n" * 240 + path.suffix),
            "akhiran-xlsx": work / "keluaran.xlsx",
            "keluaran-berupa-folder": work / f"folder{path.suffix}",
        }[run]
        if run == "keluaran-berupa-folder":
            out.mkdir()
        return ["validate", str(path), "--json", "-o", str(out)], out

    def _spawn(self) -> int:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        with open(self.work / "stdout", "wb") as out, open(self.work / "stderr", "wb") as err:
            proc = subprocess.Popen([sys.executable, "-m", "xlplugin", *self.argv], stdout=out,
                                    stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=self.work,
                                    start_new_session=True)
        self._proc = proc
        return proc.pid

    def _fork(self) -> int:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid:
            return pid
        code = 1
        try:  # the child: its own stdout/stderr files, the CLI's main(), then _exit
            os.setsid()
            for fd, name in ((1, "stdout"), (2, "stderr")):
                os.dup2(os.open(self.work / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.chdir(self.work)
            from xlplugin.cli.main import main
            code = main(self.argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:  # noqa: BLE001 - printed as Python would, then judged
            traceback.print_exc()
            code = 1
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code if isinstance(code, int) else 1)

    def poll(self) -> int | None:
        self.sample_memory()
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return None
        code = os.waitstatus_to_exitcode(status)
        if self.mode == "subprocess":
            self._proc.returncode = code  # reaped here: Popen must not wait for it again
        return code

    def kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        if self.mode == "subprocess":
            self._proc.returncode = -9


def _status_kb(pid: int, field: str) -> int:
    """A memory figure of /proc/<pid>/status in kB; 0 when the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def mode_for(index: int, case: Case, first_of_category: bool = False) -> str:
    """Every `SUBPROCESS_EVERY`-th case, the first of each category and every case of the
    hostile and memory categories go through the real command in a fresh interpreter."""
    if case.category in ALWAYS_SUBPROCESS or index % SUBPROCESS_EVERY == 0 \
            or first_of_category:
        return "subprocess"
    return "fork"


def run_corpus(items: list[tuple[Case, Path]], work: Path, *, workers: int = 2,
               timeout: float = TIMEOUT) -> list[Outcome]:
    """Run every case, `workers` at a time; a slot is busy until its case is judged
    (judging reads both workbooks, so it runs in a forked child of its own too)."""
    warm_imports()
    pending = list(enumerate(items))
    firsts = {}
    for i, (case, _path) in pending:
        firsts.setdefault(case.category, i)
    running: list[Job] = []
    judging: dict[int, tuple[Job, float]] = {}  # judge pid -> (job, started)
    done: list[Outcome] = []
    while pending or running or judging:
        while pending and len(running) + len(judging) < workers:
            i, (case, path) = pending.pop(0)
            running.append(Job(case, path, work / f"{i:03d}",
                               mode_for(i, case, firsts[case.category] == i)))
        time.sleep(0.005)
        for job in list(running):
            code = job.poll()
            late = time.monotonic() - job.started > timeout
            if code is None and not late:
                continue
            if code is None:
                job.kill()
            running.remove(job)
            seconds = time.monotonic() - job.started
            judging[_fork_judge(job, code, seconds)] = (job, time.monotonic())
        for pid, (job, started) in list(judging.items()):
            finished, _status = os.waitpid(pid, os.WNOHANG)
            if not finished and time.monotonic() - started < timeout:
                continue
            if not finished:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            del judging[pid]
            done.append(_read_outcome(job))
    return done


def _fork_judge(job: Job, code: int | None, seconds: float) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    status = 0
    try:
        outcome = judge(job, code, seconds)
        (job.work / "outcome.json").write_text(json.dumps(asdict(outcome)))
    except BaseException:  # noqa: BLE001 - the parent reports it as a failed case
        (job.work / "judge-error.txt").write_text(traceback.format_exc())
        status = 1
    os._exit(status)


def _read_outcome(job: Job) -> Outcome:
    path = job.work / "outcome.json"
    if path.exists():
        return Outcome(**json.loads(path.read_text()))
    error = job.work / "judge-error.txt"
    reason = error.read_text()[-300:] if error.exists() else "penilai tidak selesai"
    return Outcome(job.case.id, job.case.category, job.mode, kind="gagal",
                   problems=[f"penilaian gagal: {reason}"])


# ---------------------------------------------------------------- judging
def judge(job: Job, code: int | None, seconds: float) -> Outcome:
    case = job.case
    out = Outcome(case.id, case.category, job.mode, code, round(seconds, 2),
                  peak_mb=round(job.peak_mb, 1))
    stdout = (job.work / "stdout").read_text(encoding="utf-8", errors="replace")
    stderr = (job.work / "stderr").read_text(encoding="utf-8", errors="replace")
    out.stderr_tail = stderr.strip()[-400:]
    if code is None:
        out.timed_out = True
        out.kind = "gagal"
        out.problems.append(f"tidak selesai dalam {TIMEOUT:.0f} s (hang)")
        return out
    out.traceback = "Traceback" in stderr or "Traceback" in stdout
    if out.traceback:
        out.problems.append("traceback: " + stderr.strip().splitlines()[-1][:300])
    if _digest(job.path) != job.before:
        out.problems.append("berkas masukan berubah")
    if SECRET_MARKER in stdout or SECRET_MARKER in stderr:
        out.problems.append("isi berkas rahasia (XXE) tercetak")
    if code in (0, 1) and not out.traceback:
        out.kind = "laporan"
        _judge_report(job, stdout, stderr, out)
    elif code == 2:
        out.kind = "galat"
        _judge_error(job, stderr, out)
    else:
        out.kind = "gagal"
        out.problems.append(f"kode keluar {code}")
    if case.expect == "refused" and code != 2:
        out.problems.append("kasus yang harus ditolak tidak ditolak (harus kode 2)")
    if out.peak_mb > MEMORY_LIMIT_MB:
        out.problems.append(f"memori puncak {out.peak_mb:.0f} MB (batas {MEMORY_LIMIT_MB} MB)")
    leftovers = [p.name for p in job.work.glob(".*.tmp")]
    if leftovers:
        out.problems.append(f"berkas sementara tertinggal: {leftovers[0]}")
    if job.link is not None and not job.link.is_symlink():
        out.problems.append("--in-place mengganti tautan simbolik dengan berkas")
    if out.problems:
        out.kind = "gagal"
    return out


def _judge_error(job: Job, stderr: str, out: Outcome) -> None:
    text = stderr.strip()
    if not text:
        out.problems.append("kode 2 tanpa pesan")
    elif not INDONESIAN.search(text):
        out.problems.append(f"pesan bukan bahasa Indonesia: {text[:200]}")
    elif ENGLISH.search(text):
        out.problems.append(f"pesan memuat teks pustaka berbahasa Inggris: {text[:200]}")
    if _written(job.output):
        out.problems.append("kode 2 tetapi berkas keluaran tertulis")


def _judge_report(job: Job, stdout: str, stderr: str, out: Outcome) -> None:
    try:
        findings = json.loads(stdout)
        assert isinstance(findings, list)
        assert all(isinstance(f, dict) and FINDING_KEYS <= set(f) for f in findings)
        out.findings = len(findings)
    except (ValueError, AssertionError):
        out.problems.append(f"keluaran --json bukan daftar temuan: {stdout[:200]!r}")
    for line in stderr.splitlines():
        if line.strip().startswith(("[GALAT]", "[CATATAN]")) and "sheet" not in line.lower():
            out.problems.append(f"masalah baca tanpa nama sheet: {line.strip()[:200]}")
        if line.strip().startswith(("[GALAT]", "[CATATAN]")) and ENGLISH.search(line):
            out.problems.append(f"masalah baca memuat teks berbahasa Inggris: {line[:200]}")
    if not _written(job.output):
        out.problems.append("salinan bertanda tidak tertulis")
        return
    problems = check_written(job.path, job.output, out)
    out.problems.extend(problems)


def check_written(source: Path, written: Path, out: Outcome | None = None) -> list[str]:
    """The written copy opens, holds a Temuan sheet, leaks no secret, injects no formula,
    and every cell of the input (outside Temuan and the status columns) is still there."""
    problems = []
    try:
        with zipfile.ZipFile(written) as zf:
            bad = zf.testzip()
            if bad:
                return [f"salinan rusak pada bagian {bad}"]
            for info in zf.infolist():
                data = zf.read(info)
                if SECRET_MARKER.encode() in data:
                    problems.append(f"isi berkas rahasia (XXE) tertulis di {info.filename}")
            problems += _formula_injection(zf)
    except zipfile.BadZipFile as exc:
        return [f"salinan bukan zip: {exc}"]
    lost, checked, more = lost_cells(source, written)
    problems += more
    if out is not None:
        out.lost_cells, out.checked_cells = lost, checked
    if lost:
        problems.append(f"{lost} sel masukan hilang/berubah")
    return problems


def _formula_injection(zf: zipfile.ZipFile) -> list[str]:
    """No formula in the written Temuan sheet carries a user's text."""
    from corpus import _sheet_parts

    try:
        parts = _sheet_parts({n: zf.read(n) for n in ("xl/workbook.xml",
                                                       "xl/_rels/workbook.xml.rels")})
    except (KeyError, Exception):  # noqa: BLE001 - a damaged input keeps its damage
        return []
    part = parts.get(TEMUAN)
    if part is None or part not in zf.namelist():
        return []
    xml = zf.read(part).decode("utf-8", "replace")
    formulas = re.findall(r"<f[^>]*>(.*?)</f>", xml, re.DOTALL)
    bad = [f for f in formulas if any(m in f for m in INJECTED)]
    return [f"rumus dari teks pengguna di sheet Temuan: {bad[0][:120]}"] if bad else []


def status_column(rows: list[list]) -> tuple[int, int] | None:
    """(header row, column), both 1-based, of the one 'Status Periksa' header among a
    sheet's first rows; None when there is none or more than one. Only the cells below
    it are the product's to write: the template's position may hold the user's data."""
    hits = [(r, c) for r, line in enumerate(rows[:STATUS_SCAN_ROWS], start=1)
            for c, value in enumerate(line, start=1)
            if isinstance(value, str) and " ".join(value.split()).casefold() == STATUS_KEY]
    return hits[0] if len(hits) == 1 else None


def lost_cells(source: Path, written: Path) -> tuple[int, int, list[str]]:
    """(cells changed or lost, cells compared, problems) between input and written copy."""
    from python_calamine import CalamineWorkbook

    try:
        before = CalamineWorkbook.from_path(str(source))
    except Exception:  # noqa: BLE001 - an input calamine cannot read has no cells to lose
        return 0, 0, []
    try:
        after = CalamineWorkbook.from_path(str(written))
    except Exception as exc:  # noqa: BLE001
        return 0, 0, [f"salinan tidak terbaca oleh calamine: {exc}"]
    lost = checked = 0
    problems = []
    for name in before.sheet_names:
        if name == TEMUAN:
            continue
        try:
            old = before.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:  # noqa: BLE001, S112 - a sheet calamine cannot read has no cells
            continue
        try:
            new = after.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:  # noqa: BLE001
            problems.append(f"sheet '{name}' hilang dari salinan")
            continue
        status = status_column(old)
        for r, line in enumerate(old):
            for c, value in enumerate(line):
                if value in ("", None) or (status and c + 1 == status[1] and r + 1 > status[0]):
                    continue
                checked += 1
                got = new[r][c] if r < len(new) and c < len(new[r]) else None
                if got != value:
                    lost += 1
    before.close()
    after.close()
    return lost, checked, problems


def _written(path: Path) -> bool:
    """Whether a file (or anything inside a folder) is at `path`; a name the system
    cannot even look up was never written."""
    try:
        return path.is_file() or (path.is_dir() and any(path.iterdir()))
    except OSError:
        return False


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def save(outcomes: list[Outcome], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=1))
