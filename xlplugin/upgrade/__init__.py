"""Move a filled workbook of an older template into the current one (issue 17):
read its input cells through its own layout (`source`), apply the migration steps
(`steps`, `carry`), write them into a freshly built template (`place`) and list what
could not be placed (`leftovers`). `run.upgrade_file` ties them together."""
