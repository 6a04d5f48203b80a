Attribute VB_Name = "xlp_Banner"
' The "enable macros" banner: the rows of every range named xlp_BannerMakro (workbook
' level or sheet level). Workbook_Open hides them; saving shows them again first, so a
' file passed on still tells a reader with macros off what to do.
' A sheet protected without a password is unprotected for the change and protected again
' with the same options; a sheet with a password keeps its banner (no password prompt).
Option Explicit

Public Const NAMA_BANNER As String = "xlp_BannerMakro"

Public Sub SembunyikanBanner()
    AturBanner True
End Sub

Public Sub TampilkanBanner()
    AturBanner False
End Sub

Private Sub AturBanner(ByVal sembunyi As Boolean)
    Dim nm As Name
    Dim rng As Range
    For Each nm In ThisWorkbook.Names
        If AdalahBanner(nm.Name) Then
            Set rng = Nothing
            On Error Resume Next
            Set rng = nm.RefersToRange
            On Error GoTo 0
            If Not rng Is Nothing Then AturBaris rng, sembunyi
        End If
    Next nm
End Sub

Public Function AdalahBanner(ByVal nama As String) As Boolean
    ' "xlp_BannerMakro" or "'Sheet name'!xlp_BannerMakro"
    AdalahBanner = (nama = NAMA_BANNER) Or (Right$(nama, Len(NAMA_BANNER) + 1) = "!" & NAMA_BANNER)
End Function

Private Sub AturBaris(ByVal rng As Range, ByVal sembunyi As Boolean)
    If rng.EntireRow.Hidden = sembunyi Then Exit Sub
    If rng.Worksheet.ProtectContents Then
        AturBarisTerlindung rng, sembunyi
    Else
        rng.EntireRow.Hidden = sembunyi
    End If
End Sub

Private Sub AturBarisTerlindung(ByVal rng As Range, ByVal sembunyi As Boolean)
    Dim ws As Worksheet
    Dim gambar As Boolean, skenario As Boolean
    Dim fSel As Boolean, fKolom As Boolean, fBaris As Boolean
    Dim sKolom As Boolean, sBaris As Boolean, sTautan As Boolean
    Dim hKolom As Boolean, hBaris As Boolean
    Dim urut As Boolean, saring As Boolean, pivot As Boolean
    Set ws = rng.Worksheet
    ' The options are read before Unprotect, which resets them.
    gambar = ws.ProtectDrawingObjects
    skenario = ws.ProtectScenarios
    With ws.Protection
        fSel = .AllowFormattingCells
        fKolom = .AllowFormattingColumns
        fBaris = .AllowFormattingRows
        sKolom = .AllowInsertingColumns
        sBaris = .AllowInsertingRows
        sTautan = .AllowInsertingHyperlinks
        hKolom = .AllowDeletingColumns
        hBaris = .AllowDeletingRows
        urut = .AllowSorting
        saring = .AllowFiltering
        pivot = .AllowUsingPivotTables
    End With
    On Error GoTo berkataSandi
    ws.Unprotect ""
    On Error GoTo 0
    rng.EntireRow.Hidden = sembunyi
    ws.Protect Password:="", DrawingObjects:=gambar, Contents:=True, Scenarios:=skenario, _
        AllowFormattingCells:=fSel, AllowFormattingColumns:=fKolom, AllowFormattingRows:=fBaris, _
        AllowInsertingColumns:=sKolom, AllowInsertingRows:=sBaris, AllowInsertingHyperlinks:=sTautan, _
        AllowDeletingColumns:=hKolom, AllowDeletingRows:=hBaris, AllowSorting:=urut, _
        AllowFiltering:=saring, AllowUsingPivotTables:=pivot
    Exit Sub
berkataSandi:
    ' Protected with a password this module does not know: leave the sheet as it is.
End Sub
