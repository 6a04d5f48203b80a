"""The layout of every published template version, so any known workbook is read by
its own layout.

The current layout is `layout.toml` (its `[meta] version`), shipped with the installed
package version. Each earlier one is kept, as it was published, in
`history/<layout version>.toml`; `PUBLISHED` says which template version shipped it.
A new release appends the outgoing pair to `PUBLISHED` and copies its `layout.toml`
into `history/` before `layout.toml` changes.
"""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from .model import Layout, LayoutError, load_layout

HISTORY_DIR = Path(__file__).with_name("history")

# (template version, layout version) of every earlier published template, oldest first.
PUBLISHED: tuple[tuple[str, str], ...] = (
    ("0.1.0", "2023.1"),
)


def _known() -> list[tuple[str, str]]:
    return [*PUBLISHED, (__version__, load_layout().version)]


KNOWN: list[tuple[str, str]] = _known()  # oldest first; the last pair is the installed one


def current() -> tuple[str, str]:
    """(template version, layout version) of the installed package."""
    return KNOWN[-1]


def layout_for(layout_version: str) -> Layout:
    """The layout workbooks of `layout_version` were built with."""
    if layout_version == load_layout().version:
        return load_layout()
    if layout_version not in {layout for _, layout in PUBLISHED}:
        raise LayoutError(_unknown("tata letak", layout_version))
    return load_layout(HISTORY_DIR / f"{layout_version}.toml")


def template_version_of(layout_version: str) -> str:
    """The template version that shipped `layout_version`."""
    for template, layout in reversed(KNOWN):
        if layout == layout_version:
            return template
    raise LayoutError(_unknown("tata letak", layout_version))


def layout_version_of(template_version: str) -> str:
    """The layout version template `template_version` was built with."""
    for template, layout in KNOWN:
        if template == template_version:
            return layout
    raise LayoutError(_unknown("templat", template_version))


def _unknown(what: str, version: str) -> str:
    known = ", ".join(f"{t} (tata letak {lay})" for t, lay in KNOWN)
    return (f"Versi {what} {version} tidak dikenal oleh xlplugin {__version__}; versi yang "
            f"dikenal: {known}. Perbarui xlplugin bila buku kerja dibuat oleh versi yang "
            "lebih baru.")
