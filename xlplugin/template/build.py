"""Build the RAB/KAK workbook from the layout, the rule pack and `workbook_templates/`.

`build_template()` writes the empty template, or with `doc` the same workbook with the
records in its input tables (how the product makes a filled workbook: demo, tests,
benchmarks). Steps: lay out the sheets with openpyxl, compute every formula's cached
value, pack the zip reproducibly, then let the macro layer add VBA and the ribbon.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.writer.excel import ExcelWriter

from .. import __version__
from ..domain.records import TABLE_ATTR, Dokumen
from ..formula import compute_cached
from ..layout import load_layout
from ..layout.model import Layout
from ..layout.udf import PYTHON_READY_NAME
from ..ooxml.cached import FIXED_TIME, insert_cached_values
from ..rulepack import load_pack
from .conditional import add_conditional_formats, add_rekap_format
from .sheets.daftar import build_daftar_sheet
from .sheets.petunjuk import build_petunjuk_sheet
from .sheets.profil import build_profil_sheet
from .sheets.rekap import build_rekap_sheet
from .sheets.tables import build_table_sheet

BUILD_DIR = Path("build")
LAMPIRAN = ("Lampiran1", "Lampiran2", "Lampiran3", "Lampiran4", "Lampiran5")


def default_output(pack) -> Path:
    return BUILD_DIR / f"{pack.template_name}.xlsm"


def default_zip(pack) -> Path:
    """Where `xlplugin bundle` writes its zip; the template's install hint names it."""
    return BUILD_DIR / f"DAK_Nonfisik_IKM_{pack.tahun}_xlplugin-{__version__}.zip"


def build_template(doc: Dokumen | None = None, out: Path | None = None, *, pack=None,
                   layout: Layout | None = None) -> Path:
    """Write the workbook (empty template, or filled with `doc`) and return its path."""
    pack = pack or load_pack()
    layout = layout or load_layout()
    out = Path(out) if out is not None else default_output(pack)
    _write_atomic(out, build_bytes(doc, pack=pack, layout=layout))
    return out


def build_bytes(doc: Dokumen | None = None, *, pack=None, layout: Layout | None = None) -> bytes:
    pack = pack or load_pack()
    layout = layout or load_layout()
    return workbook_bytes(build_workbook(doc, pack, layout), pack, layout)


def workbook_bytes(wb: Workbook, pack, layout: Layout) -> bytes:
    """The .xlsm bytes of a built workbook: cached formula values, then the macro layer.
    `xlplugin upgrade` writes carried values into `build_workbook`'s result first."""
    data = insert_cached_values(save_bytes(wb), compute_cached(wb))
    return _finalize(data, pack, layout)


def build_workbook(doc: Dokumen | None, pack, layout: Layout) -> Workbook:
    """The openpyxl workbook with every sheet laid out (and records written when `doc`)."""
    wb = Workbook()
    wb.remove(wb.active)
    keys = _sheet_keys(layout)
    for name in layout.sheet_order():
        wb.create_sheet(name)
    for name in layout.sheet_order():
        _build_sheet(wb, wb[name], keys[name], doc, pack, layout)
    # The VBA sets this TRUE once Python answers; until then UDF cells stay blank.
    wb.defined_names[PYTHON_READY_NAME] = DefinedName(PYTHON_READY_NAME, attr_text="FALSE")
    add_conditional_formats(wb, layout, pack)
    add_rekap_format(wb, layout, pack)
    _properties(wb, pack, layout)
    return wb


def save_bytes(wb: Workbook) -> bytes:
    """openpyxl's writer without `save_workbook`, which stamps the current time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return buffer.getvalue()


def _sheet_keys(layout: Layout) -> dict[str, str]:
    keys = {}
    for group in (layout.outputs, layout.forms, layout.tables):
        for key, item in group.items():
            keys[item.sheet] = key
    return keys


def _build_sheet(wb, ws, key: str, doc: Dokumen | None, pack, layout: Layout) -> None:
    from .sheets.config import build_config_sheet
    from .sheets.lampiran import build_lampiran_sheet
    from .sheets.live import build_live_sheet
    from .sheets.temuan import build_temuan_sheet

    profil = doc.profil if doc is not None else None
    if key in layout.tables:
        records = getattr(doc, TABLE_ATTR[key]) if doc is not None else []
        build_table_sheet(ws, layout, layout.tables[key], records)
    elif key == "Profil":
        build_profil_sheet(ws, layout, profil)
    elif key == "Petunjuk":
        build_petunjuk_sheet(ws, wb, layout, pack)
    elif key == "Rekap":
        build_rekap_sheet(ws, layout, pack)
    elif key == "Temuan":
        build_temuan_sheet(ws, layout, pack)
    elif key in LAMPIRAN:
        build_lampiran_sheet(ws, key, layout, pack, profil)
    elif key == "Daftar":
        build_daftar_sheet(ws, wb, layout, pack)
    elif key == "Config":
        build_config_sheet(ws, pack)
    elif key == "StatusLangsung":
        build_live_sheet(ws, wb, layout, pack)
    output = layout.outputs.get(key)
    if output is not None and output.hidden:
        ws.sheet_state = "hidden"


def _properties(wb: Workbook, pack, layout: Layout) -> None:
    props = wb.properties
    props.creator = props.lastModifiedBy = "xlplugin"
    props.title = pack.judul
    props.subject = f"RAB/KAK DAK Nonfisik Sentra IKM TA {pack.tahun}"
    props.keywords = f"template {layout.version}"
    props.created = props.modified = FIXED_TIME
    _stamp_version(wb, pack, layout)
    wb.calculation.fullCalcOnLoad = True  # Excel recalculates once editing is enabled
    wb.active = 0


def _stamp_version(wb: Workbook, pack, layout: Layout) -> None:
    """What this workbook is, in two places editing cannot lose (xlplugin/io/version.py
    reads them): custom document properties and the hidden config sheet."""
    from openpyxl.packaging.custom import IntProperty, StringProperty

    from ..io.version import build_version
    from .sheets.config import write_version

    version = build_version(layout, pack)
    for name, value in version.items():
        prop = IntProperty if isinstance(value, int) else StringProperty
        wb.custom_doc_props.append(prop(name=name, value=value))
    if layout.has("Config"):
        write_version(wb[layout.sheet_of("Config")], version)


def _finalize(data: bytes, pack, layout: Layout) -> bytes:
    """VBA project and ribbon from the macro layer, when it is installed."""
    try:
        from .macros.package import finalize_xlsm
    except ImportError:
        return data
    return finalize_xlsm(data, pack, layout)


def _write_atomic(out: Path, data: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
