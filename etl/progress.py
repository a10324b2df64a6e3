"""A progress bar for long ETL work, on stderr and only when stderr is a terminal.

Reading a workbook of a million rows takes minutes; a person at a terminal should see it
move. Logs, pipes, tests and the upload page (which reads the ETL's stderr for its one error
line) get nothing from here: the bar is drawn with carriage returns, which only make sense on
a terminal. Redrawn at most five times a second, so it costs nothing per row."""
from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 24
REDRAW_S = 0.2
#: Rows between looks at the clock (a clock call per row would cost more than the bar).
CHECK_EVERY = 2048


class Progress:
    """``with Progress("reading sheet 'Forslag'", total) as bar: … bar.update(n) …``"""

    def __init__(self, label: str, total: int | None = None, unit: str = "rows",
                 stream: TextIO | None = None):
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._next_check = CHECK_EVERY
        self._last = 0.0
        self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, done: int) -> None:
        if not self.enabled or done < self._next_check:
            return
        self._next_check = done + CHECK_EVERY
        now = time.monotonic()
        if now - self._last >= REDRAW_S:
            self._last = now
            self._draw(done)

    def _draw(self, done: int) -> None:
        if self.total:
            share = min(done / self.total, 1.0)
            filled = int(share * BAR_WIDTH)
            line = (f"{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
                    f"{done:,} of {self.total:,} {self.unit} ({share:.0%})")
        else:
            line = f"{self.label}: {done:,} {self.unit}"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
