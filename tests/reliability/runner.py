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

from corpus import SECRET_MARKER, TABLES, TEMUAN, Case

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0
SUBPROCESS_EVERY = 5
ALWAYS_SUBPROCESS = {"bom zip", "XXE", "terenkripsi"}
FINDING_KEYS = {"rule", "severity", "sheet", "row", "cell", "message", "clause"}
INDONESIAN = re.compile(r"\b(berkas|tidak|sheet|sel|bagian|ditolak|rusak|dibaca)\b", re.IGNORECASE)
INJECTED = ("contoh.invalid", "cmd|", "WEBSERVICE", "DDE(", "1+1")


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


class Job:
    def __init__(self, case: Case, path: Path, work: Path, mode: str):
        self.case, self.path, self.work, self.mode = case, path, work, mode
        work.mkdir(parents=True, exist_ok=True)
        self.output = work / f"keluaran{path.suffix}"
        self.argv = ["validate", str(path), "--json", "-o", str(self.output)]
        self.before = _digest(path)
        self.started = time.monotonic()
        self.pid = self._fork() if mode == "fork" else self._spawn()

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
        if self.mode == "subprocess":
            return self._proc.poll()
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return None
        return os.waitstatus_to_exitcode(status)

    def kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if self.mode == "subprocess":
            self._proc.wait()
        else:
            os.waitpid(self.pid, 0)


def mode_for(index: int, case: Case) -> str:
    if case.category in ALWAYS_SUBPROCESS or index % SUBPROCESS_EVERY == 0:
        return "subprocess"
    return "fork"


def run_corpus(items: list[tuple[Case, Path]], work: Path, *, workers: int = 2,
               timeout: float = TIMEOUT) -> list[Outcome]:
    """Run every case, `workers` at a time; a slot is busy until its case is judged
    (judging reads both workbooks, so it runs in a forked child of its own too)."""
    warm_imports()
    pending = list(enumerate(items))
    running: list[Job] = []
    judging: dict[int, tuple[Job, float]] = {}  # judge pid -> (job, started)
    done: list[Outcome] = []
    while pending or running or judging:
        while pending and len(running) + len(judging) < workers:
            i, (case, path) = pending.pop(0)
            running.append(Job(case, path, work / f"{i:03d}", mode_for(i, case)))
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
    out = Outcome(case.id, case.category, job.mode, code, round(seconds, 2))
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
        out.problems.append("berkas berbahaya tidak ditolak (harus kode 2)")
    if out.problems:
        out.kind = "gagal"
    return out


def _judge_error(job: Job, stderr: str, out: Outcome) -> None:
    text = stderr.strip()
    if not text:
        out.problems.append("kode 2 tanpa pesan")
    elif not INDONESIAN.search(text):
        out.problems.append(f"pesan bukan bahasa Indonesia: {text[:200]}")
    if job.output.exists():
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
    if not job.output.exists():
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


def _status_columns() -> dict[str, int]:
    return {t.sheet.casefold(): len(t.columns) + 1 for t in TABLES.values() if t.status}


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
    status = _status_columns()
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
        skip = status.get(name.strip().casefold())
        for r, line in enumerate(old):
            for c, value in enumerate(line):
                if value in ("", None) or c + 1 == skip:
                    continue
                checked += 1
                got = new[r][c] if r < len(new) and c < len(new[r]) else None
                if got != value:
                    lost += 1
    before.close()
    after.close()
    return lost, checked, problems


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def save(outcomes: list[Outcome], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=1))
