"""Check implementations, one module per concern; each registers with @check(name)."""
