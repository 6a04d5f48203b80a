"""The OOXML file format itself, below the layout: nothing here knows the template.

- `package`: the package model (parts, content types, relationships), opened defensively
  for reading and written deterministically; `errors`: the one exception of a file that
  cannot be read as a workbook.
- `limits` and `memory`: the limits against zip bombs and oversized parts, the XXE-safe
  parsers, the memory ceiling while a part is parsed.
- `sheet_xml` (a worksheet as a tree), `sheet_patch` (targeted edits on a worksheet's
  bytes), `styles_xml` (the cell formats the findings writer adds), `pictures` (drawing
  anchors and the images they show).
- `patch` (rewrite a package with a few parts replaced, the rest copied byte for byte),
  `cached` (cached formula results written into a built package), `safe_write` (atomic
  writes through a temp file, backups).
"""
