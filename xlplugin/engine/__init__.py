"""The juknis engine: checks registered by name, run over a Dokumen."""

from .validate import validate

__all__ = ["validate"]
