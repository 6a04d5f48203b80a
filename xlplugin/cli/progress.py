"""A step display for long commands: a spinner with elapsed seconds after one second.

On a terminal the line updates in place; elsewhere (CI logs, pipes) each step prints
one line when it starts and one when it ends, so logs stay readable.
"""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager

FRAMES = "|/-\\"
SHOW_AFTER = 1.0  # seconds: shorter steps get no spinner


def seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " dtk"


class Progress:
    def __init__(self, total: int, stream=None):
        self.total, self.index = total, 0
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    @contextmanager
    def step(self, label: str):
        """Run the body as step i/n; shows a spinner while it runs past one second."""
        self.index += 1
        head = f"[{self.index}/{self.total}] {label}"
        start, stop = time.monotonic(), threading.Event()
        spinner = None
        if self.tty:
            spinner = threading.Thread(target=self._spin, args=(head, start, stop), daemon=True)
            spinner.start()
        else:
            print(f"{head} ...", file=self.stream, flush=True)
        ok = False
        try:
            yield
            ok = True
        finally:
            stop.set()
            if spinner:
                spinner.join()
            status = "selesai" if ok else "GAGAL"
            end = "\r\033[K" if self.tty else ""
            print(f"{end}{head}: {status} ({seconds(time.monotonic() - start)})",
                  file=self.stream, flush=True)

    def _spin(self, head: str, start: float, stop: threading.Event) -> None:
        frame = 0
        while not stop.wait(0.1):
            elapsed = time.monotonic() - start
            if elapsed >= SHOW_AFTER:
                print(f"\r\033[K{head} {FRAMES[frame % 4]} {seconds(elapsed)}", end="",
                      file=self.stream, flush=True)
                frame += 1
