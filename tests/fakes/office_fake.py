"""A faithful fake of the Excel and Word COM objects `xlplugin.reports.pdf_office` drives,
for Linux tests: `FakeCom` stands for pywin32's entry points as `pdf_office.detect_com`
returns them (`DispatchEx`, `IID`, `com_error`).

What it enforces, each on the member that has it, with the Microsoft page it models
(https://learn.microsoft.com/office/vba/api/<page>):
- the type library's parameter names and order: arguments bind to each method's
  signature as they do to pywin32's generated methods, so a misspelt keyword (Excel's
  `Filename` is Word's `FileName`) is a TypeError here as on Windows;
- constant values (XlFixedFormatType 0/1, WdExportFormat 17/18, WdAlertLevel,
  WdSaveOptions): any other value is a COM error;
- errors as pywintypes.com_error: args (hresult, text, excepinfo, argerror), excepinfo
  (wcode, source, description, helpfile, helpcontext, scode) when the program raised it;
- an unregistered ProgID fails `IID` and `DispatchEx` with "Invalid class string";
- each DispatchEx is a new hidden instance that runs until Quit; afterwards every call
  fails ("The RPC server is unavailable");
- a dialog a hidden instance would show (alerts on, an answer needed) never gets its
  click: `DialogWouldBlock` is a BaseException, so no `except Exception` hides it;
- opening a missing file, exporting into a folder that does not exist or over a file
  held open elsewhere (`lock`), and exporting without the PDF add-in
  (`pdf_addin=False`) are COM errors. The documentation does not give the codes and
  texts of these; the ones used are marked "observed" and tests/excel confirms them;
- a successful export writes a small valid PDF naming its source (and sheets).

Every call is recorded in `FakeCom.calls` as (member, {argument: value}), with only the
arguments actually passed, so tests assert what was asked of Office.
"""

from __future__ import annotations

import inspect
import re
import zipfile
from functools import wraps
from pathlib import Path, PureWindowsPath

# HRESULTs as pywin32 reports them (signed 32-bit).
DISP_E_EXCEPTION = -2147352567  # 0x80020009 "Exception occurred.": the program raised it
CO_E_CLASSSTRING = -2147221005  # 0x800401F3 "Invalid class string"
RPC_S_SERVER_UNAVAILABLE = -2147023174  # 0x800706BA: the instance has quit
CO_E_SERVER_EXEC_FAILURE = -2146959355  # 0x80080005 "Server execution failed"
XL_E_GENERIC = -2146827284  # 0x800A03EC: Excel's failed open/save (observed)
VB_E_INVALID_CALL = -2146828283  # 0x800A0005 "Invalid procedure call or argument"
WD_E_COMMAND_FAILED = -2146824090  # 0x800A1066: Word error 4198 "Command failed" (observed)
WD_E_FILE_NOT_FOUND = -2146823114  # 0x800A1436: Word error 5174, file not found (observed)

WD_ALERT_LEVELS = {-1, -2, 0}  # WdAlertLevel: all, message boxes only, none
WD_SAVE_OPTIONS = {0, -1, -2}  # WdSaveOptions: don't save, save, prompt
WD_EXPORT_FORMATS = {17, 18}  # WdExportFormat: PDF, XPS
XL_FIXED_FORMAT_TYPES = {0, 1}  # XlFixedFormatType: PDF, XPS
XL_QUALITIES = {0, 1}  # XlFixedFormatQuality: standard, minimum


class com_error(Exception):  # the name pywintypes gives it
    """pywintypes.com_error: args are (hresult, strerror, excepinfo, argerror)."""

    def __init__(self, hresult, strerror, excepinfo=None, argerror=None):
        super().__init__(hresult, strerror, excepinfo, argerror)


def office_error(source: str, description: str, scode: int) -> com_error:
    """An error raised by the program itself, as pywin32 delivers it."""
    return com_error(DISP_E_EXCEPTION, "Exception occurred.",
                     (0, source, description, None, 0, scode), None)


class DialogWouldBlock(BaseException):
    """A hidden instance showing a dialog: in Office the call never returns."""


class _Missing:
    def __repr__(self) -> str:
        return "Missing"


Missing = _Missing()  # an argument not passed (pythoncom.Missing)


