"""Wheels for a Windows PC: our own wheel plus every dependency, built or fetched here.

`pip download --platform win_amd64` resolves versions for Windows but evaluates
environment markers for *this* machine, so Windows-only requirements (pywin32 for
xlwings, colorama for tqdm) would be left out. The closure is therefore computed
here from each wheel's metadata with a Windows marker environment, and whatever is
missing is fetched in a second `pip download`.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

PLATFORM = "win_amd64"


class BundleError(RuntimeError):
    """The bundle cannot be made; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class Target:
    python: str  # "3.11"

    @property
    def nodot(self) -> str:
        return self.python.replace(".", "")

    @property
    def version(self) -> tuple[int, int]:
        major, minor = self.python.split(".")
        return int(major), int(minor)

    def environment(self) -> dict[str, str]:
        env = default_environment()
        env.update(os_name="nt", sys_platform="win32", platform_system="Windows",
                   platform_machine="AMD64", platform_release="10",
                   implementation_name="cpython", platform_python_implementation="CPython",
                   python_version=self.python, python_full_version=f"{self.python}.0")
        return env

    def tags(self) -> set:
        abi = f"cp{self.nodot}"
        found = set(cpython_tags(self.version, abis=[abi, "abi3", "none"], platforms=[PLATFORM]))
        found |= set(compatible_tags(self.version, interpreter=abi, platforms=[PLATFORM]))
        return found


SOURCES = ("pyproject.toml", "README.md", "xlplugin", "udfs")


def build_own_wheel(project: Path, out: Path) -> Path:
    """`pip wheel --no-deps` of a clean copy of the sources; returns the wheel written.

    Built from a copy so setuptools' scratch `build/lib` (which keeps deleted modules
    from earlier builds) neither lands in the wheel nor litters the project.
    """
    import shutil
    import tempfile

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("xlplugin-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="xlplugin-src-") as tmp:
        for name in SOURCES:
            src, dst = project / name, Path(tmp) / name
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(src, dst)
        _pip("wheel", "--no-deps", "-q", "-w", str(out), tmp)
    wheels = sorted(out.glob("xlplugin-*.whl"))
    if len(wheels) != 1:
        raise BundleError(f"Wheel xlplugin tidak terbentuk di {out}.")
    return wheels[0]


def windows_wheels(own: Path, target: Target, cache: Path) -> list[Path]:
    """Every wheel `own` needs on Windows for `target`, fetched into `cache` as needed."""
    cache.mkdir(parents=True, exist_ok=True)
    for _attempt in range(4):
        chosen, missing = closure(own, target, cache)
        if not missing:
            return chosen
        # without the marker: pip would judge it for this machine and skip it
        _download(target, cache, [f"{r.name}{r.specifier}" for r in missing])
    raise BundleError("Dependensi Windows tidak lengkap setelah diunduh: "
                      + ", ".join(str(r) for r in missing))


def closure(own: Path, target: Target, cache: Path) -> tuple[list[Path], list[Requirement]]:
    """(wheels chosen from `cache`, requirements no cached wheel satisfies)."""
    env, tags = target.environment(), target.tags()
    available = _index(cache, tags)
    chosen: dict[str, Path] = {canonicalize_name("xlplugin"): own}
    queue, missing = list(requirements(own, env)), []
    while queue:
        req = queue.pop()
        name = canonicalize_name(req.name)
        if name in chosen:
            continue
        candidates = [(v, p) for v, p in available.get(name, []) if req.specifier.contains(v, True)]
        if not candidates:
            missing.append(req)
            continue
        _version, path = max(candidates)
        chosen[name] = path
        queue += requirements(path, env)
    return sorted(chosen.values(), key=lambda p: p.name.lower()), missing


def requirements(wheel: Path, env: dict[str, str]) -> list[Requirement]:
    """The wheel's Requires-Dist that apply in `env` (extras not requested)."""
    out = []
    for text in metadata(wheel).get_all("Requires-Dist") or []:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate({**env, "extra": ""}):
            out.append(req)
    return out


def metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return HeaderParser().parsestr(zf.read(name).decode("utf-8"))


def _index(cache: Path, tags: set) -> dict[str, list]:
    out: dict[str, list] = {}
    for path in cache.glob("*.whl"):
        name, version, _build, wheel_tags = parse_wheel_filename(path.name)
        if wheel_tags & tags:
            out.setdefault(name, []).append((version, path))
    return out


def _download(target: Target, cache: Path, specs: list[str]) -> None:
    _pip("download", "--only-binary=:all:", "--platform", PLATFORM, "--python-version",
         target.python, "--implementation", "cp", "--abi", f"cp{target.nodot}", "-q",
         "-d", str(cache), *specs)


def fetch(own: Path, target: Target, cache: Path) -> list[Path]:
    """Resolve `own`'s dependency versions for Windows, then complete the closure."""
    _download(target, cache, [str(own)])
    return windows_wheels(own, target, cache)


def _pip(*args: str) -> None:
    run = subprocess.run([sys.executable, "-m", "pip", *args], check=False,
                         capture_output=True, text=True)
    if run.returncode != 0:
        lines = (run.stderr or run.stdout).strip().splitlines()
        tail = [ln for ln in lines if "error" in ln.lower()][-3:] or lines[-3:]
        raise BundleError(f"pip {args[0]} gagal: " + " | ".join(tail)
                          + " (apakah PyPI dapat dijangkau?)")
