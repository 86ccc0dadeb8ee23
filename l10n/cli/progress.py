"""The one progress display: click's progress bar on a terminal, nothing otherwise.

``translate`` (units, with a rate) and ``models install`` (bytes downloaded)
report progress as ``(done, total)`` calls; both draw through ``ProgressDisplay``
so the bar looks and behaves the same, and a log or a pipe stays clean.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

import click


class ProgressDisplay:
    """A callable ``(done, total)`` that draws one bar line on ``stream`` (stderr).

    Drawn only when the stream is a terminal; ``unit`` adds a rate (``12.5 units/s``).
    The bar closes (ends its line) when ``done`` reaches ``total`` or on ``close``.
    """

    def __init__(self, label: str, total: int | None = None, *, unit: str | None = None,
                 stream: TextIO | None = None) -> None:
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.start = time.monotonic()
        self._bar: Any = None  # click.progressbar's ProgressBar, made on the first call (it draws at once)

    def _rate(self, done: int | None) -> str | None:
        if self.unit is None or not done:
            return None
        return f"{done / max(time.monotonic() - self.start, 1e-6):.1f} {self.unit}/s"

    def __call__(self, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total or self.total or 0, label=self.label, show_pos=True,
                                          item_show_func=self._rate, file=self.stream)
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos, done)
        if total and done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
