"""Options (``cpd.options``), as bigframes names them.

``options.session.ordering_mode`` ("strict" or "partial") applies to the reads made after it
is set, in the global session and in sessions opened later. ``options.session.engine``
("duckdb", the default, or "spark") and ``options.session.spark_remote`` (a Spark Connect URL)
choose the engine of sessions opened later (the global session included, if not open yet), and
``options.session.spark_frame_bytes`` how large a frame from the client (read_pandas, read_csv)
may be before it goes to Spark as a Parquet file in the session's folder. ``options.compute.
maximum_bytes_billed`` (bytes, or None for no limit) refuses queries whose estimated bytes
processed are larger, before they run. ``options.compute.max_partitions`` (10,000 by default,
BigQuery's limit) refuses table writes that would give a table more partitions.
``options.display.progress_bar`` ("auto", "notebook", "terminal" or None) shows the progress
of queries that run longer than a second.
"""

from __future__ import annotations

from cormorant import exceptions

_MODES = ("strict", "partial")


class SessionOptions:
    """Options of the session (``cpd.options.session``)."""

    def __init__(self):
        self._ordering_mode = "strict"
        self._engine = "duckdb"
        self._spark_remote = None
        self._spark_frame_bytes = 16 << 20

    @property
    def engine(self) -> str:
        """The engine of sessions opened afterwards: "duckdb" (embedded, the default) or
        "spark" (Apache Spark through Spark Connect at ``spark_remote``)."""
        return self._engine

    @engine.setter
    def engine(self, engine: str) -> None:
        from cormorant.session import check_engine_name

        self._engine = check_engine_name(engine)

    @property
    def spark_remote(self) -> str | None:
        """The Spark Connect URL ("sc://host:port") of Spark sessions opened afterwards."""
        return self._spark_remote

    @spark_remote.setter
    def spark_remote(self, remote: str | None) -> None:
        if remote is not None:
            from cormorant import _spark

            _spark.parse_remote(remote)
        self._spark_remote = remote

    @property
    def spark_frame_bytes(self) -> int:
        """Spark sessions opened afterwards send a frame from the client (read_pandas,
        read_csv, ...) of more bytes than this (estimated; 16 MiB by default) as a Parquet file
        in the session's folder of the warehouse, which Spark's executors read, instead of as
        rows held in the Spark Connect server's memory. A session without a warehouse
        (":memory:") sends every frame as rows."""
        return self._spark_frame_bytes

    @spark_frame_bytes.setter
    def spark_frame_bytes(self, size: int) -> None:
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise exceptions.InvalidArgumentError(
                f"spark_frame_bytes must be a number of bytes (an int >= 0), got {size!r}")
        self._spark_frame_bytes = size

    @property
    def ordering_mode(self) -> str:
        """"strict" (a total order and a sequential default index) or "partial" (no implied
        order and a NULL index, so that filters and column selections reach the scan)."""
        return self._ordering_mode

    @ordering_mode.setter
    def ordering_mode(self, mode: str) -> None:
        if mode not in _MODES:
            raise exceptions.InvalidArgumentError(f'ordering_mode must be "strict" or "partial", got {mode!r}')
        self._ordering_mode = mode
        from cormorant import session

        if session._global_session is not None:
            session._global_session._core.ordering_mode = mode


