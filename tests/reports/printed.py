"""Read what a PDF shows, word by word, and hold it against the Office file it came from.

`pdftotext -bbox` gives every word with its box. For an annex sheet, each cell's text
(formatted as an Indonesian reader sees it) is looked up among the words of its
column, in sheet order: a cell is *clipped* when its words are not all there (the
renderer dropped the lines that do not fit), when they reach below the bottom of its
row (lines drawn under the clip of the next row), or when a word of it is cut in two.
Column edges come from the printed column-number row "(1)..(n)" of each page, the
page's zoom from the distance between the first lines of consecutive rows.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from statistics import median

from docx import Document
from openpyxl import load_workbook

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"(.*?)</word>")
PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.DOTALL)
US_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
US_PERCENT = re.compile(r"(?<![\d.,])\d+\.\d{1,2}\s?%")
WINDOW = 600  # words of a column searched ahead for a cell's text
TOLERANCE = 1.5  # points a last line may reach below its row


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


def words(pdf: Path) -> list[list[Word]]:
    """The words of each page."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [[Word(n, html.unescape(m[5]).replace("\u2011", "-"),  # non-breaking hyphen
                  *map(float, m.groups()[:4]))
             for m in WORD.finditer(body)] for n, body in enumerate(PAGE.findall(out))]


def layout_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def us_formatted(text: str) -> list[str]:
    """Amounts and percentages printed the US way (544,215,000; 98.52%)."""
    return US_THOUSANDS.findall(text) + US_PERCENT.findall(text)


# ---------------------------------------------------------------- annex sheets

def shown(cell) -> str:
    """A cell's value as the Indonesian locale prints it under the writers' formats."""
    value, fmt = cell.value, cell.number_format
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if "%" in fmt:
        return f"{value * 100:.2f}".replace(".", ",") + "%"
    if fmt.startswith("#,##0") and value == 0 and '"-"' in fmt:
        return "-"
    if fmt.startswith("#,##0"):
        whole = f"{round(value):,}".replace(",", ".") if value == int(value) else \
            f"{value:,.2f}".rstrip("0").replace(",", "_").replace(".", ",").replace("_", ".")
        return whole
    return str(value)


@dataclass
class Problem:
    sheet: str
    cell: str
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell} {self.text!r}: {self.why}"


def annex_problems(xlsx: Path, pdf: Path, sheets: list[str]) -> tuple[list[Problem], int]:
    """Cells of `sheets` (header, column numbers and data rows) clipped or cut in the
    PDF of `xlsx`, and how many cells were checked. A page belongs to the sheet whose
    footer ("Lampiran 2 - Data Peserta ...") its bottom line starts with."""
    wb = load_workbook(xlsx)
    pages = words(pdf)
    problems: list[Problem] = []
    checked = 0
    for name in sheets:
        ws = wb[name]
        footer = ws.oddFooter.left.text
        own = [p for p in pages if footer and _bottom_line(p).startswith(footer)]
        assert own, f"{name}: tidak ada halaman PDF dengan kaki halaman {footer!r}"
        ncols, numbers_row = _numbering(ws)
        found, n = _sheet_problems(ws, own, ncols, numbers_row)
        problems += found
        checked += n
    return problems, checked


def _bottom_line(page: list[Word]) -> str:
    if not page:
        return ""
    low = max(w.y0 for w in page)
    return " ".join(w.text for w in sorted(page, key=lambda w: w.x0) if w.y0 >= low - 2)


def _numbering(ws) -> tuple[int, int]:
    for row in ws.iter_rows(min_row=1, max_row=40):
        if row[0].value == "(1)":
            ncols = sum(1 for c in row if isinstance(c.value, str) and c.value.startswith("("))
            return ncols, row[0].row
    raise AssertionError(f"{ws.title}: baris nomor kolom (1)..(n) tidak ada")


def _number_centres(page: list[Word], ncols: int) -> list[float] | None:
    """x centres of the printed "(1)".."(n)" on a page, or None if the row is absent."""
    marks = {w.text: w for w in page if re.fullmatch(r"\(\d+\)", w.text)}
    wanted = [marks.get(f"({i})") for i in range(1, ncols + 1)]
    if None in wanted or marks.get(f"({ncols + 1})"):
        return None
    return [w.xc for w in wanted]


def column_width(ws, index: int) -> float:
    """Column `index`'s width; one <col min max> may cover several columns of the same
    width (XlsxWriter writes them so, as Excel does), which openpyxl keys by the first."""
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= index <= dim.max and dim.width:
            return dim.width
    return 8.43


