"""Text widths in Arial, to size the rows and columns of the printed annexes.

Neither Excel nor LibreOffice grows a row that openpyxl or XlsxWriter writes, so the writers must
know how many lines a wrapped cell takes, and how wide a column must be for a date
or a code to stay on one line. The writers name Arial (`sheet.FONT`); on a dinas PC
that is Arial itself, on Linux it is Liberation Sans, which `setup.sh` installs and
which has Arial's advance widths glyph for glyph. The widths below are those advance
widths in 1/1000 em for printable ASCII (read from LiberationSans-Regular.ttf and
-Bold.ttf); any other character counts as the widest capital.
"""

from __future__ import annotations

from functools import lru_cache

_ASCII = "".join(chr(c) for c in range(32, 127))
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
    722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584)
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
    722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
    500, 389, 280, 389, 584)
WIDTHS = {False: dict(zip(_ASCII, _REGULAR)), True: dict(zip(_ASCII, _BOLD))}
OTHER = 944  # a character outside the table: as wide as "W"

# A column `w` characters wide is about 7 * w pixels of 96 dpi (Excel's unit is the
# digit width of the default 11 pt font, padding included) = 5.25 * w points. A cell
# keeps about 2 points of margin on each side, and the renderers' own rounding is
# absorbed by planning on 92 % of what is left.
POINTS_PER_CHAR = 5.25
CELL_MARGIN = 4.0
SAFETY = 0.92


@lru_cache(maxsize=65536)  # an annex repeats its words (units, names, kinds of cost)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Points `text` takes on one line in Arial of `size` points."""
    table = WIDTHS[bold]
    return sum(table.get(ch, OTHER) for ch in text) * size / 1000


def usable_points(width_chars: float) -> float:
    """Points available for text in a column `width_chars` wide (Excel units)."""
    return max(1.0, (POINTS_PER_CHAR * width_chars - CELL_MARGIN) * SAFETY)


@lru_cache(maxsize=65536)
def lines_needed(text: str, width_chars: float, size: float, bold: bool = False) -> int:
    """Lines a wrapped cell of that column takes: words go on a line while they fit
    (breaking at spaces, as both programs do); a word wider than the column starts a
    line and is cut into as many lines as it needs (an estimate from above)."""
    avail = usable_points(width_chars)
    space = text_width(" ", size, bold)
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            w = text_width(word, size, bold)
            if w > avail:  # on a line of its own, cut into pieces of a line each
                pieces = int(-(-w // avail))
                lines += pieces - (0 if used else 1)
                used = w - (pieces - 1) * avail
            elif used and used + space + w > avail:
                lines, used = lines + 1, w
            else:
                used += (space if used else 0) + w
        total += lines
    return max(1, total)


def width_for(token: str, size: float, bold: bool = False) -> float:
    """The narrowest column width (Excel units) that prints `token` on one line."""
    return (text_width(token, size, bold) / SAFETY + CELL_MARGIN) / POINTS_PER_CHAR