class ComputeOptions:
    """Options of query execution (``cpd.options.compute``)."""

    def __init__(self):
        self._maximum_bytes_billed = None
        self._max_partitions = 10000
        self._skip_connection_check = False
        self._max_functions = 1000
        self._pip_args: list[str] = []

    @property
    def skip_connection_check(self) -> bool:
        """Deploy remote functions with their connection as it is, without checking that it
        exists and may invoke (bigframes' skip_bq_connection_check)."""
        return self._skip_connection_check

    @skip_connection_check.setter
    def skip_connection_check(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise exceptions.InvalidArgumentError(f"skip_connection_check must be a bool, got {value!r}")
        self._skip_connection_check = value

    @property
    def max_functions(self) -> int:
        """Deployed remote functions a warehouse may hold (default 1,000, BigQuery's limit);
        the next deploy raises InvalidArgumentError."""
        return self._max_functions

    @max_functions.setter
    def max_functions(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise exceptions.InvalidArgumentError(f"max_functions must be a positive int, got {value!r}")
        self._max_functions = value

    @property
    def pip_args(self) -> list[str]:
        """Extra arguments of ``pip install`` when a remote function's packages are installed
        (e.g. ``["--no-index", "--find-links", "/wheels"]``)."""
        return list(self._pip_args)

    @pip_args.setter
    def pip_args(self, value) -> None:
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise exceptions.InvalidArgumentError("pip_args must be a list of str")
        self._pip_args = list(value)

    @property
    def max_partitions(self) -> int:
        """A table write that would give the table more partitions than this raises
        TooManyPartitionsError and writes nothing."""
        return self._max_partitions

    @max_partitions.setter
    def max_partitions(self, value: int) -> None:
        from cormorant import session

        self._max_partitions = session._check_max_partitions(value)
        if session._global_session is not None:
            session._global_session._core.max_partitions = value

    @property
    def maximum_bytes_billed(self) -> int | None:
        """Queries whose estimated bytes processed exceed this are refused with
        QueryTooLargeError before they run; None: no limit."""
        return self._maximum_bytes_billed

    @maximum_bytes_billed.setter
    def maximum_bytes_billed(self, value: int | None) -> None:
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise exceptions.InvalidArgumentError(
                f"maximum_bytes_billed must be a non-negative int (bytes) or None, got {value!r}"
            )
        self._maximum_bytes_billed = value
        from cormorant import session

        if session._global_session is not None:
            session._global_session._core.maximum_bytes_billed = value


_PROGRESS_BARS = ("auto", "notebook", "terminal", None)


class DisplayOptions:
    """Options of what cormorant shows (``cpd.options.display``)."""

    def __init__(self):
        self._progress_bar = "auto"

    @property
    def progress_bar(self) -> str | None:
        """How a query that runs longer than a second shows its progress (cormorant.progress):
        "auto" (in Jupyter as HTML, else on stderr when it is a terminal), "notebook", "terminal"
        (on stderr), or None: not at all."""
        return self._progress_bar

    @progress_bar.setter
    def progress_bar(self, value: str | None) -> None:
        if value not in _PROGRESS_BARS:
            raise exceptions.InvalidArgumentError(
                f'progress_bar must be "auto", "notebook", "terminal" or None, got {value!r}')
        self._progress_bar = value


class Options:
    """All options (``cpd.options``)."""

    def __init__(self):
        self.session = SessionOptions()
        self.compute = ComputeOptions()
        self.display = DisplayOptions()


options = Options()


def _option(path: str):
    """(the options group, the option's name) for a dotted name such as "compute.max_partitions"."""
    group_name, _, name = path.partition(".")
    group = getattr(options, group_name, None)
    if not isinstance(group, (SessionOptions, ComputeOptions, DisplayOptions)) or not isinstance(
        getattr(type(group), name, None), property
    ):
        raise exceptions.InvalidArgumentError(
            f"no option {path!r}; options are session.ordering_mode, session.engine, session.spark_remote, "
            "session.spark_frame_bytes, "
            "display.progress_bar and compute.<name> "
            "(e.g. compute.maximum_bytes_billed)"
        )
    return group, name


class option_context:
    """pandas' and bigframes' option_context("compute.maximum_bytes_billed", 10**9, ...): sets
    options for the `with` block, and restores the previous values when it ends (also on an
    error). Every name is checked, and every value by its option's setter, before any is set."""

    def __init__(self, *args):
        if len(args) % 2 or not args:
            raise exceptions.InvalidArgumentError("option_context takes pairs: option_context(name, value, ...)")
        self._pairs = [(_option(args[i]), args[i + 1]) for i in range(0, len(args), 2)]
        self._saved = []

    def __enter__(self):
        self._saved = [(group, name, getattr(group, name)) for (group, name), _ in self._pairs]
        try:
            for (group, name), value in self._pairs:
                setattr(group, name, value)
        except BaseException:
            self._restore()
            raise
        return self

    def __exit__(self, *exc):
        self._restore()
        return False

    def _restore(self):
        for group, name, value in reversed(self._saved):
            setattr(group, name, value)
