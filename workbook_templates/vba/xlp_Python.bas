Attribute VB_Name = "xlp_Python"
' Is Python ready for this workbook? Before a ribbon button calls Python, run the
' interpreter named on the xlwings.conf sheet (the environment install.bat creates)
' with a one-line script whose exit code says what is missing: Python itself, a new
' enough Python, xlwings, the matching xlwings version (that of the xlwings VBA module
' in this workbook), or xlplugin; say so in Indonesian instead of xlwings' English
' error, and point to install.bat. On open no program is started (a macro that starts
' one on open looks like malware to mail filters and antivirus): only the disk is
' searched, where xlwings itself looks, for xlwings' DLL of this version and for
' xlplugin's metadata. Either answer sets the hidden name xlp_PythonSiap, which the
' Status formulas read.
Option Explicit

Public Const NAMA_SIAP As String = "xlp_PythonSiap"

Private Const CEK_OK As Long = 0
Private Const CEK_PAKET As Long = 2
Private Const CEK_VERSI_XLWINGS As Long = 3
Private Const CEK_XLWINGS As Long = 4
Private Const CEK_PYTHON_LAMA As Long = 5
Private Const CEK_TIDAK_ADA As Long = 9009 ' cmd.exe and the Store alias: command not found

Private Const SITE_PACKAGES As String = "\Lib\site-packages"
Private Const POLA_PAKET As String = "xlplugin-*.dist-info"

Private siap As Boolean ' remembered once Python answered OK in this Excel session
Private kodeTerakhir As Long

Public Function PythonSiap(Optional ByVal diam As Boolean = False) As Boolean
    If Not siap Then
        kodeTerakhir = KodeCekPython()
        siap = (kodeTerakhir = CEK_OK)
        SetelNamaSiap siap
        If Not siap And Not diam Then
            MsgBox PesanCek(kodeTerakhir), vbExclamation, "DAK Nonfisik - Python belum siap"
        End If
    End If
    PythonSiap = siap
End Function

Public Sub PeriksaSaatBuka()
    Dim ok As Boolean
    ok = siap
    If Not ok Then ok = TerpasangDiDisk()
    SetelNamaSiap ok
    If Not ok Then
        Application.StatusBar = "DAK Nonfisik: Python/xlplugin belum ditemukan, kolom Status " & _
            "nonaktif. Klik Bantuan/Versi pada pita DAK Nonfisik untuk pemeriksaan lengkap."
    End If
End Sub

Public Sub BersihkanStatusBar()
    If Not siap Then Application.StatusBar = False
End Sub

Public Function PesanTerakhir() As String
    If siap Then
        PesanTerakhir = "Python, xlwings " & XLWINGS_VERSION & " dan xlplugin siap dipakai."
    Else
        PesanTerakhir = PesanCek(kodeTerakhir)
    End If
End Function

Public Function TeksVersi() As String
    TeksVersi = "Templat: " & XLP_TEMPLAT & " (tata letak " & XLP_TATA_LETAK & ")" & vbNewLine & _
        "Paket aturan: " & XLP_PAKET_ATURAN & vbNewLine & _
        "Makro xlwings: " & XLWINGS_VERSION & vbNewLine & _
        "Paket Python yang dibutuhkan: xlplugin " & XLP_VERSI_PAKET
End Function

