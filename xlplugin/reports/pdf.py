"""PDF of the written Office files: which program makes it, and LibreOffice itself.

`make_pdfs` gives each file to the first available renderer that takes it and falls
back to the next when one fails: Microsoft Excel for the annex workbook and Microsoft
Word for the report (COM, `pdf_office`, on the Windows PCs of the dinas), then
LibreOffice (Linux, reviewers, a PC that has it). A file no renderer could convert is
reported, in Indonesian, with how to make its PDF by hand; the Office files are kept.
The renderers are passed in (`available_renderers`) so tests choose them.

`convert` runs LibreOffice headless, several files in one call. A throwaway user
profile keeps runs independent of any desktop LibreOffice and of each other; the
profile sets the Indonesian locale (numbers print 544.215.000 and 98,52%) and turns
on recalculation of xlsx files on load when asked (openpyxl writes formulas without
cached values).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

LOCALE = "id-ID"
# The profile's locale is what LibreOffice formats numbers and dates with: an xlsx
# number format such as #,##0 only says "thousands separator", so with LibreOffice's
# default en-US a Lampiran prints 544,215,000 and 98.52%. Indonesian: 544.215.000, 98,52%.
_XCU_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
"""
LOCALE_XCU = f"""<item oor:path="/org.openoffice.Setup/L10N">
 <prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{LOCALE}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General">
 <prop oor:name="DefaultLocale" oor:op="fuse"><value>{LOCALE}</value></prop></item>
"""
RECALC_XCU = """<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
"""


def profile_settings(recalc: bool = False) -> str:
    """registrymodifications.xcu of the throwaway profile: the Indonesian locale, and
    recalculation of formulas on load when asked."""
    return _XCU_HEAD + LOCALE_XCU + (RECALC_XCU if recalc else "") + "</oor:items>\n"


