"""Progress bars for long command-line runs (``import``, ``geocode``, ``extract``).

A bar is drawn only on a terminal: piped or redirected output, logs, CI and tests get none,
and ``--quiet`` turns it off on a terminal too.  The bar goes to stderr and disappears when
the run ends, leaving the command's one-line summary as the record.  The library functions
only take a ``progress`` callback, so they know nothing about bars.
"""

from __future__ import annotations

import sys
import time
from typing import IO

from tqdm import tqdm


def wants_bar(stream: IO[str], quiet: bool = False) -> bool:
    """True when ``stream`` is a terminal and the user did not ask for quiet."""
    isatty = getattr(stream, "isatty", None)
    return not quiet and bool(isatty and isatty())


def progress_bar(description: str, unit: str, total: int | None = None, quiet: bool = False,
                 stream: IO[str] | None = None) -> tqdm:
    """A tqdm bar on ``stream`` (default stderr), disabled unless ``wants_bar``.

    A disabled bar still accepts ``update`` calls, so callers never branch on it.
    """
    stream = stream or sys.stderr
    return tqdm(total=total, desc=description, unit=unit, file=stream, disable=not wants_bar(stream, quiet),
                leave=False, dynamic_ncols=True, mininterval=0.2, unit_scale=unit == "row")


def elapsed_text(started: float) -> str:
    """``"in 3.2 s"`` since ``started`` (a ``time.perf_counter()`` value), for summary lines."""
    return f"in {time.perf_counter() - started:.1f} s"
