"""The template's VBA modules, assembled from text at build time.

- `xlwings` (+ its `Dictionary` class for Mac): xlwings' standalone module, read from the
  installed xlwings package, so the VBA always matches the pinned Python package;
- `xlwings_udfs`: the UDF wrappers written by xlwings' own generator (`wrapper`);
- `xlp_Fungsi`: the help text that generator registers (MacroOptions), re-registered on
  open because Import Functions is never run on the template;
- `xlp_Versi`: versions baked in for the Bantuan/Versi message when Python is missing;
- `xlp_Ribbon`, `xlp_Python`, `xlp_Banner` and the `ThisWorkbook` code: text files in
  `workbook_templates/vba/`.

Every module's `code` is its stream form with CRLF line endings: what the VB editor
shows and what a VBA reader (olevba) decodes back out of vbaProject.bin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from . import TEMPLATES_DIR
from .wrapper import MacroOption, generate_udf_wrapper

VBA_DIR = TEMPLATES_DIR / "vba"
STANDARD, CLASS, DOCUMENT = "standard", "class", "document"
OWN_MODULES = ("xlp_Banner", "xlp_Python", "xlp_Ribbon")  # .bas files in VBA_DIR
DOCUMENT_CODE = {"ThisWorkbook": "ThisWorkbook.cls"}  # code only; the header is Excel's


class VbaBuildError(RuntimeError):
    """The VBA sources are inconsistent (a bug or a broken install), found at build time."""


@dataclass(frozen=True)
class VbaModule:
    name: str
    kind: str  # STANDARD, CLASS or DOCUMENT
    code: str  # stream form, CRLF; for DOCUMENT the code after Excel's attribute header


def project_modules(pack, layout, udf_modules: str) -> list[VbaModule]:
    """All modules of the template's VBA project, in the order they are added."""
    wrapper = generate_udf_wrapper(udf_modules)
    return [
        *xlwings_standalone(),
        VbaModule("xlwings_udfs", STANDARD, crlf(wrapper.source)),
        VbaModule("xlp_Fungsi", STANDARD, macro_options_module(wrapper.options)),
        VbaModule("xlp_Versi", STANDARD, versions_module(pack, layout)),
        *(VbaModule(name, STANDARD, read_source(f"{name}.bas")) for name in OWN_MODULES),
        *(VbaModule(name, DOCUMENT, read_source(file)) for name, file in DOCUMENT_CODE.items()),
    ]


def crlf(text: str) -> str:
    return re.sub(r"\r?\n", "\r\n", text)


def read_source(file: str) -> str:
    return crlf((VBA_DIR / file).read_text(encoding="ascii"))


# ---------------------------------------------------------------- xlwings' own modules
def xlwings_dir() -> Path:
    import xlwings

    return Path(xlwings.__file__).parent


def xlwings_standalone() -> list[VbaModule]:
    """`xlwings.bas` and `Dictionary.cls` as `xlwings quickstart --standalone` embeds them."""
    import xlwings

    bas = (xlwings_dir() / "xlwings.bas").read_text(encoding="ascii")
    found = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', bas)
    if not found or found.group(1) != xlwings.__version__:
        raise VbaBuildError(
            f"modul VBA xlwings ({found.group(1) if found else '?'}) tidak sama dengan "
            f"paket Python xlwings {xlwings.__version__}; pasang ulang xlwings")
    cls = (xlwings_dir() / "addin" / "Dictionary.cls").read_text(encoding="ascii")
    return [VbaModule("xlwings", STANDARD, crlf(bas)),
            VbaModule("Dictionary", CLASS, class_stream_form(crlf(cls)))]


def class_stream_form(exported: str) -> str:
    """A VBE-exported .cls as the module stream holds it (no VERSION block, a VB_Base)."""
    from pyopenvba.vba import normalize_class_source

    return normalize_class_source(exported)


# ---------------------------------------------------------------- generated modules
def macro_options_module(options: list[MacroOption]) -> str:
    """VBA that registers the UDF help exactly as xlwings' import_udfs does."""
    lines = ['Attribute VB_Name = "xlp_Fungsi"',
             "' Generated at build time from xlwings' import_udfs (MacroOptions); do not edit.",
             "Option Explicit", "", "Public Sub DaftarkanFungsi()",
             "    ' Help text is optional: a protected structure or old Excel refuses it.",
             "    On Error Resume Next"]
    for opt in options:
        args = ", _\n        ".join(vba_string(a) for a in opt.argument_descriptions)
        lines.append(
            f"    Application.MacroOptions Macro:=\"'\" & ThisWorkbook.Name & \"'!{opt.name}\", _\n"
            f"        Description:={vba_string(opt.description)}, _\n"
            f"        Category:={vba_string(opt.category)}, _\n"
            f"        ArgumentDescriptions:=Array({args})")
    lines += ["End Sub", ""]
    return crlf("\n".join(lines))


def versions_module(pack, layout) -> str:
    from ..build import default_zip

    constants = {
        "XLP_TEMPLAT": pack.template_name,
        "XLP_TATA_LETAK": layout.version,
        "XLP_PAKET_ATURAN": f"TA {pack.tahun} - {pack.regulasi}",
        "XLP_VERSI_PAKET": version("xlplugin"),
        # The fix for every "not ready" answer: only install.bat makes the environment
        # the xlwings.conf sheet names, so the message never says pip.
        "XLP_CARA_PASANG": (f"Ekstrak zip {default_zip(pack).name}, klik dua kali "
                            "install.bat di dalamnya dan tunggu tulisan SELESAI, lalu "
                            "buka lagi buku kerja ini."),
    }
    lines = ['Attribute VB_Name = "xlp_Versi"',
             "' Generated at build time from the rule pack and the layout; do not edit.",
             "Option Explicit", ""]
    lines += [f"Public Const {k} As String = {vba_string(v)}" for k, v in constants.items()]
    return crlf("\n".join(lines + [""]))


def vba_string(text: str) -> str:
    """A VBA string literal (ASCII; the project's code page is 1252)."""
    if not text.isascii():
        raise VbaBuildError(f"teks VBA harus ASCII: {text!r}")
    if "\n" in text or "\r" in text:  # a literal cannot span lines (a UDF docstring)
        raise VbaBuildError(f"teks VBA harus satu baris: {text!r}")
    return '"' + text.replace('"', '""') + '"'
