"""The `xlplugin` command line: one module per sub-command, imported only when used."""