def recorded(fn):
    """Record the call with the arguments passed, bound to the method's signature (so
    positional and keyword calls record alike); refuse calls after Quit or Close."""
    sig = inspect.signature(fn)

    @wraps(fn)
    def call(self, *args, **kwargs):
        self._alive()
        bound = sig.bind(self, *args, **kwargs)
        passed = {k: v for k, v in list(bound.arguments.items())[1:] if v is not Missing}
        owner = type(self).__name__.removeprefix("Fake")
        self.com.calls.append((f"{owner}.{fn.__name__}", passed))
        return fn(self, *args, **kwargs)
    return call


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text is `lines`, with a correct cross-reference table."""
    text = "".join(f"({_pdf_escape(s)}) Tj T* " for s in lines)
    stream = f"BT /F1 10 Tf 12 TL 40 800 Td {text}ET".encode("latin-1", "replace")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _pdf_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _xps(target: Path) -> None:
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("FixedDocSeq.fdseq", "<FixedDocumentSequence/>")


def _variant_int(value) -> int:
    """A VARIANT argument coerced to a Long as COM does: True is -1, False is 0."""
    return -1 if value is True else 0 if value is False else value


class FakeCom:
    """pywin32's entry points on a fake PC with the `installed` Office programs.

    `cannot_start`: programs registered but failing to start (a broken or unlicensed
    installation). `pdf_addin=False`: Office without PDF export. `lock(path)`: a file
    held open by another program. `break_export(progid, text)`: the program's next
    export fails with its own error (e.g. no printer installed)."""

    com_error = com_error

    def __init__(self, installed=("Excel.Application", "Word.Application"), *,
                 cannot_start=(), pdf_addin: bool = True,
                 current_folder: str = r"C:\Users\staf\Documents"):
        self.installed = set(installed)
        self.cannot_start = set(cannot_start)
        self.pdf_addin = pdf_addin
        self.current_folder = current_folder  # where a program puts a bare file name
        self.instances: list[_Instance] = []
        self.calls: list[tuple[str, dict]] = []
        self.locked: set[Path] = set()
        self.broken: dict[str, str] = {}
        self.viewer_opened: list[Path] = []  # PDFs shown on the user's screen
        self.recent_files: list[Path] = []  # files put on the user's recent-files list

    def IID(self, progid: str) -> str:  # pywintypes.IID
        """pywintypes.IID: the CLSID the registry holds for a ProgID, without starting
        anything; an unregistered one fails as CLSIDFromProgID does."""
        if progid not in self.installed:
            raise com_error(CO_E_CLASSSTRING, "Invalid class string", None, None)
        return "{00024500-0000-0000-C000-000000000046}" if progid.startswith("Excel") \
            else "{000209FF-0000-0000-C000-000000000046}"

    def DispatchEx(self, progid: str):  # win32com.client.DispatchEx
        """A new instance in its own process, never the user's running Excel.
        Models https://learn.microsoft.com/office/vba/api/excel.application.usercontrol:
        an instance started by automation is hidden and not under the user's control."""
        self.IID(progid)
        if progid in self.cannot_start:
            raise com_error(CO_E_SERVER_EXEC_FAILURE, "Server execution failed", None, None)
        app = (FakeExcel if progid.startswith("Excel") else FakeWord)(self)
        self.instances.append(app)
        return app

    def lock(self, path: Path) -> None:
        self.locked.add(Path(path).resolve())

    def break_export(self, progid: str, description: str) -> None:
        self.broken[progid] = description

    def running(self) -> list:
        """Instances started and not quit: each an EXCEL.EXE/WINWORD.EXE left behind."""
        return [app for app in self.instances if not app.has_quit]

    def path(self, name) -> Path:
        """Where a program puts a name it is given: a relative one in its current folder.
        Models https://learn.microsoft.com/office/vba/api/excel.workbook.exportasfixedformat
        ("You can include a full path, or Excel saves the file in the current folder")."""
        name = str(name)
        if Path(name).is_absolute() or PureWindowsPath(name).is_absolute():
            return Path(name)
        return Path(self.current_folder) / name