def _columns(ws, ncols: int, centres: list[float]) -> list[float]:
    """The x edges of the columns on a page: widths from the sheet, scaled so the
    printed column-number marks sit in their columns' middles."""
    widths = [column_width(ws, i) for i in range(1, ncols + 1)]
    mids, x = [], 0.0
    for w in widths:
        mids.append(x + w / 2)
        x += w
    scale = (centres[-1] - centres[0]) / (mids[-1] - mids[0])
    left = centres[0] - mids[0] * scale
    edges = [left]
    for w in widths:
        edges.append(edges[-1] + w * scale)
    return edges


def _sheet_problems(ws, pages: list[list[Word]], ncols: int,
                    numbers_row: int) -> tuple[list[Problem], int]:
    streams: list[list[Word]] = [[] for _ in range(ncols)]
    for page in pages:
        edges = _columns(ws, ncols, _number_centres(page, ncols))
        for w in sorted(page, key=lambda w: (round(w.y0 * 2), w.x0)):
            for c in range(ncols):
                if edges[c] <= w.xc < edges[c + 1]:
                    streams[c].append(w)
    header_row = numbers_row - 1
    last = _last_table_row(ws, numbers_row, ncols)
    problems: list[Problem] = []
    found: dict[tuple[int, int], list[Word]] = {}
    checked = 0
    for c in range(ncols):
        at = 0
        for r in range(header_row, last + 1):
            cell = ws.cell(row=r, column=c + 1)
            text = shown(cell)
            if not text.strip():
                continue
            checked += 1
            match = _find(streams[c], at, text)
            if match is None:
                problems.append(Problem(ws.title, cell.coordinate, text,
                                        "tidak tercetak utuh"))
                continue
            start, got = match
            at = start + len(got)
            found[(r, c)] = got
            if len(got) != len(text.split()):
                problems.append(Problem(ws.title, cell.coordinate, text,
                                        "kata terpotong: " + " / ".join(w.text for w in got)))
    problems += _overflow(ws, found, numbers_row, last)
    return problems, checked


def _last_table_row(ws, numbers_row: int, ncols: int) -> int:
    r = numbers_row
    while any(ws.cell(row=r + 1, column=c).border.left.style for c in range(1, ncols + 1)):
        r += 1
    return r


def _find(stream: list[Word], at: int, text: str) -> tuple[int, list[Word]] | None:
    target = "".join(text.split())
    for start in range(at, min(len(stream), at + WINDOW)):
        if not target.startswith(stream[start].text):
            continue
        got, joined, i = [], "", start
        while i < len(stream) and target.startswith(joined + stream[i].text):
            joined += stream[i].text
            got.append(stream[i])
            i += 1
            if joined == target:
                return start, got
    return None


def _overflow(ws, found: dict[tuple[int, int], list[Word]], first: int,
              last: int) -> list[Problem]:
    """Cells whose last line reaches below their row. A row's top is where its first
    line starts (text is top-aligned); the zoom is the median ratio of the distance
    between two consecutive rows' tops on one page to the first row's height."""
    tops: dict[int, tuple[int, float]] = {}
    for (r, _c), got in found.items():
        if r > first:
            y = got[0].y0
            if r not in tops or y < tops[r][1]:
                tops[r] = (got[0].page, y)
    ratios = []
    for r in range(first + 1, last):
        if r in tops and r + 1 in tops and tops[r][0] == tops[r + 1][0]:
            height = ws.row_dimensions[r].height
            if height:
                ratios.append((tops[r + 1][1] - tops[r][1]) / height)
    if not ratios:
        return []
    zoom = median(ratios)
    problems = []
    for (r, c), got in found.items():
        height = ws.row_dimensions[r].height
        if r <= first or r not in tops or not height:
            continue
        page, top = tops[r]
        bottom = max(w.y1 for w in got if w.page == page) if got[-1].page == page else 1e9
        if bottom - top > height * zoom + TOLERANCE:
            cell = ws.cell(row=r, column=c + 1)
            problems.append(Problem(ws.title, cell.coordinate, shown(cell),
                                    f"melewati batas baris ({bottom - top:.1f} > "
                                    f"{height * zoom:.1f} pt)"))
    return problems


# ---------------------------------------------------------------- Word documents

def docx_cut_words(docx: Path, pdf: Path) -> list[str]:
    """Words of the document's tables that the PDF shows fewer times than the document
    holds them: each such word was cut across two lines somewhere (e.g. "Volum/e",
    "K01-/01")."""
    doc = Document(str(docx))
    table_words = {w for t in doc.tables for row in t.rows for cell in row.cells
                   for w in cell.text.split()}
    have = Counter(w for text in _texts(doc) for w in text.split())
    printed = Counter(w.text for page in words(pdf) for w in page)
    return sorted(w for w in table_words if printed[w] < have[w])


def _texts(doc) -> list[str]:
    """Paragraphs, then each table cell once (python-docx lists a merged cell once per
    grid column it spans)."""
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        seen = set()
        for row in t.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    out.append(cell.text)
    return out
