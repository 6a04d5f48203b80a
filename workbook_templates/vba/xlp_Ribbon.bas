Attribute VB_Name = "xlp_Ribbon"
' Callbacks of the "DAK Nonfisik" ribbon tab (customUI/customUI14.xml). Each one checks
' that Python is ready (xlp_Python), then runs one function of xlplugin.excel.ribbon
' through xlwings' RunPython.
Option Explicit

Public Sub xlp_Validasi(control As IRibbonControl)
    Jalankan "import xlplugin.excel.ribbon as r; r.validasi()"
End Sub

Public Sub xlp_BersihkanSorotan(control As IRibbonControl)
    Jalankan "import xlplugin.excel.ribbon as r; r.bersihkan_sorotan()"
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