class _Instance:
    """What Excel and Word share: Visible, alerts, prompts, output checks, life after
    Quit."""

    progid = ""
    source = ""  # the program's name in its errors

    def __init__(self, com: FakeCom):
        self.com = com
        self.has_quit = False
        self._visible = False  # hidden when started by automation (see DispatchEx)

    def _alive(self) -> None:
        if self.has_quit:
            raise com_error(RPC_S_SERVER_UNAVAILABLE, "The RPC server is unavailable.")

    @property
    def Visible(self):
        self._alive()
        return self._visible

    @Visible.setter
    def Visible(self, value):
        self._alive()
        self.com.calls.append((f"{type(self).__name__.removeprefix('Fake')}.Visible=",
                               {"value": value}))
        self._visible = bool(value)

    def _prompt(self, question: str) -> None:
        """A dialog asking the user; with alerts off the program takes the default."""
        if self._alerts_on():
            raise DialogWouldBlock(f"{self.progid}: {question} (DisplayAlerts is on)")

    def _alerts_on(self) -> bool:
        raise NotImplementedError

    def _source_file(self, name, scode: int) -> Path:
        path = self.com.path(name)
        if not path.is_file():
            raise office_error(self.source, f"Sorry, we couldn't find {path.name}. Is it "
                               "possible it was moved, renamed or deleted?", scode)
        return path

    def _output_file(self, name, scode: int) -> Path:
        """The export's target, or the program's error when it cannot be written."""
        target = self.com.path(name)
        if not target.parent.is_dir() or target.resolve() in self.com.locked:
            raise office_error(self.source, "Document not saved. The document may be open, "
                               "or an error may have been encountered when saving.", scode)
        if not self.com.pdf_addin:
            raise office_error(self.source, "The PDF export add-in is not installed.", scode)
        if self.progid in self.com.broken:
            raise office_error(self.source, self.com.broken.pop(self.progid), scode)
        return target


# ---------------------------------------------------------------- Excel

class FakeExcel(_Instance):
    progid, source = "Excel.Application", "Microsoft Excel"

    def __init__(self, com: FakeCom):
        super().__init__(com)
        self._display_alerts = True
        self.books: list[FakeWorkbook] = []

    @property
    def DisplayAlerts(self):
        """Models https://learn.microsoft.com/office/vba/api/excel.application.displayalerts:
        a Boolean, True by default; False makes Excel take the default answer to every
        prompt. Its reset to True "when the code is finished" does not apply to
        cross-process code such as this."""
        self._alive()
        return self._display_alerts

    @DisplayAlerts.setter
    def DisplayAlerts(self, value):
        self._alive()
        self.com.calls.append(("Excel.DisplayAlerts=", {"value": value}))
        self._display_alerts = bool(value)

    def _alerts_on(self) -> bool:
        return self._display_alerts

    @property
    def Workbooks(self):
        self._alive()
        return FakeWorkbooks(self)

    @recorded
    def Quit(self):
        """Models https://learn.microsoft.com/office/vba/api/excel.application.quit: with
        unsaved workbooks open Excel asks whether to save them, unless DisplayAlerts is
        False (it then quits without saving)."""
        if any(not b.Saved for b in self.books):
            self._prompt("save changes before quitting?")
        self.books.clear()
        self.has_quit = True


class FakeWorkbooks:
    def __init__(self, app: FakeExcel):
        self.app, self.com = app, app.com

    def _alive(self) -> None:
        self.app._alive()

    @recorded
    def Open(self, Filename, UpdateLinks=Missing, ReadOnly=Missing,
             Format=Missing, Password=Missing, WriteResPassword=Missing,
             IgnoreReadOnlyRecommended=Missing, Origin=Missing, Delimiter=Missing,
             Editable=Missing, Notify=Missing, Converter=Missing,
             AddToMru=Missing, Local=Missing, CorruptLoad=Missing):
        """Models https://learn.microsoft.com/office/vba/api/excel.workbooks.open.
        UpdateLinks omitted on a workbook with external links: the user is prompted.
        A file another program holds open cannot be opened read/write, and with Notify
        omitted "any attempts to open an unavailable file will fail"; ReadOnly=True
        needs no write access. AddToMru defaults to False. A missing file fails
        (observed text and code)."""
        path = self.app._source_file(Filename, XL_E_GENERIC)
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            workbook = zf.read("xl/workbook.xml").decode("utf-8")
        if UpdateLinks is Missing and any(n.startswith("xl/externalLinks/") for n in names):
            self.app._prompt("update the links to other workbooks?")
        if path.resolve() in self.com.locked and ReadOnly is not True:
            raise office_error(self.app.source, f"{path.name} is locked for editing.",
                               XL_E_GENERIC)
        if AddToMru is True:
            self.com.recent_files.append(path)
        book = FakeWorkbook(self.app, path, workbook, read_only=ReadOnly is True)
        self.app.books.append(book)
        return book


