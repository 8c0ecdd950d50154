"""The national demo packages built in a child process, a province or two ahead of the import: building them
is a sixth of the work and needs no database, so it runs on a second core while the import writes."""

from __future__ import annotations

import multiprocessing
import queue as queues
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kttt.demo.national import national_packages
from kttt.demo.national_plan import SEED, YEARS
from kttt.demo.package import Package

Item = tuple[str, Package]


@dataclass(frozen=True)
class Failed:
    """What went wrong in the child process (its traceback, as text)."""

    trace: str


def _produce(out: Any, codes: list[str] | None, years: range, scale: float, seed: int) -> None:
    try:
        for item in national_packages(codes, years, scale, seed):
            out.put(item)
    except BaseException:
        out.put(Failed(traceback.format_exc()))
    out.put(None)


def packages_ahead(
    codes: Iterable[str] | None = None, years: range = YEARS, scale: float = 1.0, seed: int = SEED, ahead: int = 2
) -> Iterator[Item]:
    """The same (province code, package) pairs as national_packages, in the same order."""
    context = multiprocessing.get_context()
    out = context.Queue(maxsize=ahead)
    args = (out, None if codes is None else list(codes), years, scale, seed)
    child = context.Process(target=_produce, args=args, daemon=True)
    child.start()
    try:
        while (item := _next(out, child)) is not None:
            yield item
    finally:
        if child.is_alive():  # the import stopped early
            child.terminate()
        child.join()


def _next(out: Any, child: Any) -> Item | None:
    while True:
        try:
            item = out.get(timeout=1)
        except queues.Empty:
            if child.is_alive():
                continue
            try:  # it may have finished writing just before it ended
                item = out.get(timeout=1)
            except queues.Empty:
                raise RuntimeError(f"the process building the demo packages ended (code {child.exitcode})") from None
        if isinstance(item, Failed):
            raise RuntimeError(f"building the demo packages failed:\n{item.trace}")
        return item  # type: ignore[no-any-return]
