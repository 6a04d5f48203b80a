"""`xlplugin bundle`: one zip for finance staff, to send by email or on a USB stick.

Inside one folder: the empty template (.xlsm), `install.bat` and `uninstall.bat`, the
Indonesian PDF guide, a plain-text readme, and `wheels/` with our wheel plus every
Windows dependency for the chosen Python versions (and their exact pins per version).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .wheels import BundleError, Target

DEFAULT_PYTHONS = ("3.11",)
CACHE = Path("build") / "wheelhouse"
GUIDE = "Panduan_Pemasangan_dan_Penggunaan.pdf"
README_TXT = "BACA_SAYA.txt"

__all__ = ["BundleError", "BundleResult", "build_bundle"]


@dataclass
class BundleResult:
    path: Path
    folder: str
    template: str
    wheels: list[str] = field(default_factory=list)
    pythons: tuple[str, ...] = DEFAULT_PYTHONS


def project_root() -> Path:
    import xlplugin

    root = Path(xlplugin.__file__).resolve().parent.parent
    if not (root / "pyproject.toml").exists():
        raise BundleError("Perintah bundle harus dijalankan dari salinan sumber xlplugin "
                          "(folder dengan pyproject.toml), bukan dari paket terpasang.")
    return root


def build_bundle(out: Path | None = None, *, pythons=DEFAULT_PYTHONS, cache: Path = CACHE,
                 progress=None) -> BundleResult:
    from xlplugin import __version__

    from ..rulepack import load_pack
    from ..template.build import default_zip
    from .wheels import build_own_wheel, fetch

    pack, root = load_pack(), project_root()
    out = Path(out) if out else default_zip(pack)
    step = progress.step if progress else (lambda _label: nullcontext())
    folder = f"DAK_Nonfisik_IKM_{pack.tahun}"
    with tempfile.TemporaryDirectory(prefix="xlplugin-bundle-") as tmp:
        stage = Path(tmp) / folder
        wheels_dir = stage / "wheels"
        with step("Membuat wheel xlplugin"):
            own = build_own_wheel(root, wheels_dir)
        names = {own.name}
        for py in pythons:
            with step(f"Mengumpulkan wheel Windows untuk Python {py}"):
                names |= _collect(fetch(own, Target(py), cache / f"win_amd64-cp{py}"), py,
                                  wheels_dir)
        with step("Membangun templat kosong"):
            template = _template(stage, pack)
        with step("Menulis install.bat, uninstall.bat dan panduan PDF"):
            _installer(stage, __version__, own.name, sorted(names), list(pythons), template)
            _guide(root, stage, pack)
        with step("Mengemas zip"):
            _zip(stage, out)
    return BundleResult(out, folder, template, sorted(names), tuple(pythons))


def _collect(wheels: list[Path], py: str, wheels_dir: Path) -> set[str]:
    from .installer import requirements_text

    for w in wheels:
        if not (wheels_dir / w.name).exists():
            shutil.copy2(w, wheels_dir / w.name)
    (wheels_dir / f"requirements-py{py}.txt").write_text(requirements_text(wheels),
                                                        encoding="ascii")
    return {w.name for w in wheels}


def _template(stage: Path, pack) -> str:
    from ..template.build import build_template
    from ..template.sheets.config import INTERPRETER_OVERRIDE

    if os.environ.get(INTERPRETER_OVERRIDE):
        # the shipped template must name the environment install.bat creates
        raise BundleError(f"Variabel lingkungan {INTERPRETER_OVERRIDE} sedang diisi; templat "
                          "paket harus menunjuk Python yang dipasang install.bat. Hapus "
                          "variabel itu, lalu ulangi.")

    path = build_template(None, stage / f"{pack.template_name}.xlsm")
    return Path(path).name


def _installer(stage: Path, version: str, own: str, wheels: list[str], pythons: list[str],
               template: str) -> None:
    from ..template.sheets.config import ENV_DIR_WIN, HOME_WIN
    from . import installer

    installer.write(stage / "install.bat",
                    installer.render(version, own, wheels, pythons, template))
    installer.write(stage / "uninstall.bat", installer.render_uninstall(version))
    text = README_TEXT.format(version=version, template=template, guide=GUIDE,
                              pythons=" atau ".join(pythons), home=HOME_WIN, env=ENV_DIR_WIN)
    (stage / README_TXT).write_bytes(text.replace("\n", "\r\n").encode("utf-8"))


def _guide(root: Path, stage: Path, pack) -> None:
    from ..reports.pdf import convert
    from .guide import guide_markdown, write_guide_docx

    with tempfile.TemporaryDirectory(prefix="xlplugin-panduan-") as tmp:
        docx = write_guide_docx(guide_markdown(root / "README.md"), root,
                                Path(tmp) / f"{Path(GUIDE).stem}.docx",
                                f"Panduan Buku Kerja RAB/KAK DAK Nonfisik Sentra IKM {pack.tahun}")
        (pdf,) = convert([docx], Path(tmp))
        shutil.copy2(pdf, stage / GUIDE)


def _zip(stage: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".sebagian")
    with zipfile.ZipFile(partial, "w") as zf:
        for path in sorted(stage.rglob("*")):
            if path.is_file():
                method = zipfile.ZIP_STORED if path.suffix in (".whl", ".xlsm", ".pdf") \
                    else zipfile.ZIP_DEFLATED
                zf.write(path, path.relative_to(stage.parent).as_posix(), compress_type=method)
    partial.replace(out)


README_TEXT = """Buku kerja RAB/KAK DAK Nonfisik Sentra IKM - paket xlplugin {version}

Isi folder ini:
- {template}: templat buku kerja (Excel, bermakro).
- install.bat: pemasang paket Python untuk pengguna ini (tanpa internet, tanpa hak
  administrator).
- uninstall.bat: menghapus apa yang dipasang oleh install.bat.
- {guide}: panduan singkat.
- wheels: paket Python yang dipasang oleh install.bat (jangan diubah).

Langkah singkat:
1. Ekstrak seluruh isi zip ke satu folder (klik kanan > Extract All).
2. Pastikan Python {pythons} (64-bit) dari python.org terpasang; bila belum, install.bat
   menjelaskan caranya.
3. Tutup Excel, klik dua kali install.bat dan tunggu sampai tertulis SELESAI.
4. Buka {template}, klik "Aktifkan Konten" (Enable Content).

Yang dilakukan install.bat: membuat lingkungan Python khusus xlplugin di
{env}
(folder milik akun Windows Anda; Python lain di komputer tidak diubah), memasang paket
dari folder wheels ke dalamnya, lalu memeriksa bahwa buku kerja akan menemukannya.
Jalankan sebagai pengguna yang memakai Excel (tidak perlu "Run as administrator").
Menjalankan install.bat lagi aman; install.bat dari paket versi baru menggantikan paket
lama. uninstall.bat menghapus folder {home} setelah meminta persetujuan; buku kerja dan
laporan tidak disentuh.
"""