class FakeWorkbook:
    def __init__(self, app: FakeExcel, path: Path, workbook_xml: str, read_only: bool):
        self.app, self.com, self.path, self.read_only = app, app.com, path, read_only
        # ECMA-376 CT_Sheet: `state` defaults to "visible" (openpyxl writes it, XlsxWriter
        # omits it); Excel prints only visible sheets.
        self.sheets = [re.search(r'name="([^"]+)"', tag).group(1)
                       for tag in re.findall(r"<sheet [^>]*>", workbook_xml)
                       if not re.search(r'state="(hidden|veryHidden)"', tag)]
        # Excel recalculates a workbook saved with fullCalcOnLoad (openpyxl sets it) when
        # it opens it, which leaves it changed (observed).
        self.Saved = 'fullCalcOnLoad="1"' not in workbook_xml
        self.closed = False

    def _alive(self) -> None:
        self.app._alive()
        if self.closed:
            raise office_error(self.app.source, "Object required", VB_E_INVALID_CALL)

    @recorded
    def ExportAsFixedFormat(self, Type, Filename=Missing, Quality=Missing,
                            IncludeDocProperties=Missing, IgnorePrintAreas=Missing,
                            From=Missing, To=Missing, OpenAfterPublish=Missing,
                            FixedFormatExtClassPtr=Missing):
        """Models https://learn.microsoft.com/office/vba/api/excel.workbook.exportasfixedformat
        with https://learn.microsoft.com/office/vba/api/excel.xlfixedformattype (xlTypePDF
        0, xlTypeXPS 1) and .../excel.xlfixedformatquality (standard 0, minimum 1). "An
        error will occur if the PDF add-in is not currently installed." Excel neither
        creates the target folder nor replaces a file open elsewhere (observed:
        0x800A03EC "Document not saved"). OpenAfterPublish=True shows the PDF in a
        viewer on the user's screen."""
        if Type not in XL_FIXED_FORMAT_TYPES or (Quality is not Missing
                                                 and Quality not in XL_QUALITIES):
            raise office_error(self.app.source, "Invalid procedure call or argument",
                               VB_E_INVALID_CALL)
        target = self.app._output_file(self.path.stem if Filename is Missing else Filename,
                                       XL_E_GENERIC)
        if Type == 0:
            target.write_bytes(minimal_pdf([self.path.name, *self.sheets]))
        else:
            _xps(target)
        if OpenAfterPublish is True:
            self.com.viewer_opened.append(target)

    @recorded
    def Close(self, SaveChanges=Missing, Filename=Missing,
              RouteWorkbook=Missing):
        """Models https://learn.microsoft.com/office/vba/api/excel.workbook.close:
        SaveChanges False discards the changes; omitted, a changed workbook prompts
        (with DisplayAlerts False the changes are not saved, the example of
        excel.application.displayalerts). Saving a workbook opened read-only fails."""
        if not self.Saved:
            if SaveChanges is True and self.read_only:
                raise office_error(self.app.source, f"{self.path.name} is read-only.",
                                   XL_E_GENERIC)
            if SaveChanges is Missing:
                self.app._prompt(f"save changes to {self.path.name}?")
        self.closed = True
        self.app.books.remove(self)


# ---------------------------------------------------------------- Word

class FakeWord(_Instance):
    progid, source = "Word.Application", "Microsoft Word"

    def __init__(self, com: FakeCom):
        super().__init__(com)
        self._display_alerts = -1  # wdAlertsAll
        self.docs: list[FakeDocument] = []

    @property
    def DisplayAlerts(self):
        """Models https://learn.microsoft.com/office/vba/api/word.application.displayalerts
        and .../word.wdalertlevel: a WdAlertLevel, not a Boolean; wdAlertsNone (0) takes
        the default answer to every message box."""
        self._alive()
        return self._display_alerts

    @DisplayAlerts.setter
    def DisplayAlerts(self, value):
        self._alive()
        self.com.calls.append(("Word.DisplayAlerts=", {"value": value}))
        level = _variant_int(value)
        if level not in WD_ALERT_LEVELS:
            raise office_error(self.source, "The value is out of range.", WD_E_COMMAND_FAILED)
        self._display_alerts = level

    def _alerts_on(self) -> bool:
        return self._display_alerts != 0

    @property
    def Documents(self):
        self._alive()
        return FakeDocuments(self)

    @recorded
    def Quit(self, SaveChanges=Missing, OriginalFormat=Missing,
             RouteDocument=Missing):
        """Models https://learn.microsoft.com/office/vba/api/word.application.quit(method)
        with .../word.wdsaveoptions: omitted (or wdPromptToSaveChanges -2) with changed
        documents open, Word asks."""
        save = self.app_save_option(SaveChanges)
        if save == -2 and any(not d.Saved for d in self.docs):
            self._prompt("save changes before quitting?")
        self.docs.clear()
        self.has_quit = True

    def app_save_option(self, value) -> int:
        save = -2 if value is Missing else _variant_int(value)
        if save not in WD_SAVE_OPTIONS:
            raise office_error(self.source, "The value is out of range.", WD_E_COMMAND_FAILED)
        return save


