"""Edit `xl/styles.xml` in place: add fills, fonts and cell formats, reuse identical ones.

A highlighted cell gets a copy of its own cell format with only the fill changed, so
its number format, font, borders and protection stay. Identical formats are reused,
so validating again does not grow the file.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from ..domain.colours import DARK_BLUE, FONT_NAME, GREY_TEXT, LEVEL_COLOURS, LINK_BLUE, WHITE
from .package import NS_MAIN, parse_xml

N = f"{{{NS_MAIN}}}"

# The Temuan roles' fonts, as the template's openpyxl styles write them (temuan.py).
ROLE_FONTS = {
    "title": f'<font><b/><sz val="14"/><color rgb="FF{DARK_BLUE}"/><name val="{FONT_NAME}"/></font>',
    "subtitle": f'<font><i/><sz val="10"/><color rgb="FF{GREY_TEXT}"/><name val="{FONT_NAME}"/>'
                "</font>",
    "label": f'<font><b/><sz val="10"/><name val="{FONT_NAME}"/></font>',
    "header": f'<font><b/><sz val="10"/><color rgb="FF{WHITE}"/><name val="{FONT_NAME}"/></font>',
    "link": f'<font><u/><sz val="10"/><color rgb="FF{LINK_BLUE}"/><name val="{FONT_NAME}"/></font>',
}
WRAP = '<alignment wrapText="1" vertical="top"/>'
TOP = '<alignment vertical="top"/>'
HEADER_FILL = DARK_BLUE


# The children of <styleSheet> in the order the schema requires (Excel refuses others).
ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
         "dxfs", "tableStyles", "colors", "extLst")
# What Excel itself assumes when a list is empty or absent: index 0 of each exists,
# and fills 0 and 1 are the reserved "none" and "gray125".
DEFAULTS = {
    "fonts": ['<font><sz val="11"/><name val="Calibri"/></font>'],
    "fills": ['<fill><patternFill patternType="none"/></fill>',
              '<fill><patternFill patternType="gray125"/></fill>'],
    "borders": ["<border><left/><right/><top/><bottom/><diagonal/></border>"],
    "cellStyleXfs": ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'],
    "cellXfs": ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'],
}
EMPTY = f'<styleSheet xmlns="{NS_MAIN}"/>'.encode()


class Styles:
    def __init__(self, data: bytes | None, part: str = "xl/styles.xml", name: str = "berkas"):
        """`data` None: the workbook has no styles part (one is made, as Excel would)."""
        self.root = parse_xml(data, part, name) if data else parse_xml(EMPTY)
        if self.root.tag != N + "styleSheet":  # not SpreadsheetML: nothing Excel would use
            self.root = parse_xml(EMPTY)
        # An empty or missing list is filled with Excel's defaults: a cell without a
        # style is format 0, so a format added to an empty list must not become it.
        for tag in ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs"):
            node = self._list(tag)
            if len(node) == 0:
                for xml in DEFAULTS[tag]:
                    node.append(etree.fromstring(_qualify(xml)))
        self.fonts = self._list("fonts")
        self.fills = self._list("fills")
        self.xfs = self._list("cellXfs")
        self._keys: dict[str, int] = {}
        self._sizes = self._counts()
        # canonical form -> index, per list, built on first use: a check adds formats
        # for every highlighted cell, and comparing each against every existing one
        # (thousands in a used workbook) was the slowest part of writing findings
        self._canon: dict[str, dict[tuple, int]] = {}

    def _counts(self) -> tuple[int, int, int]:
        return len(self.fonts), len(self.fills), len(self.xfs)

    @property
    def changed(self) -> bool:
        return self._counts() != self._sizes

    def _list(self, tag: str):
        node = self.root.find(N + tag)
        if node is None:  # a minimal styles.xml may lack fonts/fills: create in schema order
            node = etree.Element(N + tag)
            later = {N + t for t in ORDER[ORDER.index(tag) + 1:]}
            following = next((child for child in self.root if child.tag in later), None)
            if following is None:
                self.root.append(node)
            else:
                following.addprevious(node)
        return node

    def to_bytes(self) -> bytes:
        for tag in ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs"):
            node = self.root.find(N + tag)
            if node is not None:
                node.set("count", str(len(node)))
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                              standalone=True)

    # ---------------------------------------------------------------- lookups
    def xf(self, index: int):
        return self.xfs[index] if 0 <= index < len(self.xfs) else self.xfs[0]

    def fill_rgb(self, index: int) -> str:
        """The solid fill colour (RRGGBB) of a cell format, '' when it has none."""
        fill_id = _index(self.xf(index).get("fillId"))
        if fill_id >= len(self.fills):
            return ""
        pattern = self.fills[fill_id].find(N + "patternFill")
        if pattern is None or pattern.get("patternType") != "solid":
            return ""
        fg = pattern.find(N + "fgColor")
        rgb = fg.get("rgb") if fg is not None else None
        return rgb[-6:].upper() if rgb else ""

    # ---------------------------------------------------------------- additions
    def _ensure(self, parent, xml: str) -> int:
        return self._add(parent, etree.fromstring(_qualify(xml)))

    def _add(self, parent, element) -> int:
        """The index of an equal element in `parent`, appending `element` when none is."""
        known = self._canon.get(parent.tag)
        if known is None:
            known = self._canon[parent.tag] = {}
            for i, existing in enumerate(parent):
                known.setdefault(_canon(existing), i)
        key = _canon(element)
        index = known.get(key)
        if index is None:
            parent.append(element)
            index = known[key] = len(parent) - 1
        return index

    def fill(self, rgb: str | None) -> int:
        if not rgb:
            return 0
        return self._ensure(self.fills, f'<fill><patternFill patternType="solid"><fgColor '
                                        f'rgb="FF{rgb}"/><bgColor indexed="64"/></patternFill>'
                                        "</fill>")

    def with_fill(self, base: int, rgb: str | None) -> int:
        """A cell format equal to `base` except its fill."""
        xf = deepcopy(self.xf(base))
        fill_id = self.fill(rgb)
        xf.set("fillId", str(fill_id))
        if fill_id:
            xf.set("applyFill", "1")
        else:
            xf.attrib.pop("applyFill", None)
        return self._add_xf(xf)

    def role(self, role: str) -> int:
        """The cell format of a Temuan role (title, header, link, level:<LEVEL>, ...)."""
        if role in self._keys:
            return self._keys[role]
        font = self._ensure(self.fonts, ROLE_FONTS[role]) if role in ROLE_FONTS else 0
        rgb = LEVEL_COLOURS[role[6:]] if role.startswith("level:") else (
            HEADER_FILL if role == "header" else None)
        fill = self.fill(rgb)
        attrs = f'numFmtId="0" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
        if font:
            attrs += ' applyFont="1"'
        if fill:
            attrs += ' applyFill="1"'
        align = {"wrap": WRAP, "subtitle": WRAP, "header": WRAP, "top": TOP}.get(role, "")
        if role.startswith("level:"):
            align = TOP
        if align:
            attrs += ' applyAlignment="1"'
        xml = f"<xf {attrs}>{align}</xf>"
        index = self._add_xf(etree.fromstring(_qualify(xml)))
        self._keys[role] = index
        return index

    def _add_xf(self, xf) -> int:
        return self._add(self.xfs, xf)


def _index(text: str | None) -> int:
    """A list index as written in an attribute; anything but a count means the first."""
    return int(text) if text and text.isdigit() else 0


def _qualify(xml: str) -> str:
    """Put a bare snippet in the main namespace so it compares equal to parsed elements."""
    head, _, rest = xml.partition(">")
    if head.endswith("/"):
        return f'{head[:-1]} xmlns="{NS_MAIN}"/>' + rest
    return f'{head} xmlns="{NS_MAIN}">' + rest


def _canon(element) -> tuple:
    """Tag, attributes and children: equal for equal formats whatever the namespace prefixes."""
    return (etree.QName(element).localname, tuple(sorted(element.attrib.items())),
            tuple(_canon(child) for child in element if isinstance(child.tag, str)))
