"""Sessions of the Spark engine: a Spark Connect client (pyspark's) for a ``spark_remote`` URL.

``connect`` checks that a Spark Connect server answers at the URL before pyspark's client is
made (pyspark's own client retries an unreachable server for minutes and then raises gRPC's
text), so a missing cluster is one typed error that names the address and says how to start the
loopback cluster. ``Runner`` is the adapter the core calls (python/src/spark.cpp implements the
core's engine::RemoteEngine with it): queries as Spark SQL text whose rows come back as Arrow,
temporary views made from Arrow streams; pyspark's errors become cormorant.exceptions errors.
pyspark is optional: only the Spark engine imports it (tests/python/test_import_cost.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import socket
import warnings

from .exceptions import (ArithmeticOverflowError, EngineConnectionError, ExecutionError, InvalidArgumentError,
                         QueryInterruptedError)

#: The port of a Spark Connect URL that names none (Spark's default).
DEFAULT_PORT = 15002

_URL = re.compile(r"^sc://(?P<host>\[[0-9A-Fa-f:.]+\]|[^:/;\[\]]+)(?::(?P<port>[0-9]+))?/?(?P<params>;.*)?$")

_START_HINT = ("start the loopback cluster with `bash scripts/spark.sh start` (it prints the URL; "
               "`bash scripts/spark.sh url` prints it again) or pass the URL of a running Spark "
               "Connect server as spark_remote")


def parse_remote(remote: str) -> tuple[str, int]:
    """The host and port of a Spark Connect URL ``sc://host[:port][/;param=value...]``."""
    if not isinstance(remote, str):
        raise InvalidArgumentError(f"spark_remote must be a Spark Connect URL string like "
                                   f"'sc://127.0.0.1:15002', not {type(remote).__name__}")
    m = _URL.match(remote.strip())
    if m is None:
        raise InvalidArgumentError(f"spark_remote {remote!r} is not a Spark Connect URL; expected "
                                   f"'sc://host:port' (for example 'sc://127.0.0.1:15002')")
    port = int(m.group("port")) if m.group("port") else DEFAULT_PORT
    if not 0 < port < 65536:
        raise InvalidArgumentError(f"spark_remote {remote!r} has port {port}, outside 1..65535")
    return m.group("host").strip("[]"), port


def check_reachable(remote: str, timeout: float = 5.0) -> None:
    """Raises EngineConnectionError unless something accepts TCP connections at ``remote``."""
    host, port = parse_remote(remote)
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise EngineConnectionError(f"no Spark Connect server answers at {remote} ({reason}); "
                                    f"{_START_HINT}", remote=remote) from None


