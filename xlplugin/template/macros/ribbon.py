"""The ribbon tab (customUI14.xml) and what it asks of the VBA project."""

from __future__ import annotations

from defusedxml.ElementTree import fromstring

from . import TEMPLATES_DIR

RIBBON_FILE = TEMPLATES_DIR / "ribbon" / "customUI14.xml"
PART = "customUI/customUI14.xml"
# Office 2010+ ribbon (customUI14) root relationship; Office 2007's customUI.xml uses 2006.
REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CONTENT_TYPE = "application/xml"
NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"


def ribbon_xml() -> bytes:
    """The ribbon part, checked to be well-formed customUI14 before it is packed."""
    data = RIBBON_FILE.read_bytes()
    root = fromstring(data)
    if root.tag != f"{{{NAMESPACE}}}customUI":
        raise ValueError(f"{RIBBON_FILE.name}: akar harus customUI dengan namespace {NAMESPACE}")
    return data


def on_actions(data: bytes) -> list[str]:
    """Every onAction callback the ribbon names, in document order."""
    return [el.get("onAction") for el in fromstring(data).iter() if el.get("onAction")]
