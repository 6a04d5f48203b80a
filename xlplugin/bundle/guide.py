"""The short Indonesian PDF guide of the bundle, made from the README's user part.

The README holds the guide once, between `<!-- panduan:mulai -->` and
`<!-- panduan:selesai -->`; this turns that Markdown (headings, paragraphs, bullet and
numbered lists, **bold**, `code`, images) into a .docx and converts it with
LibreOffice headless, so the guide and the README never drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

START, END = "<!-- panduan:mulai -->", "<!-- panduan:selesai -->"
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")
INLINE = re.compile(r"(\*\*[^*]+\*\*|`[^`]+`|\[[^\]]+\]\([^)]+\))")


def guide_markdown(readme: Path) -> str:
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise ValueError(f"{readme} tidak memuat penanda {START} ... {END}")
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def write_guide_docx(markdown: str, base: Path, out: Path, title: str) -> Path:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    doc.styles["Normal"].font.name = "DejaVu Sans"
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(title, level=0)
    for block in _blocks(markdown):
        kind, text = block
        if kind.startswith("h"):
            doc.add_heading(_plain(text), level=min(int(kind[1:]), 3))
        elif kind == "img":
            alt, src = text
            path = (base / src).resolve()
            if path.exists():
                doc.add_picture(str(path), width=Cm(15))
                doc.add_paragraph(alt).italic = True
        else:
            paragraph = doc.add_paragraph(style="List Bullet" if kind == "ul" else None)
            if kind == "ol":
                paragraph.paragraph_format.left_indent = Cm(0.6)
            _runs(paragraph, re.sub(r"<(https?://[^>]+)>", r"\1", text))
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


def _blocks(markdown: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("p", " ".join(para)))
            para.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or line.startswith(("<!--", "```")):
            flush()
        elif m := re.match(r"^(#{1,6})\s+(.*)", line):
            flush()
            out.append((f"h{len(m.group(1))}", m.group(2)))
        elif m := IMAGE.fullmatch(line):
            flush()
            out.append(("img", (m.group(1), m.group(2))))
        elif m := re.match(r"^[-*]\s+(.*)", line):
            flush()
            out.append(("ul", m.group(1)))
        elif m := re.match(r"^(\d+)[.)]\s+(.*)", line):
            flush()  # numbered as written: Word's list numbering would run on across lists
            out.append(("ol", f"{m.group(1)}. {m.group(2)}"))
        elif line.startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                out.append(("ul", " - ".join(cells)))
        elif raw.startswith("  ") and out and out[-1][0] in ("ul", "ol") and not para:
            out[-1] = (out[-1][0], f"{out[-1][1]} {line}")
        else:
            para.append(line)
    flush()
    return out


def _runs(paragraph, text: str) -> None:
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("`"):
            paragraph.add_run(part[1:-1]).font.name = "DejaVu Sans Mono"
        elif part.startswith("["):
            label, url = re.match(r"\[([^\]]+)\]\(([^)]+)\)", part).groups()
            paragraph.add_run(label if url.startswith("#") else f"{label} ({url})")
        else:
            paragraph.add_run(part)


def _plain(text: str) -> str:
    return re.sub(r"[*`]", "", text)
