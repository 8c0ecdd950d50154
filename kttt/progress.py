"""A progress bar on stderr for long commands (hidden when stderr is not a terminal)."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

from tqdm import tqdm


class ProgressBars:
    """Callable as importer progress: one bar per stage, replaced when the stage changes."""

    def __init__(self) -> None:
        self.stage = ""
        self.bar: tqdm[Any] | None = None
        self.hidden = not sys.stderr.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.hidden:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, unit=" dòng", file=sys.stderr, leave=True)
        if self.bar is not None:
            self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> ProgressBars:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


class StepBar:
    """One bar over a known number of steps (e.g. provinces), with running totals written beside it."""

    def __init__(self, total: int, desc: str, unit: str) -> None:
        self.bar: tqdm[Any] | None = None
        if sys.stderr.isatty():
            self.bar = tqdm(total=total, desc=desc, unit=f" {unit}", file=sys.stderr, leave=True)

    def advance(self, note: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(note, refresh=False)
            self.bar.update(1)

    def __enter__(self) -> StepBar:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.close()
