"""Reading a workbook through the layout: its sheets found, its header rows located, its
rows bound to typed records, the version it says it is (`reader`, `headers`, `grid`,
`fingerprint`, `version`, `errors`). The file format underneath is `xlplugin.ooxml`."""
