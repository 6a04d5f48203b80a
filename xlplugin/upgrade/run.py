"""One upgrade, start to end: what the CLI command and the ribbon button both call.

The old file is only read. The new file is written atomically next to nothing that
exists (an existing output is replaced only when the caller asks for a backup), then
validated as `xlplugin validate` validates it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..io.version import CURRENT, NEWER, WorkbookVersion, read_version
from .leftovers import Leftover
from .place import Placed


class UpgradeRefused(Exception):
    """The upgrade is not done; the message says why, for the user (Indonesian)."""


class AlreadyCurrent(UpgradeRefused):
    pass


@dataclass
class Upgraded:
    source: Path
    target: Path
    version: WorkbookVersion  # what the old workbook was
    placed: Placed
    leftovers: list[Leftover]
    findings: list = field(default_factory=list)  # of the new workbook
    problems: list = field(default_factory=list)
    backup: Path | None = None


def default_target(source: Path) -> Path:
    """<name>_v<installed template version>.xlsm beside the old file."""
    from ..layout.history import current

    return source.with_name(f"{source.stem}_v{current()[0]}.xlsm")


def check_version(source: Path) -> WorkbookVersion:
    """The old workbook's version; refuses one at or past the installed template."""
    from ..layout.history import current

    found = read_version(source)
    template = current()[0]
    if found.age == CURRENT or (found.layout is not None and found.layout == current()[1]):
        raise AlreadyCurrent(f"Buku kerja sudah memakai templat versi terbaru ({template}); "
                             "tidak ada yang diubah.")
    if found.age == NEWER:
        raise UpgradeRefused(
            f"Buku kerja dibuat dengan templat versi {found.template}, lebih baru daripada "
            f"xlplugin yang terpasang ({template}). Perbarui paket xlplugin dengan install.bat "
            "dari zip rilis terbaru, lalu coba lagi.")
    if not found.is_known:
        raise UpgradeRefused(f"Versi templat buku kerja {source.name} tidak dikenali; buku "
                             "kerja ini tidak dapat diperbarui otomatis.")
    return found


def upgrade_file(source: Path | str, target: Path | str | None = None, *,
                 backup: bool = False) -> Upgraded:
    """Carry `source` into a new workbook at `target` (default beside it) and validate it."""
    from ..adapters.file import FileAdapter
    from ..layout import load_layout
    from ..layout.history import layout_for
    from ..ooxml.safe_write import write_atomic
    from ..rulepack import load_pack
    from ..validation import read_problems, validate_workbook
    from .carry import carry
    from .leftovers import add_report_sheet
    from .place import finish, new_workbook
    from .source import read_raw
    from .steps import chain

    source = Path(source)
    target = Path(target) if target is not None else default_target(source)
    if target.resolve() == source.resolve():
        raise UpgradeRefused("Berkas baru tidak boleh sama dengan berkas lama; berkas lama "
                             "tidak pernah ditimpa. Pilih nama lain dengan -o.")
    version = check_version(source)
    if target.exists() and not backup:
        raise UpgradeRefused(f"Berkas {target} sudah ada dan tidak ditimpa. Pilih nama lain "
                             "dengan -o, atau tambahkan --overwrite untuk menggantinya "
                             "(cadangannya disimpan lebih dulu).")
    old, layout, pack = layout_for(version.layout), load_layout(), load_pack()
    with FileAdapter(source) as adapter:
        raw = read_raw(adapter, old)
        # read as `xlplugin validate` reads it today: through the current layout
        approvals = slot_approvals(validate_workbook(adapter), pack)
    leftovers = carry(raw, chain(version.layout, layout.version), slot_approvals=approvals)
    wb, placed = new_workbook(raw, layout, pack)
    leftovers += placed.leftovers
    add_report_sheet(wb, leftovers, source.name, version.line())
    data = finish(wb, layout, pack)
    saved = write_atomic(target, lambda fh: fh.write(data), backup=backup)
    with FileAdapter(target) as adapter:
        findings, problems = validate_workbook(adapter), read_problems(adapter)
    return Upgraded(source, target, version, placed, leftovers, findings, problems, saved)


def slot_approvals(findings, pack) -> list[tuple[str, str, str]]:
    """(kode kegiatan key, rule ID, the limit as the Persetujuan dropdown spells it) of
    every approval the old workbook's single KAK slot resolves today. An old workbook
    has no approvals table, so each DISETUJUI finding was resolved by that slot."""
    from ..domain.kode import code_key

    out = []
    for f in findings:
        if f.resolution == "DISETUJUI" and f.kegiatan:
            pair = (code_key(f.kegiatan), f.rule, pack.aturan_label(f.rule))
            if pair not in out:
                out.append(pair)
    return out


def carried_lines(result: Upgraded) -> list[str]:
    """What was carried, one line per sheet, and what was not (Indonesian)."""
    lines = [f"Dari {result.source.name} ({result.version.line()}) ke {result.target.name}:"]
    for sheet, cells in result.placed.cells.items():
        rows = result.placed.rows.get(sheet)
        lines.append(f"  {sheet}: {cells} isian" + (f" dalam {rows} baris" if rows else ""))
    if result.leftovers:
        lines.append(f"Tidak dapat dipindahkan ({len(result.leftovers)}; tercatat di sheet "
                     "'Catatan Pembaruan'):")
        lines += [f"  {item.line()}" for item in result.leftovers]
    else:
        lines.append("Semua isian dipindahkan; tidak ada yang tertinggal.")
    return lines


def free_target(source: Path) -> Path:
    """The default new name, or '<name> (2)', '(3)', ... when that file already exists
    (the button never replaces a file)."""
    target = default_target(source)
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{default_target(source).stem} ({n}).xlsm")
    return target
