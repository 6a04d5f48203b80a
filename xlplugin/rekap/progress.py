"""A plain progress bar on stderr, in Indonesian, without a dependency.

On a terminal the bar redraws in place; in a log (not a TTY) it writes one line per
tenth of the work, so a CI log does not fill with carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30


class ProgressBar:
    def __init__(self, total: int, label: str = "Membaca berkas", stream: TextIO | None = None,
                 enabled: bool = True):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self._last_tenth = -1

    def advance(self, step: int = 1) -> None:
        self.done = min(self.total, self.done + step)
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\r" + self.line())
            self.stream.flush()
        elif (tenth := self.done * 10 // self.total) != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(self.line() + "\n")

    def finish(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        filled = WIDTH * self.done // self.total
        bar = "#" * filled + "." * (WIDTH - filled)
        seconds = time.monotonic() - self.started
        return (f"{self.label}: [{bar}] {self.done}/{self.total} "
                f"({100 * self.done // self.total}%) {seconds:.0f} detik")