class FakeDocuments:
    def __init__(self, app: FakeWord):
        self.app, self.com = app, app.com

    def _alive(self) -> None:
        self.app._alive()

    @recorded
    def Open(self, FileName, ConfirmConversions=Missing, ReadOnly=Missing,
             AddToRecentFiles=Missing, PasswordDocument=Missing,
             PasswordTemplate=Missing, Revert=Missing, WritePasswordDocument=Missing,
             WritePasswordTemplate=Missing, Format=Missing, Encoding=Missing,
             Visible=Missing, OpenConflictDocument=Missing, OpenAndRepair=Missing,
             DocumentDirection=Missing, NoEncodingDialog=Missing):
        """Models https://learn.microsoft.com/office/vba/api/word.documents.open: ReadOnly
        True opens without write access, so a file held open elsewhere opens without the
        "File in Use" dialog; unless AddToRecentFiles is False the file goes on the
        user's recent-files list. A missing file fails (observed code 5174)."""
        path = self.app._source_file(FileName, WD_E_FILE_NOT_FOUND)
        with zipfile.ZipFile(path) as zf:
            zf.getinfo("word/document.xml")
        if path.resolve() in self.com.locked and ReadOnly is not True:
            self.app._prompt(f"{path.name} is locked for editing: open read-only?")
        if AddToRecentFiles is not False:
            self.com.recent_files.append(path)
        doc = FakeDocument(self.app, path)
        self.app.docs.append(doc)
        return doc


class FakeDocument:
    def __init__(self, app: FakeWord, path: Path):
        self.app, self.com, self.path = app, app.com, path
        self.Saved = True
        self.closed = False

    def _alive(self) -> None:
        self.app._alive()
        if self.closed:
            raise office_error(self.app.source, "Object has been deleted.",
                               WD_E_COMMAND_FAILED)

    @recorded
    def ExportAsFixedFormat(self, OutputFileName, ExportFormat,
                            OpenAfterExport=Missing, OptimizeFor=Missing,
                            Range=Missing, From=Missing, To=Missing, Item=Missing,
                            IncludeDocProps=Missing, KeepIRM=Missing,
                            CreateBookmarks=Missing, DocStructureTags=Missing,
                            BitmapMissingFonts=Missing, UseISO19005_1=Missing,
                            FixedFormatExtClassPtr=Missing):
        """Models https://learn.microsoft.com/office/vba/api/word.document.exportasfixedformat
        with .../word.wdexportformat (PDF 17, XPS 18), .../word.wdexportoptimizefor
        (print 0, screen 1) and .../word.wdexportcreatebookmarks (0, 1, 2); OutputFileName
        and ExportFormat are required. Word neither creates the folder nor replaces a
        file open elsewhere (observed: "Command failed"). OpenAfterExport=True opens the
        PDF on the user's screen. The fake treats the document as changed afterwards
        (Word updates PAGE/NUMPAGES fields as it lays out pages; to confirm on Windows),
        so closing it must say not to save."""
        if ExportFormat not in WD_EXPORT_FORMATS or OptimizeFor not in (Missing, 0, 1) \
                or CreateBookmarks not in (Missing, 0, 1, 2):
            raise office_error(self.app.source, "The value is out of range.",
                               WD_E_COMMAND_FAILED)
        target = self.app._output_file(OutputFileName, WD_E_COMMAND_FAILED)
        if ExportFormat == 17:
            target.write_bytes(minimal_pdf([self.path.name]))
        else:
            _xps(target)
        self.Saved = False
        if OpenAfterExport is True:
            self.com.viewer_opened.append(target)

    @recorded
    def Close(self, SaveChanges=Missing, OriginalFormat=Missing,
              RouteDocument=Missing):
        """Models https://learn.microsoft.com/office/vba/api/word.document.close(method)
        with .../word.wdsaveoptions (wdDoNotSaveChanges 0): omitted, a changed document
        prompts."""
        if self.app.app_save_option(SaveChanges) == -2 and not self.Saved:
            self.app._prompt(f"save changes to {self.path.name}?")
        self.closed = True
        self.app.docs.remove(self)
