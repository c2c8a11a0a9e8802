"""Re-render on every save (`baocao watch`): the clerk keeps the editor and Word side by side.

The folders of the data file and of every file it extends (`ke_thua`) are watched, not the files:
many editors save by writing a new file and renaming it over the old one, which a watch on the file
itself would lose. Changes to other files in those folders (the .docx being written, the editor's
swap files) are ignored. Each render is the ordinary `render_file`, so a hand-edited output is never
overwritten (there is no --ghi-de here) and a broken save prints diagnostics instead of stopping.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["watch_and_render"]

DEBOUNCE_MS = 300  # an editor's save is several file events within a few milliseconds
STEP_MS = 50
TICK_MS = 500  # how often the loop wakes when nothing changes, to honour the time limit


def watch_and_render(
    data: Path,
    render: Callable[[], Iterable[Path]],
    *,
    on_ready: Callable[[list[Path]], None] = lambda files: None,
    max_renders: int | None = None,
    time_limit: float | None = None,
) -> int:
    """Render now, then again after every change of a file the render read; return the render count.

    `render` renders once (printing is the caller's) and returns the files it read (the data file and
    its `ke_thua` chain). `on_ready` is told which files are watched each time watching (re)starts.
    `max_renders` and `time_limit` (seconds) bound the loop for tests; without them it runs until
    Ctrl-C, whose KeyboardInterrupt propagates to the caller.
    """
    from watchfiles import watch

    deadline = None if time_limit is None else time.monotonic() + time_limit
    watched: set[Path] = {data.resolve(), *(Path(p).resolve() for p in render())}
    renders = 1
    while not _done(renders, max_renders, deadline):
        folders = sorted({path.parent for path in watched})
        announced = False
        for changes in watch(
            *folders,
            watch_filter=lambda change, path: Path(path).resolve() in watched,  # noqa: B023 (the set grows in place)
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            rust_timeout=TICK_MS,
            yield_on_timeout=True,
            recursive=False,
        ):
            if not announced:  # the first wake-up: the watch is in place from now on
                on_ready(sorted(watched))
                announced = True
            if changes:
                watched |= {Path(p).resolve() for p in render()}
                renders += 1
            if _done(renders, max_renders, deadline) or {path.parent for path in watched} != set(folders):
                break  # done, or a new ke_thua folder to watch: start again with it
    return renders


def _done(renders: int, max_renders: int | None, deadline: float | None) -> bool:
    return (max_renders is not None and renders >= max_renders) or (
        deadline is not None and time.monotonic() >= deadline
    )
