"""Typed domain records, values and findings: pure data, no I/O."""