Public Function PesanCek(ByVal kode As Long) As String
    Dim sebab As String, langkah As String
    Select Case kode
        Case CEK_TIDAK_ADA
            sebab = "Python untuk buku kerja ini tidak ditemukan: " & JalurInterpreter()
            langkah = "Bila Python 3.11 (64-bit) dari python.org belum terpasang, pasang " & _
                "dulu (centang ""Add python.exe to PATH""). Lalu:" & vbNewLine & _
                "    " & XLP_CARA_PASANG
        Case CEK_PYTHON_LAMA
            sebab = "Versi Python terlalu lama; dibutuhkan Python 3.11 atau lebih baru."
            langkah = "Pasang Python 3.11 (64-bit) dari python.org, lalu:" & vbNewLine & _
                "    " & XLP_CARA_PASANG
        Case CEK_XLWINGS, CEK_PAKET
            sebab = "Paket Python xlplugin (beserta xlwings) belum terpasang."
            langkah = XLP_CARA_PASANG
        Case CEK_VERSI_XLWINGS
            sebab = "Versi xlwings pada Python tidak sama dengan versi makro di buku kerja " & _
                "ini (" & XLWINGS_VERSION & ")."
            langkah = "Pasang paket yang sesuai dengan templat ini: " & XLP_CARA_PASANG
        Case Else
            sebab = "Python berhenti dengan kode " & kode & " saat diperiksa."
            langkah = "Pasang ulang paketnya: " & XLP_CARA_PASANG
    End Select
    PesanCek = sebab & vbNewLine & vbNewLine & langkah & vbNewLine & vbNewLine & _
        "Tanpa Python, isian, rumus, daftar pilihan dan sorotan bawaan tetap berfungsi; " & _
        "hanya tombol pita DAK Nonfisik dan kolom Status yang memerlukan Python. " & _
        "Lihat sheet Petunjuk."
End Function

Private Function RingkasCek(ByVal kode As Long) As String
    Select Case kode
        Case CEK_TIDAK_ADA: RingkasCek = "Python tidak ditemukan"
        Case CEK_PYTHON_LAMA: RingkasCek = "versi Python terlalu lama"
        Case CEK_XLWINGS, CEK_PAKET: RingkasCek = "paket xlplugin belum terpasang"
        Case CEK_VERSI_XLWINGS: RingkasCek = "versi xlwings tidak cocok"
        Case Else: RingkasCek = "Python berhenti dengan kode " & kode
    End Select
End Function

Private Function KodeCekPython() As Long
    #If Mac Then
        KodeCekPython = CEK_OK ' the check runs Windows programs; on a Mac xlwings reports
    #Else
        If GetConfig("CONDA PATH") <> "" And GetConfig("CONDA ENV") <> "" Then
            KodeCekPython = CEK_OK ' conda activation is xlwings' job; its own errors apply
            Exit Function
        End If
        On Error GoTo tidakAda
        KodeCekPython = CreateObject("WScript.Shell").Run(Interpreter() & " -c " & _
            Chr(34) & SkripCek() & Chr(34), 0, True)
        Exit Function
tidakAda:
        KodeCekPython = CEK_TIDAK_ADA
    #End If
End Function

Public Function Interpreter() As String
    ' The interpreter xlwings uses, quoted for WScript.Shell.Run. The same Python's
    ' python.exe rather than the configured pythonw.exe beside it: Run then waits for a
    ' console program and gets its exit code for certain (its window stays hidden).
    Dim jalur As String
    jalur = JalurInterpreter()
    If jalur = "python" Or jalur = "pythonw" Then
        Interpreter = "python"
    Else
        If LCase$(Right$(jalur, 12)) = "\pythonw.exe" Then
            jalur = Left$(jalur, Len(jalur) - 12) & "\python.exe"
        End If
        Interpreter = Chr(34) & jalur & Chr(34)
    End If
End Function

Private Function JalurInterpreter() As String
    ' As xlwings reads it (env variables already expanded by GetConfig): Interpreter_Win,
    ' else the legacy Interpreter, else pythonw from PATH.
    Dim jalur As String
    jalur = GetConfig("INTERPRETER_WIN", "")
    If jalur = "" Then jalur = GetConfig("INTERPRETER", "pythonw")
    JalurInterpreter = jalur
End Function

