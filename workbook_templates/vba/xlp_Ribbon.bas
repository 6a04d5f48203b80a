Attribute VB_Name = "xlp_Ribbon"
' Callbacks of the "DAK Nonfisik" ribbon tab (customUI/customUI14.xml). Each one checks
' that Python is ready (xlp_Python), then runs one function of xlplugin.excel.ribbon
' (xlplugin.excel.rows for Tambah Baris) through xlwings' RunPython.
Option Explicit

Public Sub xlp_Validasi(control As IRibbonControl)
    Jalankan "import xlplugin.excel.ribbon as r; r.validasi()"
End Sub

Public Sub xlp_BersihkanSorotan(control As IRibbonControl)
    Jalankan "import xlplugin.excel.ribbon as r; r.bersihkan_sorotan()"
End Sub

Public Sub xlp_TambahBaris(control As IRibbonControl)
    ' Python adds the rows (xlplugin.excel.rows): ask for the number only once it is ready.
    Dim jumlah As Variant
    If Not PythonSiap() Then Exit Sub
    jumlah = Application.InputBox( _
        Prompt:="Berapa baris kosong ditambahkan ke tabel di sheet ini?" & vbNewLine & _
            "Baris baru disisipkan di bagian bawah tabel, lengkap dengan rumus, daftar " & _
            "pilihan dan kolom Status Periksa.", _
        Title:="DAK Nonfisik - Tambah Baris", Default:=10, Type:=1)
    ' Batal (Cancel) gives False; Type:=1 already refused anything that is not a number.
    If VarType(jumlah) = vbBoolean Then Exit Sub
    ' The same bound as MAX_TAMBAH in xlplugin/excel/rows.py.
    If jumlah < 1 Or jumlah > 5000 Or jumlah <> Int(jumlah) Then
        MsgBox "Isi jumlah baris dengan bilangan bulat 1 sampai 5000.", vbExclamation, _
            "DAK Nonfisik - Tambah Baris"
        Exit Sub
    End If
    ' CLng: a whole number has no decimal separator, whatever the Windows region setting.
    Jalankan "import xlplugin.excel.rows as r; r.tambah_baris(" & CStr(CLng(jumlah)) & ")"
End Sub

Public Sub xlp_EksporSemester1(control As IRibbonControl)
    Jalankan "import xlplugin.excel.ribbon as r; r.ekspor_laporan('semester1')"
End Sub

Public Sub xlp_EksporSemester2(control As IRibbonControl)
    Jalankan "import xlplugin.excel.ribbon as r; r.ekspor_laporan('semester2')"
End Sub

Public Sub xlp_EksporAkhir(control As IRibbonControl)
    Jalankan "import xlplugin.excel.ribbon as r; r.ekspor_laporan('akhir')"
End Sub

Public Sub xlp_CetakKAK(control As IRibbonControl)
    Jalankan "import xlplugin.excel.ribbon as r; r.cetak_kak()"
End Sub

Public Sub xlp_PerbaruiTemplat(control As IRibbonControl)
    ' Python reads the saved file and asks for a save first when there are unsaved changes.
    Jalankan "import xlplugin.excel.ribbon as r; r.perbarui_templat()"
End Sub

Public Sub xlp_Bantuan(control As IRibbonControl)
    If PythonSiap(diam:=True) Then
        Jalankan "import xlplugin.excel.ribbon as r; r.bantuan()"
    Else
        MsgBox TeksVersi() & vbNewLine & vbNewLine & PesanTerakhir(), _
            vbInformation, "DAK Nonfisik - Bantuan/Versi"
    End If
End Sub

Private Sub Jalankan(ByVal perintah As String)
    If PythonSiap() Then RunPython perintah
End Sub