class ConversionError(RuntimeError):
    """LibreOffice is missing or failed; the message is for the user (Indonesian)."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], out_dir: Path, fmt: str = "pdf", *, recalc: bool = False,
            timeout: int = 300) -> list[Path]:
    """Convert `files` into `out_dir` in one LibreOffice run; return the outputs in order."""
    exe = soffice()
    if exe is None:
        raise ConversionError("LibreOffice (soffice) tidak ditemukan; PDF tidak dibuat. "
                              "Pasang LibreOffice atau ekspor PDF dari Excel.")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xlplugin-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(profile_settings(recalc),
                                                        encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(out_dir), *map(str, files)]
        try:
            run = subprocess.run(cmd, check=False, capture_output=True, text=True,
                                 timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError("LibreOffice tidak selesai dalam "
                                  f"{timeout} detik; PDF tidak dibuat.") from exc
    ext = fmt.split(":")[0]
    outputs = [out_dir / f"{Path(f).stem}.{ext}" for f in files]
    missing = [p.name for p in outputs if not p.exists()]
    if run.returncode != 0 or missing:
        raise ConversionError(f"LibreOffice gagal mengonversi {', '.join(missing) or 'berkas'}: "
                              f"{run.stderr.strip()[:300]}")
    if ext == "pdf":
        for path in outputs:
            path.write_bytes(stable_pdf(path.read_bytes()))
    return outputs


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\(D:)(\d{14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-Fa-f]+)")


def stable_pdf(data: bytes) -> bytes:
    """The same input gives the same PDF bytes: LibreOffice stamps the time of conversion
    and a random file ID (and a checksum over both). All are replaced in place with values of the same length (a
    fixed date, an ID from the content), so the cross-reference offsets stay valid."""
    data = _PDF_DATE.sub(lambda m: m[1] + b"20000101000000", data)
    body = _PDF_CHECKSUM.sub(b"", _PDF_ID.sub(b"", data))
    digest = hashlib.md5(body, usedforsecurity=False).hexdigest().upper().encode()

    def fixed(m: re.Match) -> bytes:
        whole = m[0]
        for group in m.groups():
            whole = whole.replace(group, digest[:len(group)])
        return whole
    return _PDF_CHECKSUM.sub(fixed, _PDF_ID.sub(fixed, data))


# ---------------------------------------------------------------- choosing the renderer

class Renderer(Protocol):
    name: str  # the program, as the user knows it

    def handles(self, path: Path) -> bool: ...

    def render(self, files: list[Path], out_dir: Path) -> list[Path]: ...


class LibreOfficeRenderer:
    """`convert` as a renderer: any Office file, all of them in one LibreOffice run."""

    name = "LibreOffice"

    def handles(self, path: Path) -> bool:
        return True

    def render(self, files: list[Path], out_dir: Path) -> list[Path]:
        return convert(files, out_dir)


# The program that opens each kind of file, and how to make its PDF there by hand.
PROGRAM = {".xlsx": "Microsoft Excel", ".docx": "Microsoft Word"}
BY_HAND = {
    "Microsoft Excel": "buka berkas itu di Microsoft Excel, pilih File > Save As (Simpan "
                       "Sebagai), pilih jenis PDF, klik Options (Opsi) > Entire workbook "
                       "(Seluruh buku kerja), lalu Save (Simpan)",
    "Microsoft Word": "buka berkas itu di Microsoft Word, pilih File > Save As (Simpan "
                      "Sebagai), pilih jenis PDF, lalu Save (Simpan)",
}


def available_renderers(com, soffice_exe: str | None) -> list[Renderer]:
    """Renderers in order of preference: Excel and Word when `com` (pywin32's entry
    points, see `pdf_office.detect_com`) finds them installed, then LibreOffice when
    `soffice_exe` is given."""
    from .pdf_office import office_renderers

    found: list[Renderer] = office_renderers(com)
    if soffice_exe:
        found.append(LibreOfficeRenderer())
    return found


def detected_renderers() -> list[Renderer]:
    """The renderers this computer has."""
    from .pdf_office import detect_com

    return available_renderers(detect_com(), soffice())


@dataclass(frozen=True)
class NotMade:
    """An Office file left without its PDF, and why (one reason per renderer tried)."""

    source: Path
    reasons: tuple[str, ...]

    def message(self) -> str:
        program = PROGRAM.get(self.source.suffix.lower(), "program Office")
        why = "; ".join(self.reasons) or f"{program} maupun LibreOffice tidak ditemukan di " \
                                         "komputer ini"
        how = BY_HAND.get(program, f"buka berkas itu di {program} lalu simpan sebagai PDF")
        return (f"PDF untuk {self.source.name} tidak dibuat: {why}. "
                f"Untuk membuatnya, {how}.")


@dataclass(frozen=True)
class PdfReport:
    """What `make_pdfs` did: the PDFs in the order of their sources, the programs that
    made them, and the files left without one."""

    pdfs: tuple[Path, ...]
    makers: tuple[str, ...]
    not_made: tuple[NotMade, ...]

    def message(self) -> str:
        """For the user: which program made the PDFs, then each one not made."""
        lines = []
        if self.makers:
            lines.append(f"PDF dibuat dengan {' dan '.join(self.makers)}.")
        lines += [n.message() for n in self.not_made]
        return "\n".join(lines)


def make_pdfs(files: list[Path], out_dir: Path,
              renderers: list[Renderer] | None = None) -> PdfReport:
    """A PDF of each file in `out_dir` from the first renderer that takes it and
    succeeds; never raises for a missing or failing program (see `PdfReport`)."""
    renderers = detected_renderers() if renderers is None else renderers
    made: dict[Path, tuple[Path, str]] = {}
    reasons: dict[Path, list[str]] = {f: [] for f in files}
    for renderer in renderers:
        group = [f for f in files if f not in made and renderer.handles(f)]
        if not group:
            continue
        try:
            outputs = renderer.render(group, out_dir)
        except ConversionError as exc:
            for f in group:
                reasons[f].append(str(exc).rstrip("."))
            continue
        made.update({f: (pdf, renderer.name) for f, pdf in zip(group, outputs)})
    makers = tuple(dict.fromkeys(made[f][1] for f in files if f in made))
    return PdfReport(tuple(made[f][0] for f in files if f in made), makers,
                     tuple(NotMade(f, tuple(reasons[f])) for f in files if f not in made))
