"""Consolidate many returned workbooks into one provincial/national view."""