def connect(remote: str):
    """A new pyspark Spark Connect session (``pyspark.sql.SparkSession``) for ``remote``; a new
    client of an existing session when ``remote`` names its ``session_id`` (Runner.session_address).

    Raises EngineConnectionError when no server answers there, ImportError (saying what to
    install) when pyspark's Connect client is missing."""
    check_reachable(remote)
    with warnings.catch_warnings():
        # pyspark 4.3 warns that it does not fully support pandas 3 (on import and when a
        # session is made); cormorant takes Spark's results as Arrow and makes pandas objects itself.
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
        try:
            from pyspark.sql import SparkSession
        except ImportError as e:
            raise ImportError("the Spark engine needs pyspark's Spark Connect client: "
                              "bash scripts/spark.sh setup (or pip install --require-hashes "
                              "-r requirements/spark.txt)") from e
        session = SparkSession.builder.remote(remote).create()
    # A server that goes away is reported after about a second of retries, not pyspark's
    # default of ten minutes (see Runner).
    from pyspark.sql.connect.client.retries import DefaultPolicy

    session.client.set_retry_policies([DefaultPolicy(max_retries=3, initial_backoff=50, max_backoff=1000)])
    # pyspark logs every query error with Spark's stack trace; cormorant raises its own error.
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if ";session_id=" in remote:
        # A client of an existing session (Runner.session_address), configured already; the
        # server may have closed it, which only its first request tells.
        return session
    # Results must not depend on the server's or driver's zone: cormorant gives Spark UTC
    # instants and converts zones itself, as on DuckDB.
    session.conf.set("spark.sql.session.timeZone", "UTC")
    # Times of day (the core's DType::Time) as Spark's TIME type (off by default in Spark 4.x).
    session.conf.set("spark.sql.timeType.enabled", "true")
    # Parquet as cormorant writes it (to_table): timestamps as INT64 microseconds (Spark's
    # default INT96 is a legacy type other readers take as nanoseconds without a unit), and
    # dates and times before 1582 in the proleptic Gregorian calendar as they are, not rebased.
    session.conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
    session.conf.set("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
    # A query of many layers (a frame's interpolate: ~80 SELECTs) takes Spark's analyzer more
    # than its default 100 passes to resolve ("Max iterations (100) reached for batch Resolution")
    session.conf.set("spark.sql.analyzer.maxIterations", "1000")
    return session


class _Stream:
    """An Arrow PyCapsule stream (from the core) as an object pyarrow reads."""

    def __init__(self, capsule):
        self._capsule = capsule

    def __arrow_c_stream__(self, requested_schema=None):
        return self._capsule


def _first_line(error: BaseException) -> str:
    """The first line of a pyspark error's message (Spark's error class and text, without the
    plan and the JVM's stack trace that follow)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


_OPERATIONS = {"add": "addition", "subtract": "subtraction", "multiply": "multiplication"}

# A double as Java writes it where Python writes it otherwise: in E notation ('1.0E30', '5.0E-4',
# '1.0E7') or infinite.
_JAVA_DOUBLE = re.compile(r"(?<![\w.])-?(?:[0-9]\.[0-9]+E-?[0-9]+|Infinity)(?![\w.])")


def _python_floats(line: str) -> str:
    """A message a query raised (sql_raise: Spark's raise_error) with the values in it that Spark
    wrote as text (a DOUBLE cast to STRING is Java's Double.toString: '1.0E30', 'Infinity') as
    Python writes them ('1e+30', 'inf'), as the user's values read on DuckDB."""
    if "[USER_RAISED_EXCEPTION]" not in line:
        return line
    return _JAVA_DOUBLE.sub(lambda m: repr(float(m.group().replace("Infinity", "inf"))), line)


def _statement(spark, sql: str):
    """The statement ``sql`` as a pyspark DataFrame. pyspark's ``spark.sql`` sends the text to the
    server at once, which parses and analyzes it to learn whether it is a command (run then), and
    the DataFrame's action analyzes it again: for a query, one round trip and one analysis more
    (a large plan's analysis is most of its cost). So a query (its first word SELECT or WITH:
    every query the core writes) becomes a DataFrame of Spark Connect's SQL relation directly
    (pyspark's own class, of the pinned requirements/spark.txt version), which runs once, at the
    action; anything else (a user's CREATE VIEW, SET, SHOW...) goes through ``spark.sql``."""
    if _QUERY.match(sql) is None:
        return spark.sql(sql)
    from pyspark.sql.connect.dataframe import DataFrame
    from pyspark.sql.connect.plan import SQL

    return DataFrame(SQL(sql, [], {}, []), spark)


_QUERY = re.compile(r"\s*(SELECT|WITH)\b", re.IGNORECASE)


def _files_read(frame) -> tuple[int, int]:
    """(bytes, files) Spark's scans of the query that `frame` ran read: its filesSize and
    numFiles metrics summed over the nodes of the executed plan (none known: (0, 0))."""
    info = getattr(frame, "executionInfo", None)
    if info is None or info.metrics is None:
        return 0, 0
    bytes_read = files = 0
    for node in info.metrics.extract_graph()[1].values():
        for m in node.metrics:
            if m.name == "filesSize":
                bytes_read += int(m.value)
            elif m.name == "numFiles":
                files += int(m.value)
    return bytes_read, files


class Runner:
    """The Spark engine's adapter: one Spark Connect session per cormorant session. The core
    calls it (with the GIL) for every query, view and interrupt; its errors are
    cormorant.exceptions errors, so the core raises them as they are."""

    def __init__(self, remote: str):
        self.remote = remote
        self.spark = connect(remote)
        self._gone = None  # what was being done when the server went away
        self._routines: dict[str, str] = {}  # registered user functions: name -> routine id
        self._files_read = (0, 0)  # (bytes, files) the last query's scans read

    @contextlib.contextmanager
    def _errors(self, doing: str, sql: str = ""):
        """Turns pyspark's errors while `doing` into cormorant's: a server that went away is an
        EngineConnectionError (and every later call raises one at once), a statement Spark
        refused an ExecutionError with the first line of Spark's message, a user function's
        failure on an executor its UdfExecutionError or RemoteFunctionError (`sql`: the
        statement, for the functions it calls when their Python worker died)."""
        if self._gone is not None:
            raise EngineConnectionError(
                f"the Spark Connect server at {self.remote} went away while {self._gone}; this session's "
                f"data on Spark went with it: start the server again (`bash scripts/spark.sh start` for the "
                f"loopback cluster) and open a new session", remote=self.remote)
        try:
            with warnings.catch_warnings():
                # (pyspark warns when its retries of an unreachable server run out: raised below)
                warnings.filterwarnings("ignore", r"\[RETRIES_EXCEEDED\]", UserWarning)
                yield
        except KeyboardInterrupt:
            with contextlib.suppress(Exception):
                self.spark.interruptAll()
            raise
        except Exception as e:
            from pyspark.errors import PySparkException

            try:
                check_reachable(self.remote, timeout=2.0)
            except EngineConnectionError:
                self._gone = doing
                raise EngineConnectionError(
                    f"the Spark Connect server at {self.remote} stopped answering while {doing}; start it "
                    f"again (`bash scripts/spark.sh start` for the loopback cluster) and open a new session. "
                    f"If its log ends with java.lang.OutOfMemoryError, it ran out of memory (scripts/spark.sh "
                    f"makes it exit then instead of hanging): give it more (SPARK_DRIVER_MEMORY=4g bash "
                    f"scripts/spark.sh start, or spark.driver.memory), or collect smaller results",
                    remote=self.remote) from None
            if "OPERATION_CANCELED" in str(e) or "interrupted" in _first_line(e).lower():
                raise QueryInterruptedError(f"the query on Spark was interrupted while {doing}") from None
            if not isinstance(e, PySparkException):
                raise
            from ._spark_functions import crashed, error_of

            carried = error_of(str(e))  # a user function's error on an executor
            if carried is None:
                carried = crashed(str(e), {n: r for n, r in self._routines.items() if n in sql})
            if carried is not None:
                raise carried from None
            if "No module named 'cormorant'" in str(e):
                raise ExecutionError(
                    f"Spark refused {doing}: the executors' Python cannot import cormorant, which runs user "
                    f"functions there; install the same cormorant (with pyarrow) in the Python that "
                    f"PYSPARK_PYTHON names on the workers (scripts/spark.sh uses the worktree's .venv)") from None
            if "[ARITHMETIC_OVERFLOW]" in _first_line(e):  # (ANSI mode: DuckDB's Int64 overflow too)
                # (Spark names the try_ function that would not raise: the operation, as DuckDB does)
                found = re.search(r"'try_(add|subtract|multiply)'", _first_line(e))
                what = (f"in {_OPERATIONS[found.group(1)]}" if found else
                        "(an addition, subtraction or product out of range)")
                raise ArithmeticOverflowError(
                    f"Int64 overflow on Spark {what}; convert to Float64 with astype() for larger values") from None
            raise ExecutionError(f"Spark refused {doing}: {_python_floats(_first_line(e))}") from None

    def query(self, sql: str):
        """The rows of the query ``sql``, as a pyarrow Table (or a reader of one empty batch)."""
        self._files_read = (0, 0)
        with self._errors("running a query", sql):
            frame = _statement(self.spark, sql)
            table = frame.toArrow()
        self._files_read = _files_read(frame)
        if table.num_rows == 0:
            # One batch without rows rather than none: the core gives a categorical column its
            # categories batch by batch, so a result of no batches would lose them.
            import pyarrow as pa

            empty = pa.RecordBatch.from_pylist([], schema=table.schema)
            return pa.RecordBatchReader.from_batches(table.schema, [empty])
        return table

    def files_read(self) -> tuple[int, int]:
        """(bytes, files) the scans of the last query() read: the sum of Spark's filesSize and
        numFiles metrics of its scan nodes (whole files; Spark reports no column chunk reads).
        After a write_parquet(): (0, 0), as Spark reports no metrics of a write."""
        return self._files_read

    def create_view(self, name: str, capsule) -> None:
        """Creates the temporary view ``name`` of the rows of an Arrow stream (a PyCapsule),
        with Spark types from their Arrow types (a timestamp without a zone is TIMESTAMP_NTZ)."""
        import pyarrow as pa
        from pyspark.sql.pandas.types import from_arrow_schema

        table = pa.table(_Stream(capsule))
        with self._errors("copying a DataFrame to Spark"):
            schema = from_arrow_schema(table.schema, prefer_timestamp_ntz=True)
            self.spark.createDataFrame(table, schema=schema).createOrReplaceTempView(name)

    def write_parquet(self, sql: str, folder: str, partition_column: str, row_group_rows: int, tag: str) -> None:
        """Writes the rows of the query ``sql`` with Spark's Parquet writer into the existing,
        empty ``folder``: by ``partition_column``'s values into Hive folders when it is not
        empty, with at most ``row_group_rows`` rows in a row group when positive. Each task
        writes its rows in the query's order (a partitioned write needs the query sorted by the
        partition column first: Spark then adds no sort of its own). The write's operation
        carries Spark Connect's operation tag ``tag``, so that another client of this Spark
        session can stop it (interrupt_tagged) when this process dies mid-write."""
        self._files_read = (0, 0)  # (Spark reports no metrics of a write: none are known)
        with self._errors("writing Parquet files", sql):
            writer = _statement(self.spark, sql).write.format("parquet").mode("append")
            # (no _SUCCESS marker: the caller commits the files itself)
            writer = writer.option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
            if row_group_rows > 0:
                writer = writer.option("parquet.block.row.count.limit", str(row_group_rows))
            if partition_column:
                writer = writer.partitionBy(partition_column)
            if tag:  # (tags are per thread: only this call's operation has it)
                self.spark.addTag(tag)
            try:
                writer.save(folder)
            finally:
                if tag:
                    self.spark.removeTag(tag)

    def session_address(self) -> str:
        """A Spark Connect URL that opens another client of this very Spark session: the URL
        with this session's ``session_id`` (and ``user_id``), for a later process to stop what
        this one left running (interrupt_tagged)."""
        base, _, params = self.remote.strip().partition(";")
        kept = [p for p in params.split(";") if p and not p.startswith(("session_id=", "user_id="))]
        kept.append(f"session_id={self.spark.session_id}")
        user = getattr(self.spark.client, "_user_id", None)
        if user:
            kept.append(f"user_id={user}")
        return base.rstrip("/") + "/;" + ";".join(kept)

    def interrupt_tagged(self, tag: str) -> bool:
        """Stops this Spark session's running operations tagged ``tag`` (Spark cancels their
        jobs) and returns whether there were any. This client is meant to be attached to a
        crashed process's Spark session (by its session_address): closing it then ends that
        session on the server. A session the server closed already (released, expired) runs
        nothing: its operations were interrupted then."""
        with self._errors("stopping a crashed session's writes"):
            try:
                return bool(self.spark.interruptTag(tag))
            except Exception as e:  # noqa: BLE001 - a closed session is no error here
                if "SESSION_CLOSED" in str(e) or "SESSION_NOT_FOUND" in str(e):
                    return False
                raise

    def register_function(self, name: str, spec: str, result_type: str) -> None:
        """Registers the user function that the portable description ``spec`` describes in
        this Spark session as ``name`` (an Arrow UDF run on the executors, returning Spark SQL
        type ``result_type``; cormorant._spark_functions)."""
        from ._spark_functions import spark_function

        with self._errors("registering a user function"), self._active():
            self.spark.udf.register(name, spark_function(spec, result_type))
        self._routines[name] = json.loads(spec).get("routine_id", name)

    @contextlib.contextmanager
    def _active(self):
        """This Spark session as pyspark's active one in this thread while the block runs:
        pyspark parses a UDF's result type with the active (else the default) session, and
        the default is gone once any other session of this process stopped."""
        from pyspark.sql.connect.session import SparkSession

        local = SparkSession._active_session
        before = getattr(local, "session", None)
        local.session = self.spark
        try:
            yield
        finally:
            local.session = before

    def create_query_view(self, name: str, sql: str) -> None:
        """Creates the temporary view ``name`` of the query ``sql``. Made from a DataFrame, the
        view keeps Spark's analyzed plan: the files ``sql`` reads are listed and their schema
        read (a Spark job for a Parquet footer) now, not in every query of the view, as they
        would be for a view of SQL text."""
        with self._errors("reading a Parquet file"):
            self.spark.sql(sql).createOrReplaceTempView(name)

    def drop_view(self, name: str) -> None:
        with self._errors("dropping a temporary view"):
            self.spark.catalog.dropTempView(name)

    def interrupt(self) -> None:
        """Stops this session's running queries (any thread)."""
        if self._gone is None:
            with contextlib.suppress(Exception):
                self.spark.interruptAll()

    def close(self) -> None:
        """Ends the Spark Connect session (the server drops its views)."""
        if self._gone is not None:
            # Nothing to end on the server: only the channel is closed (which also keeps
            # pyspark's exit hook from retrying the dead server).
            with contextlib.suppress(Exception):
                self.spark.client.close()
            return
        with contextlib.suppress(Exception), warnings.catch_warnings():
            warnings.filterwarnings("ignore", r"\[RETRIES_EXCEEDED\]", UserWarning)
            self.spark.stop()