Public Function SkripCek() As String
    ' Exit code: 5 old Python, 4 no xlwings, 2 no xlplugin, 3 other xlwings version, 0 ready.
    ' The PYTHONPATH setting goes first on sys.path, as xlwings' prepare_sys_path puts it,
    ' so the answer is about the modules xlwings will import. Versions come from package
    ' metadata: importing xlwings on Windows takes seconds.
    Dim jalurPaket As String, skrip As String
    jalurPaket = GetConfig("PYTHONPATH", "")
    skrip = "import sys,importlib.util as u,importlib.metadata as m;"
    If jalurPaket <> "" Then
        skrip = skrip & "sys.path[0:0]='" & _
            Replace(Replace(jalurPaket, "\", "\\"), "'", "\'") & "'.split(';');"
    End If
    SkripCek = skrip & "sys.exit(" & _
        "5 if sys.version_info<(3,11) else " & _
        "4 if u.find_spec('xlwings') is None else " & _
        "2 if u.find_spec('xlplugin') is None or u.find_spec('udfs') is None else " & _
        "0 if m.version('xlwings')=='" & XLWINGS_VERSION & "' else 3)"
End Function

Private Function TerpasangDiDisk() As Boolean
    ' Where xlwings' XLPyLoadDLL loads its DLL: beside the configured interpreter, else
    ' one folder up (a virtual environment's root, where pip puts the wheel's DLL), or on
    ' PATH for a bare python/pythonw. xlplugin then has to be in a PYTHONPATH folder of
    ' the sheet or in that Python's own site-packages.
    Dim jalur As String, folder As Variant
    #If Mac Then
        TerpasangDiDisk = True
    #Else
        If GetConfig("CONDA PATH") <> "" And GetConfig("CONDA ENV") <> "" Then
            TerpasangDiDisk = True ' conda activation is xlwings' job
            Exit Function
        End If
        jalur = JalurInterpreter()
        If jalur = "python" Or jalur = "pythonw" Then
            For Each folder In Split(Environ("PATH"), ";")
                If AdaDll(CStr(folder)) Then
                    TerpasangDiDisk = AdaPaket(CStr(folder))
                    Exit Function
                End If
            Next folder
            Exit Function
        End If
        If AdaDll(FolderInduk(jalur)) Or AdaDll(FolderInduk(FolderInduk(jalur))) Then
            TerpasangDiDisk = AdaPaket(FolderInduk(jalur)) Or _
                AdaPaket(FolderInduk(FolderInduk(jalur)))
        End If
    #End If
End Function

Public Function AdaDll(ByVal folder As String) As Boolean
    AdaDll = AdaBerkas(folder, NamaDll(), vbNormal)
End Function

Public Function AdaPaket(ByVal akar As String) As Boolean
    ' xlplugin's metadata in a PYTHONPATH folder of the sheet (what xlwings imports
    ' first), else in the site-packages of the Python installed at `akar`.
    Dim folder As Variant
    For Each folder In Split(GetConfig("PYTHONPATH", ""), ";")
        If AdaBerkas(CStr(folder), POLA_PAKET, vbDirectory) Then
            AdaPaket = True
            Exit Function
        End If
    Next folder
    If akar <> "" Then AdaPaket = AdaBerkas(akar & SITE_PACKAGES, POLA_PAKET, vbDirectory)
End Function

Private Function AdaBerkas(ByVal folder As String, ByVal pola As String, _
                           ByVal jenis As Long) As Boolean
    If Right$(folder, 1) = "\" Then folder = Left$(folder, Len(folder) - 1)
    If folder = "" Then Exit Function
    On Error GoTo tidak
    AdaBerkas = Len(Dir(folder & "\" & pola, jenis)) > 0
    Exit Function
tidak:
    AdaBerkas = False
End Function

Public Function NamaDll() As String
    #If Win64 Then
        NamaDll = "xlwings64-" & XLWINGS_VERSION & ".dll"
    #Else
        NamaDll = "xlwings32-" & XLWINGS_VERSION & ".dll"
    #End If
End Function

Public Function FolderInduk(ByVal jalur As String) As String
    If InStrRev(jalur, "\") > 0 Then FolderInduk = Left$(jalur, InStrRev(jalur, "\") - 1)
End Function

Private Sub SetelNamaSiap(ByVal ok As Boolean)
    ' Hidden workbook-level name read by the Status formulas; English syntax (RefersTo).
    On Error Resume Next
    ThisWorkbook.Names.Add Name:=NAMA_SIAP, RefersTo:=IIf(ok, "=TRUE", "=FALSE"), Visible:=False
End Sub
