"""Pictures pasted onto a worksheet's rows, read from an .xlsx/.xlsm package.

A picture a user pastes (Insert > Pictures, or Ctrl+V) lives in the sheet's drawing
part: the sheet's relationships name the drawing, each anchor in it (`twoCellAnchor`,
`oneCellAnchor`, `absoluteAnchor`) holding an `xdr:pic` places one picture, and the
picture's `a:blip r:embed` names the image part through the drawing's relationships.
The Dokumentasi sheet uses this to attach a photo to the row it sits on.

Every part is read through `Package.read` (zip-bomb limits) and parsed with
`parse_xml` (DTDs refused: no XXE). Excel 365's "Place in Cell" pictures are not
drawings but rich values (`xl/richData/`) behind an error-typed cell; they are out of
scope here and read as no picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .package import NS_PKG_REL, NS_REL, Package, parse_xml, rels_part, resolve_target

NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DRAWING_REL = "/relationships/drawing"
ANCHORS = ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")
EMU_PER_POINT = 12700
DEFAULT_ROW_POINTS = 15.0  # Excel's row height when the sheet does not say


@dataclass(frozen=True)
class Picture:
    row: int  # 1-based worksheet row of the picture's top-left corner
    column: int  # 1-based; 1 for an absolute anchor
    data: bytes


def sheet_pictures(package: Package, sheet: str) -> list[Picture]:
    """The pictures drawn on `sheet`, top to bottom and left to right (as a row's photos
    are shown); none when it has none."""
    part = package.sheets.get(sheet)
    drawing = _drawing_part(package, part) if part else None
    if drawing is None:
        return []
    root = parse_xml(package.read(drawing), drawing, package.path.name)
    media = _targets(package, drawing)
    heights = None  # the sheet's row heights, read only for an absolute anchor
    out = []
    for anchor in root:
        kind = _local(anchor.tag)
        if kind not in ANCHORS:
            continue
        target = _image(anchor, media)
        if target is None or not package.has(target):
            continue
        if kind == "absoluteAnchor":
            heights = heights or _row_heights(package.read(part))
            row, col = _row_at(_absolute_y(anchor), heights), 1
        else:
            row, col = _from_cell(anchor)
        out.append(Picture(row, col, package.read(target)))
    return sorted(out, key=lambda p: (p.row, p.column))  # stable: same cell, drawing order


def _drawing_part(package: Package, part: str) -> str | None:
    for rel_type, target in _relations(package, part):
        if rel_type.endswith(DRAWING_REL):
            return target
    return None


def _targets(package: Package, part: str) -> dict[str, str]:
    """Relationship id -> zip path, for the parts `part` points at."""
    return {rid: target for rid, target in _relations(package, part, ids=True)}


def _relations(package: Package, part: str, ids: bool = False) -> list[tuple[str, str]]:
    rels = rels_part(part)
    if not package.has(rels):
        return []
    root = parse_xml(package.read(rels), rels, package.path.name)
    out = []
    for rel in root.iter(f"{{{NS_PKG_REL}}}Relationship"):
        if rel.get("TargetMode") == "External" or not rel.get("Target"):
            continue  # a linked picture points outside the file: nothing to read
        key = rel.get("Id") if ids else rel.get("Type") or ""
        out.append((key, resolve_target(part, rel.get("Target"))))
    return out


def _image(anchor, media: dict[str, str]) -> str | None:
    """The image part of the anchor's picture (a shape or chart anchor has none)."""
    pic = next(anchor.iter(f"{{{NS_XDR}}}pic"), None)
    blip = next(pic.iter(f"{{{NS_A}}}blip"), None) if pic is not None else None
    if blip is None:
        return None
    return media.get(blip.get(f"{{{NS_REL}}}embed"))


def _from_cell(anchor) -> tuple[int, int]:
    """The top-left cell of a cell anchor; `xdr:row`/`xdr:col` count from 0."""
    start = anchor.find(f"{{{NS_XDR}}}from")
    row = start.findtext(f"{{{NS_XDR}}}row") if start is not None else None
    col = start.findtext(f"{{{NS_XDR}}}col") if start is not None else None
    return _int(row) + 1, _int(col) + 1


def _absolute_y(anchor) -> int:
    pos = anchor.find(f"{{{NS_XDR}}}pos")
    return _int(pos.get("y")) if pos is not None else 0


def _int(text) -> int:
    try:
        return max(int(text), 0)
    except (TypeError, ValueError):
        return 0


_ROW_HT = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"[^>]*?\bht="([\d.]+)"')
_ROW_HT_FIRST = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bht="([\d.]+)"[^>]*?\br="(\d+)"')
_DEFAULT_HT = re.compile(rb'<(?:\w+:)?sheetFormatPr\b[^>]*?\bdefaultRowHeight="([\d.]+)"')


def _row_heights(xml: bytes) -> tuple[dict[int, float], float]:
    """(row -> height in points where the sheet sets one, the default height): an
    absolute anchor gives a position in EMU, which only the row heights turn into a row."""
    heights = {int(r): float(h) for r, h in _ROW_HT.findall(xml)}
    heights.update({int(r): float(h) for h, r in _ROW_HT_FIRST.findall(xml)})
    found = _DEFAULT_HT.search(xml)
    return heights, float(found.group(1)) if found else DEFAULT_ROW_POINTS


def _row_at(y_emu: int, heights: tuple[dict[int, float], float]) -> int:
    set_heights, default = heights
    top, row = 0.0, 1
    y = y_emu / EMU_PER_POINT
    while row < 1_048_576:
        bottom = top + set_heights.get(row, default)
        if y < bottom:
            return row
        top, row = bottom, row + 1
        if row > max(set_heights, default=0) and default > 0:
            return row + int((y - top) // default)  # past the last set row: all default
    return row


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
