"""Progress of long queries, as bigframes shows its query jobs (``cpd.options.display.progress_bar``).

The core reports a running query about every 50 ms with the engine's estimate (percent done,
rows read of the rows to read; percent -1 for a query the engine does not estimate, one that
was expected to be short) and once more when it ends; a query that runs longer than
``SHOW_AFTER`` seconds gets a bar: an HTML line that updates in place in Jupyter, else a line
on stderr that redraws itself ("auto": only when stderr is a terminal). Shorter queries show
nothing.
"""

from __future__ import annotations

import sys
import threading

SHOW_AFTER = 1.0  # seconds a query runs before its bar shows
_WIDTH = 24  # characters of the terminal bar

_bars: dict[int, object] = {}  # the bar of the query each thread is waiting for


def report(percent: float, rows_done: int, rows_total: int, seconds: float, finished: bool) -> None:
    """Called by the core (see the module's doc); shows nothing unless the query is long."""
    from cormorant.options import options

    thread = threading.get_ident()
    bar = _bars.get(thread)
    if bar is None:
        mode = options.display.progress_bar
        if finished or seconds < SHOW_AFTER or mode is None:
            return
        if _in_notebook(mode):
            bar = _NotebookBar()
        elif mode == "terminal" or _isatty(sys.stderr):
            bar = _TerminalBar()
        else:  # "auto" with stderr a file or a pipe: no bar in logs
            return
        _bars[thread] = bar
    if finished:
        del _bars[thread]
        read = f"{rows_done:,} rows read " if rows_done else ""
        bar.show(f"Query done: {read}in {seconds:.1f} s", percent, True)
    else:
        if percent < 0:  # no estimate from the engine (a small query that runs long): the time
            bar.show(f"Query running: {seconds:.1f} s", 0.0, False)
        else:
            bar.show(f"Query running: {percent:.0f}% · {rows_done:,} of {rows_total:,} rows read · {seconds:.1f} s",
                     percent, False)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _in_notebook(mode: str) -> bool:
    """Whether to draw in a notebook: "notebook", or "auto" inside a Jupyter kernel."""
    if mode == "notebook":
        return True
    if mode != "auto" or "IPython" not in sys.modules:
        return False
    shell = sys.modules["IPython"].get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class _TerminalBar:
    """One stderr line, redrawn with a carriage return; ended by a newline."""

    def __init__(self):
        self._width = 0

    def show(self, text: str, percent: float, finished: bool) -> None:
        filled = int(_WIDTH * max(0.0, min(percent, 100.0)) / 100)
        line = f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {text}"
        pad = " " * max(0, self._width - len(line))
        self._width = len(line)
        sys.stderr.write("\r" + line + pad + ("\n" if finished else ""))
        sys.stderr.flush()


class _NotebookBar:
    """An HTML <progress> line shown once and updated in place (IPython's display_id)."""

    def __init__(self):
        from IPython.display import HTML, display

        self._html = HTML
        self._handle = display(HTML(""), display_id=True)

    def show(self, text: str, percent: float, finished: bool) -> None:
        import html

        value = max(0.0, min(percent, 100.0))
        self._handle.update(self._html(f'<progress value="{value:.0f}" max="100"></progress> {html.escape(text)}'))
