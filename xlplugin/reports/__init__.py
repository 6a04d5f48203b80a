"""Laporan Semester I/II and Laporan Akhir (juknis IV) with Lampiran 1-5, and KAK documents.

Data first (`model.build_report`, `lampiran.lampiran_tables`), then one writer per
format (xlsx, docx, pdf); `export.export_report` and `kak.export_kak` are what the CLI
and the ribbon call.
"""
