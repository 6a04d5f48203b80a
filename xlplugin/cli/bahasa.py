"""argparse speaks English; the people who run `xlplugin` read Indonesian.

argparse looks its fixed texts up through `gettext` at call time, so pointing its
module-level `_` at this table translates usage lines, headings and errors.
"""

from __future__ import annotations

import argparse

TEXTS = {
    "usage: ": "pemakaian: ",
    "options": "pilihan",
    "positional arguments": "argumen",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "expected one argument": "membutuhkan satu nilai",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "pilihan ambigu: %(option)s cocok dengan %(matches)s",
}


def install() -> None:
    argparse._ = lambda text: TEXTS.get(text, text)
