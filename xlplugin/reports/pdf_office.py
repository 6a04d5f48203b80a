"""PDF through Microsoft Excel and Word by COM automation (pywin32), for the Windows PCs
of the dinas: they have Office, not LibreOffice.

Each renderer starts its own instance with `DispatchEx`: a plain `Dispatch` attaches to
the Excel the user is working in (the one running the ribbon), and quitting it would
close their workbooks. The instance is invisible and its alerts are off, because a
prompt in an instance nobody sees waits for a click forever. The staged file is opened
read-only, exported, closed without saving, and the instance is quit in `finally`,
whatever happened, so no EXCEL.EXE/WINWORD.EXE is left behind.

Microsoft's documentation of each call (learn.microsoft.com/office/vba/api/<page>):
- Workbooks.Open ............ excel.workbooks.open
- Workbook.ExportAsFixedFormat excel.workbook.exportasfixedformat
  (XlFixedFormatType: excel.xlfixedformattype; XlFixedFormatQuality:
  excel.xlfixedformatquality)
- Workbook.Close ............ excel.workbook.close
- Application.DisplayAlerts . excel.application.displayalerts,
  word.application.displayalerts (WdAlertLevel: word.wdalertlevel)
- Application.Quit .......... excel.application.quit, word.application.quit(method)
- Application.UserControl ... excel.application.usercontrol
- Documents.Open ............ word.documents.open
- Document.ExportAsFixedFormat word.document.exportasfixedformat (WdExportFormat:
  word.wdexportformat; WdExportOptimizeFor: word.wdexportoptimizefor;
  WdExportCreateBookmarks: word.wdexportcreatebookmarks)
- Document.Close ............ word.document.close(method) (WdSaveOptions:
  word.wdsaveoptions)

Keyword arguments carry the type library's own spelling (Excel `Filename`, Word
`FileName`): pywin32 builds Python methods from the type library, so the keyword
names are case-sensitive. COM is used from the calling thread, which must be one that
imported pythoncom (the main thread for the ribbon and the CLI).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import SimpleNamespace

from .pdf import ConversionError

log = logging.getLogger(__name__)

XL_TYPE_PDF = 0  # XlFixedFormatType.xlTypePDF
XL_QUALITY_STANDARD = 0  # XlFixedFormatQuality.xlQualityStandard
XL_UPDATE_LINKS_NEVER = 0  # Workbooks.Open UpdateLinks: do not update external links
WD_EXPORT_FORMAT_PDF = 17  # WdExportFormat.wdExportFormatPDF
WD_EXPORT_OPTIMIZE_FOR_PRINT = 0  # WdExportOptimizeFor.wdExportOptimizeForPrint
WD_EXPORT_CREATE_HEADING_BOOKMARKS = 1  # WdExportCreateBookmarks: chapters as PDF bookmarks
WD_ALERTS_NONE = 0  # WdAlertLevel.wdAlertsNone
WD_DO_NOT_SAVE_CHANGES = 0  # WdSaveOptions.wdDoNotSaveChanges


def detect_com():
    """pywin32's entry points (DispatchEx, IID, com_error) on Windows; None elsewhere or
    when pywin32 is missing (it comes with xlwings on Windows)."""
    if sys.platform != "win32":
        return None
    try:
        import pywintypes
        import win32com.client
    except ImportError:
        return None
    return SimpleNamespace(DispatchEx=win32com.client.DispatchEx, IID=pywintypes.IID,
                           com_error=pywintypes.com_error)


def installed(com, progid: str) -> bool:
    """Whether `progid` is registered, without starting the program: pywintypes.IID
    turns a ProgID into its CLSID through the registry and fails for an unknown one."""
    try:
        com.IID(progid)
    except com.com_error:
        return False
    return True


def office_renderers(com) -> list:
    """The Office programs installed here, as PDF renderers (Excel first)."""
    if com is None:
        return []
    return [cls(com) for cls in (ExcelRenderer, WordRenderer) if installed(com, cls.progid)]


class OfficeRenderer:
    """One Office program exporting its own files to PDF in a private, hidden instance."""

    name = ""
    progid = ""
    suffixes: tuple[str, ...] = ()
    alerts_off: object = False

    def __init__(self, com):
        self.com = com

    def handles(self, path: Path) -> bool:
        return path.suffix.lower() in self.suffixes

    def render(self, files: list[Path], out_dir: Path) -> list[Path]:
        """`out_dir/<stem>.pdf` for each file, in order; ConversionError (Indonesian)
        when the program cannot be started or fails on a file."""
        out_dir.mkdir(parents=True, exist_ok=True)  # Office does not create folders
        app, failure = None, ""
        try:
            app = self.com.DispatchEx(self.progid)
            app.Visible = False
            app.DisplayAlerts = self.alerts_off
            return [self._checked(app, Path(f), out_dir) for f in files]
        except ConversionError as exc:
            failure = str(exc)
        except Exception as exc:  # a failed PDF must not cost the Office files
            log.info("%s: PDF gagal", self.name, exc_info=True)  # the message says why
            failure = self.explain(exc, started=app is not None)
        finally:
            if app is not None:
                _quietly(self._quit, app)
            app = None  # a hidden instance ends only when its last reference is released
        # Raised outside the except block: a chained COM error's traceback would keep the
        # workbook and application proxies (and so the process) alive.
        raise ConversionError(failure)

    def _checked(self, app, source: Path, out_dir: Path) -> Path:
        pdf = out_dir / f"{source.stem}.pdf"
        # Full paths: Office puts a relative name in its own current folder.
        self.export(app, source.resolve(), pdf.resolve())
        if not pdf.is_file():
            raise ConversionError(f"{self.name} tidak menulis {pdf.name}.")
        return pdf

    def explain(self, exc: Exception, *, started: bool) -> str:
        """The user's message for a failure: what failed, and Office's own words."""
        what = f"{self.name} gagal membuat PDF" if started else \
            f"{self.name} tidak dapat dijalankan untuk membuat PDF"
        return f"{what} ({com_description(exc, self.com)})"

    def export(self, app, source: Path, pdf: Path) -> None:
        raise NotImplementedError

    def _quit(self, app) -> None:
        app.Quit()


class ExcelRenderer(OfficeRenderer):
    name = "Microsoft Excel"
    progid = "Excel.Application"
    # Not .xlsm: "macros are enabled when opening files programmatically"
    # (excel.workbooks.open), and this hidden instance must run none.
    suffixes = (".xlsx",)
    alerts_off = False  # Application.DisplayAlerts is a Boolean in Excel

    def export(self, app, source: Path, pdf: Path) -> None:
        book = app.Workbooks.Open(Filename=str(source), UpdateLinks=XL_UPDATE_LINKS_NEVER,
                                  ReadOnly=True, AddToMru=False)
        try:
            # The whole workbook, each sheet with its own page setup and print area.
            book.ExportAsFixedFormat(Type=XL_TYPE_PDF, Filename=str(pdf),
                                     Quality=XL_QUALITY_STANDARD, IncludeDocProperties=True,
                                     IgnorePrintAreas=False, OpenAfterPublish=False)
        finally:
            _quietly(book.Close, SaveChanges=False)


class WordRenderer(OfficeRenderer):
    name = "Microsoft Word"
    progid = "Word.Application"
    suffixes = (".docx",)
    alerts_off = WD_ALERTS_NONE  # a WdAlertLevel in Word, not a Boolean

    def export(self, app, source: Path, pdf: Path) -> None:
        doc = app.Documents.Open(FileName=str(source), ConfirmConversions=False,
                                 ReadOnly=True, AddToRecentFiles=False)
        try:
            doc.ExportAsFixedFormat(OutputFileName=str(pdf), ExportFormat=WD_EXPORT_FORMAT_PDF,
                                    OpenAfterExport=False,
                                    OptimizeFor=WD_EXPORT_OPTIMIZE_FOR_PRINT,
                                    IncludeDocProps=True,
                                    CreateBookmarks=WD_EXPORT_CREATE_HEADING_BOOKMARKS)
        finally:
            _quietly(doc.Close, SaveChanges=WD_DO_NOT_SAVE_CHANGES)

    def _quit(self, app) -> None:
        app.Quit(SaveChanges=WD_DO_NOT_SAVE_CHANGES)


def com_description(exc: Exception, com) -> str:
    """Office's description of a COM error and its code, for the user and the help desk.

    pywintypes.com_error carries (hresult, text, excepinfo, argerror); excepinfo is
    (wcode, source, description, helpfile, helpcontext, scode) when the program raised
    the error itself, None when COM did (e.g. the program could not be started)."""
    if not isinstance(exc, com.com_error):
        return f"kesalahan tak terduga {type(exc).__name__}: {exc}"
    hresult, text, excepinfo = (*exc.args, None, None, None)[:3]
    description, code = text, hresult
    if excepinfo and len(excepinfo) >= 6:
        description = excepinfo[2] or text
        code = excepinfo[5] or hresult
    description = str(description or "").strip().rstrip(".") or "tanpa keterangan"
    hexcode = f"0x{code & 0xFFFFFFFF:08X}" if isinstance(code, int) else str(code)
    return f"pesan Office: {description}; kode {hexcode}"


def _quietly(fn, *args, **kwargs) -> None:
    """Clean-up that must not hide the error being reported (or fail a good export)."""
    try:
        fn(*args, **kwargs)
    except Exception:  # logged; the instance is quit next regardless
        log.info("pembersihan Office gagal", exc_info=True)
