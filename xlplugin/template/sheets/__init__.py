"""One module per kind of sheet in the template."""
