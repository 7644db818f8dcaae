"""Sessions and the read_* entry points."""

from __future__ import annotations

import atexit
import os
import re
import weakref
from typing import Sequence

from cormorant._lazy import pd
from cormorant import _convert, _to_arrow, exceptions
from cormorant import _core
from cormorant.arguments import take_pandas_arguments


_ENGINES = ("duckdb", "spark")


def check_engine_name(engine) -> str:
    """`engine` if it names an engine ("duckdb" or "spark"), else InvalidArgumentError."""
    if not isinstance(engine, str) or engine not in _ENGINES:
        raise exceptions.InvalidArgumentError(f'engine must be "duckdb" or "spark", got {engine!r}')
    return engine


def _check_engine(engine, spark_remote) -> tuple[str, str]:
    """(engine, spark_remote) checked: the engine's name, and the Spark Connect URL that the
    Spark engine needs and the other refuses (InvalidArgumentError, EngineConnectionError)."""
    if check_engine_name(engine) == "duckdb":
        if spark_remote is not None:
            raise exceptions.InvalidArgumentError(
                'spark_remote is given but the engine is "duckdb"; pass engine="spark" to run on Spark')
        return engine, ""
    if spark_remote is None:
        raise exceptions.InvalidArgumentError(
            'engine="spark" needs spark_remote, the URL of a Spark Connect server (for example '
            '"sc://127.0.0.1:15002"; `bash scripts/spark.sh start` starts a loopback cluster and prints it), '
            "or cpd.options.session.spark_remote")
    from cormorant import _spark

    _spark.parse_remote(spark_remote)
    return engine, spark_remote


def _check_max_partitions(value) -> int:
    """``value`` if it is a positive int that fits the core, else InvalidArgumentError."""
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value < 2**63:
        raise exceptions.InvalidArgumentError(f"max_partitions must be a positive int, got {value!r}")
    return value


class Session:
    """A session over an embedded warehouse (a directory, or ``":memory:"``).

    The default warehouse is ``$CORMORANT_WAREHOUSE``, else
    ``$XDG_DATA_HOME/cormorant/warehouse``, else ``~/.local/share/cormorant/warehouse``.
    """

    def __init__(
        self,
        warehouse: str | os.PathLike | None = None,
        threads: int = 0,
        *,
        ordering_mode: str | None = None,
        maximum_bytes_billed: int | None = None,
        max_partitions: int | None = None,
        workers: int | None = None,
        engine: str | None = None,
        spark_remote: str | None = None,
    ):
        """``workers`` is the default of the session's UDFs declared without ``workers=``
        (see ``cpd.udf``): N worker processes, 0 for this process, None to choose by input size.

        ``engine`` runs the session's queries on "duckdb" (embedded, the default) or "spark"
        (Apache Spark through Spark Connect at ``spark_remote``, "sc://host:port"); defaults:
        ``cpd.options.session.engine`` and ``spark_remote``. A Spark session raises
        EngineConnectionError when no server answers there."""
        from cormorant.options import options
        from cormorant.udf import check_workers

        self.workers = check_workers(workers)
        if engine is None:
            engine = options.session.engine
            if spark_remote is None and engine == "spark":
                spark_remote = options.session.spark_remote
        engine, spark_remote = _check_engine(engine, spark_remote)

        self._core = _core.Session(
            os.fspath(warehouse) if warehouse is not None else "",
            threads,
            ordering_mode or options.session.ordering_mode,
            maximum_bytes_billed if maximum_bytes_billed is not None else options.compute.maximum_bytes_billed,
            _check_max_partitions(max_partitions if max_partitions is not None else options.compute.max_partitions),
            engine,
            spark_remote,
            options.session.spark_frame_bytes,
        )
        self._pid = os.getpid()
        _open_sessions.add(self)

    @property
    def session_id(self) -> str:
        """This session's unique id."""
        return self._core.id

    @property
    def engine(self) -> str:
        """The engine the session's queries run on: "duckdb" or "spark"."""
        return self._core.engine

    @property
    def warehouse(self) -> str:
        """The warehouse directory ('' for an in-memory session)."""
        return self._core.warehouse

    def close(self) -> None:
        """Removes the session's temporary tables and artifacts and releases the table versions
        it read; its DataFrames can no longer run. Open sessions are closed at interpreter exit."""
        self._core.close()

    def __enter__(self) -> "Session":
        """``with cpd.Session(...) as s:`` closes ``s`` when the block ends, as bigframes does."""
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- ordering and cost ---------------------------------------------------------------
    @property
    def ordering_mode(self) -> str:
        """"strict" or "partial"; setting it applies to later reads."""
        return self._core.ordering_mode

    @ordering_mode.setter
    def ordering_mode(self, mode: str) -> None:
        self._core.ordering_mode = mode

    @property
    def maximum_bytes_billed(self) -> int | None:
        """Queries estimated to process more bytes are refused (QueryTooLargeError)."""
        return self._core.maximum_bytes_billed

    @maximum_bytes_billed.setter
    def maximum_bytes_billed(self, value: int | None) -> None:
        self._core.maximum_bytes_billed = value

    @property
    def max_partitions(self) -> int:
        """A table write that would give the table more partitions than this raises
        TooManyPartitionsError and writes nothing (default 10,000, BigQuery's limit)."""
        return self._core.max_partitions

    @max_partitions.setter
    def max_partitions(self, value: int) -> None:
        self._core.max_partitions = _check_max_partitions(value)

    @property
    def last_query(self):
        """The stats of the last query the session ran (bytes_processed, files_scanned,
        files_total, row_groups_scanned, row_groups_total, rows, elapsed_seconds, sql)."""
        return self._core.last_query

    @property
    def totals(self) -> dict:
        """Running sums over the session's queries: queries, bytes_processed, elapsed_seconds."""
        return self._core.totals

    @property
    def engine_statements(self) -> int:
        """How many statements the engine has run or prepared for this session: queries,
        probes of a source's columns, settings, reading the stats' log. What a program costs
        in round trips (tests count them); asks the engine nothing."""
        return self._core.engine_statements

    # -- the warehouse -------------------------------------------------------------------
    def read_table(self, table_id: str, *, index_col=(), columns=(), filters=()):
        """Reads a managed table ("dataset.table") lazily, in its stored order.

        `index_col` names columns for the index, or is ``DefaultIndexKind.NULL`` for no index;
        `columns` selects columns; `filters` are ``[(column, op, value), ...]`` (all must hold)
        or a list of such lists (any must hold), with op one of ==, !=, <, <=, >, >=, in,
        not in. Reading a partitioned or clustered table in strict mode with neither index_col
        nor filters warns (DefaultIndexWarning).
        """
        import warnings

        from cormorant.enums import DefaultIndexKind
        from cormorant.frame import DataFrame

        null_index = index_col is DefaultIndexKind.NULL
        if null_index or index_col is DefaultIndexKind.SEQUENTIAL_INT64 or index_col is None:
            keys = []
        else:
            keys = [index_col] if isinstance(index_col, str) else list(index_col)
        if isinstance(columns, str):
            columns = [columns]
        groups = _filter_groups(filters)
        frame = DataFrame(self._core.read_table(table_id, keys, list(columns), groups, null_index))
        if self._core.ordering_mode == "strict" and not keys and not null_index and not groups:
            info = self._core.describe_table(table_id)
            if info["partitioning"] or info["clustering"]:
                warnings.warn(
                    f"{table_id} is partitioned or clustered; in strict ordering mode its sequential default "
                    "index numbers every row, so operations that observe it (head, iloc, repr, alignment) may "
                    "read the whole table. Pass index_col=..., filters=..., or "
                    "index_col=cpd.enums.DefaultIndexKind.NULL, or set "
                    'cpd.options.session.ordering_mode = "partial".',
                    exceptions.DefaultIndexWarning,
                    stacklevel=2,
                )
        return frame

    def describe_table(self, table_id: str) -> dict:
        """A table's columns, partitioning, clustering, rows, bytes, files and row groups."""
        return self._core.describe_table(table_id)

    def list_datasets(self) -> list[str]:
        return self._core.list_datasets()

    def list_tables(self, dataset: str) -> list[str]:
        return self._core.list_tables(dataset)

    def create_dataset(self, dataset: str) -> None:
        self._core.create_dataset(dataset)

    def drop_table(self, table_id: str) -> None:
        self._core.drop_table(table_id)

    def clean_up_by_session_id(self, session_id: str) -> int:
        """Removes what the closed or crashed session `session_id` left in the warehouse: its
        artifacts, unfinished writes and the table versions only it still read. Raises
        SessionActiveError while that session is open (in any process). Returns how many
        folders were removed."""
        return self._core.clean_up_by_session_id(session_id)

    # -- functions (see cormorant.udf) -------------------------------------------------------
    def udf(self, func=None, **kwargs):
        """``@session.udf(...)``: a UDF stored in this session's warehouse (see ``cpd.udf``)."""
        from cormorant import udf

        return udf.udf(func, session=self, **kwargs)

    def read_function(self, routine_id: str, *, workers: int | None = None):
        """A stored routine ("dataset.name") as a usable UDF, without its Python definition
        (bigframes' read_gbq_function); ``workers=N`` runs it in worker processes."""
        from cormorant import remote, udf

        info = _core.read_routine(self._core, routine_id)
        if "endpoint" in info:
            return remote.RemoteFunction._from_routine(info, self)
        f = udf.Udf._from_routine(info)
        f.workers = udf.check_workers(workers) if workers is not None else self.workers
        return f

    def remote_function(self, func=None, **kwargs):
        """``@session.remote_function(...)``: a function deployed on this session's warehouse's
        function service (see ``cpd.remote_function``)."""
        from cormorant import remote

        return remote.remote_function(func, session=self, **kwargs)

    def create_remote_function(self, routine_id: str, **kwargs):
        """Registers an HTTP endpoint speaking BigQuery's remote-function protocol as a routine
        (see ``cpd.create_remote_function``)."""
        from cormorant import remote

        return remote.create_remote_function(routine_id, session=self, **kwargs)

    def list_connections(self) -> list[dict]:
        return _core.list_connections(self._core)

    def create_connection(self, name: str) -> str:
        return _core.create_connection(self._core, name)

    def delete_connection(self, name: str) -> None:
        _core.delete_connection(self._core, name)

    def grant_invoke(self, routine_id: str, connection: str) -> None:
        _core.grant_invoke(self._core, routine_id, connection)

    def revoke_invoke(self, routine_id: str, connection: str) -> None:
        _core.revoke_invoke(self._core, routine_id, connection)

    def list_routines(self, dataset: str) -> list[str]:
        return _core.list_routines(self._core, dataset)

    def describe_routine(self, routine_id: str) -> dict:
        """A routine's catalog entry: source, types, packages, Python version, hashes, creator."""
        return _core.describe_routine(self._core, routine_id)

    def delete_routine(self, routine_id: str) -> None:
        _core.delete_routine(self._core, routine_id)

    def read_csv(
        self,
        filepath_or_buffer,
        *,
        sep: str = ",",
        header: int | None | str = "infer",
        na_values: Sequence[str] | None = None,
        usecols=None,
        index_col: int | str | Sequence[int | str] | None = None,
        encoding: str | None = None,
    ):
        """Reads a CSV file into the session, with pandas' defaults (header row, pandas' NA strings,
        blank lines skipped, pandas' labels: "Unnamed: i" for an empty header field, "a.1" for a
        repeated one, 0..n-1 with header=None). `usecols` takes labels, positions or a callable of
        a label. `encoding` is the file's text encoding, a Python codec name (default utf-8).

        Like pandas, the whole file is read (into a session table), so later evaluations see the
        rows the session first read. `index_col` names (or numbers) the columns to use as the index.
        """
        from cormorant.frame import DataFrame

        if not isinstance(filepath_or_buffer, (str, os.PathLike)):
            raise exceptions.UnsupportedError(
                "read_csv reads files by path only; for an in-memory buffer use "
                "read_pandas(pandas.read_csv(buffer))"
            )
        if header not in ("infer", 0, None):
            raise exceptions.UnsupportedError("read_csv supports header='infer', 0 or None only")
        if isinstance(na_values, str):
            na_values = [na_values]
        if isinstance(na_values, dict):
            raise exceptions.UnsupportedError(
                "read_csv: na_values of each column (a dict) is not supported; give a list of strings for every column"
            )
        if usecols is not None and not callable(usecols):
            usecols = [usecols] if isinstance(usecols, (str, int)) else list(usecols)
            if not (all(isinstance(c, str) for c in usecols) or all(isinstance(c, int) and not isinstance(c, bool) for c in usecols)):
                raise exceptions.InvalidArgumentError(
                    "'usecols' must either be list-like of all strings, all unicode, all integers or a callable."
                )
        frame = DataFrame(
            self._core.read_csv(
                os.fspath(filepath_or_buffer), sep, header is not None, list(na_values or []), [], encoding or "utf-8"
            )
        )
        names = list(frame.columns)
        if header is None:  # pandas numbers the columns
            names = list(range(len(names)))
            frame.columns = names
        # The labels the core gave the header's empty fields: an index of them has no name, as in pandas.
        unnamed = {c for i, c in enumerate(names) if c == f"Unnamed: {i}"}
        if usecols is not None:
            # pandas keeps the file's column order whatever the order of usecols.
            if callable(usecols):
                keep = [c for c in names if usecols(c)]
            elif usecols and isinstance(usecols[0], int):
                missing = [i for i in usecols if not 0 <= i < len(names)]
                if missing:
                    raise exceptions.InvalidArgumentError(
                        f"Usecols do not match columns, columns expected but not found: {missing}"
                    )
                positions = set(usecols)
                keep = [c for i, c in enumerate(names) if i in positions]
            else:
                missing = [c for c in usecols if c not in names]
                if missing:
                    raise exceptions.InvalidArgumentError(
                        f"Usecols do not match columns, columns expected but not found: {missing}"
                    )
                keep = [c for c in names if c in set(usecols)]
            # pandas reads no rows when no column is kept: (0, 0), as for a file of no columns.
            frame = frame[keep] if keep else frame[[]].head(0)
        if index_col is not None and index_col is not False:
            keys = index_col if isinstance(index_col, (list, tuple)) else [index_col]
            columns = list(frame.columns)
            keys = [columns[k] if isinstance(k, int) else k for k in keys]
            frame = frame.set_index(keys)
            if any(k in unnamed for k in keys):
                frame = frame.rename_axis([None if k in unnamed else k for k in keys])
        return frame

    def read_parquet(self, path, *, index_col=None):
        """Reads Parquet files (a path or a glob) lazily, in file and row order.
        `index_col` names columns for the index, or is ``DefaultIndexKind.NULL`` for none."""
        from cormorant.enums import DefaultIndexKind
        from cormorant.frame import DataFrame

        null_index = index_col is DefaultIndexKind.NULL
        frame = DataFrame(self._core.read_parquet(os.fspath(path), null_index))
        categoricals = _parquet_categoricals(os.fspath(path)) if _may_hold_dictionaries(self._core, os.fspath(path)) else {}
        if categoricals:
            frame = frame.astype(categoricals)
        if null_index or index_col is None or index_col is DefaultIndexKind.SEQUENTIAL_INT64:
            return frame
        return frame.set_index(index_col if isinstance(index_col, (list, tuple)) else [index_col])

    def read_pandas(self, pandas_dataframe: pd.DataFrame | pd.Series):
        """Brings a pandas DataFrame or Series (and its index) into the session, copied through Arrow."""
        return read_pandas_into(self._core, pandas_dataframe)

    def read_json(self, path_or_buf, *, orient: str | None = None, lines: bool = False, convert_dates: bool = True,
                  keep_default_dates: bool = True):
        """Reads newline-delimited JSON (lines=True) into the session, in file order, with the
        dtypes pandas' read_json(lines=True, dtype_backend="numpy_nullable") gives: numbers,
        booleans and text by their values (whole numbers Int64), keys named like dates
        (ending in "_at" or "_time", starting with "timestamp", "modified", "date",
        "datetime") as datetime64 from ISO 8601 text or seconds/milliseconds/microseconds since
        1970 (unless convert_dates or keep_default_dates is False), arrays and objects of plain
        values as list and struct columns. A key whose values pandas can only hold as Python
        objects (several JSON kinds, objects of different keys) raises UnsupportedError naming it.
        Without lines=True, a whole document in pandas' `orient` (default 'columns'; also
        'records', 'index', 'split', 'values'; integer index labels); lines that are arrays or
        scalars are pandas' columns 0, 1, ... The same dtypes as pandas' in each case."""
        from cormorant.frame import DataFrame

        if not isinstance(path_or_buf, (str, os.PathLike)):
            raise exceptions.UnsupportedError("read_json reads files by path only")
        if not isinstance(convert_dates, bool) or not isinstance(keep_default_dates, bool):
            raise exceptions.UnsupportedError(
                f"read_json: convert_dates={convert_dates!r}, keep_default_dates={keep_default_dates!r}: "
                "cormorant takes True or False for each (a list of columns is not supported yet)"
            )
        path = os.fspath(path_or_buf)
        if lines and orient not in (None, "records"):
            raise exceptions.UnsupportedError(f"read_json(lines=True) reads orient='records' (pandas' only one), got {orient!r}")
        if not os.path.exists(path):
            raise exceptions.SourceNotFoundError(
                f"no such file: '{path}'; check the path (relative paths start at {os.getcwd()})")
        if _blank_file(path):  # pandas reads a file of no lines (or blank ones) as (0, 0)
            return self.read_pandas(pd.DataFrame())
        from cormorant import json_orients

        dates = convert_dates and keep_default_dates
        rows = json_orients.lines_rows(path) if lines else json_orients.document_rows(path, orient)
        if rows is None:
            return DataFrame(self._core.read_json(path, dates))
        if not rows.objects:
            return self.read_pandas(pd.DataFrame())
        return _read_rows(self, rows, dates, path)

    def read_sql(self, query: str):
        """The rows of a SQL query run in the session's engine. They have no order of their
        own: cormorant orders them by two independent hashes of all columns, so repeated
        evaluations agree."""
        from cormorant.frame import DataFrame

        return DataFrame(self._core.read_sql(query))

    def execute_sql(self, query: str):
        """Runs SQL as it is and returns a pyarrow Table (no pandas semantics)."""
        import pyarrow as pa

        return pa.table(self._core.execute_sql(query))

    def interrupt(self) -> None:
        """Stops the query this session is running, from another thread: that query raises
        QueryInterruptedError and the session stays usable. Does nothing when no query runs."""
        self._core.interrupt()


_global_session: Session | None = None

# pandas' keywords of read_csv/read_parquet/read_json that the readers do not take raise
# UnsupportedError naming them (pandas' defaults are accepted), not Python's TypeError.
take_pandas_arguments(Session, "cormorant.pandas", lambda _: pd, names=("read_csv", "read_parquet", "read_json"))

# Every session still open, closed at interpreter exit so that no sessions/<id>/ folder stays
# behind (a forked child leaves its parent's sessions alone).
_open_sessions: "weakref.WeakSet[Session]" = weakref.WeakSet()


@atexit.register
def _close_sessions_at_exit() -> None:
    global _global_session
    for session in list(_open_sessions):
        if session._pid == os.getpid():
            try:
                session.close()
            except Exception:  # noqa: BLE001 - exiting: a failure leaves leftovers for clean-up
                pass
    _global_session = None


def get_global_session() -> Session:
    """The session the module-level functions use, created on first use."""
    global _global_session
    if _global_session is None:
        _global_session = Session()
    return _global_session


def close_session() -> None:
    """Closes the global session (removing its temporary tables); the next read_* call opens
    a new one with a fresh session id."""
    global _global_session
    if _global_session is not None:
        _global_session.close()
    _global_session = None


def _filter_value(value):
    """A filter value as the core takes it: timestamps and dates as ISO text."""
    import datetime

    if isinstance(value, (list, tuple, set)):
        return [_filter_value(v) for v in value]
    return _convert.scalar(value)  # dates and timestamps as typed Moments


def _filter_groups(filters) -> list:
    """bigframes' filters as a list of lists of (column, op, value)."""
    filters = list(filters or [])
    if not filters:
        return []
    if all(isinstance(f, tuple) for f in filters):
        filters = [filters]
    groups = []
    for group in filters:
        if not isinstance(group, (list, tuple)) or not all(isinstance(f, tuple) and len(f) == 3 for f in group):
            raise exceptions.InvalidArgumentError(
                "filters are [(column, op, value), ...] or a list of such lists (for OR)"
            )
        groups.append([(c, op, _filter_value(v)) for c, op, v in group])
    return groups


def read_table(table_id: str, **kwargs):
    """Reads a managed table of the warehouse (see Session.read_table)."""
    return get_global_session().read_table(table_id, **kwargs)


def describe_table(table_id: str) -> dict:
    return get_global_session().describe_table(table_id)


def list_datasets() -> list[str]:
    return get_global_session().list_datasets()


def list_tables(dataset: str) -> list[str]:
    return get_global_session().list_tables(dataset)


def drop_table(table_id: str) -> None:
    get_global_session().drop_table(table_id)


def clean_up_by_session_id(session_id: str) -> int:
    """Removes what a crashed session left in the default warehouse (see
    Session.clean_up_by_session_id)."""
    return get_global_session().clean_up_by_session_id(session_id)


def udf(func=None, **kwargs):
    """``@cpd.udf(input_types=..., output_type=..., dataset=None, name=None, packages=None,
    max_batching_rows=None)``: a self-contained Python function as a routine that runs inside
    queries (see cormorant.udf)."""
    from cormorant import udf as _udf

    return _udf.udf(func, **kwargs)


def remote_function(func=None, **kwargs):
    """``@cpd.remote_function(input_types=..., output_type=..., dataset=None, connection=None,
    name=None, reuse=True, packages=None, max_batching_rows=None, timeout=None,
    max_instances=None)``: a function deployed on the warehouse's function service (see
    cormorant.remote)."""
    from cormorant import remote

    return remote.remote_function(func, **kwargs)


def create_remote_function(routine_id: str, **kwargs):
    return get_global_session().create_remote_function(routine_id, **kwargs)


def list_connections() -> list[dict]:
    return get_global_session().list_connections()


def create_connection(name: str) -> str:
    return get_global_session().create_connection(name)


def delete_connection(name: str) -> None:
    get_global_session().delete_connection(name)


def grant_invoke(routine_id: str, connection: str) -> None:
    get_global_session().grant_invoke(routine_id, connection)


def revoke_invoke(routine_id: str, connection: str) -> None:
    get_global_session().revoke_invoke(routine_id, connection)


def read_function(routine_id: str, *, workers: int | None = None):
    return get_global_session().read_function(routine_id, workers=workers)


def list_routines(dataset: str) -> list[str]:
    return get_global_session().list_routines(dataset)


def describe_routine(routine_id: str) -> dict:
    return get_global_session().describe_routine(routine_id)


def delete_routine(routine_id: str) -> None:
    get_global_session().delete_routine(routine_id)


def read_csv(filepath_or_buffer, **kwargs):
    """Reads a CSV file lazily into a DataFrame (see Session.read_csv)."""
    return get_global_session().read_csv(filepath_or_buffer, **kwargs)


def read_parquet(path, **kwargs):
    """Reads Parquet files lazily into a DataFrame (see Session.read_parquet)."""
    return get_global_session().read_parquet(path, **kwargs)


def _may_hold_dictionaries(core_session, path: str) -> bool:
    """False when no Parquet file of `path` can hold a dictionary column for pyarrow: each file's
    Arrow schema (its "ARROW:schema" metadata, which the engine reads for us) has none, or the
    file has no Arrow schema (pyarrow then reads no dictionaries). Saves opening every file
    again with pyarrow.parquet (its import and footer read: ~10-15 MB of memory per process).
    True, so that _parquet_categoricals looks, whenever a schema cannot be read here."""
    import base64
    import binascii

    import pyarrow as pa
    import pyarrow.ipc  # noqa: F401  (pa.ipc)

    try:
        values = pa.table(core_session.parquet_key_values(path, "ARROW:schema")).column("value").to_pylist()
    except exceptions.CormorantError:
        return True
    for value in values:
        if value is None:
            continue
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raw = value  # (pyarrow also takes a schema stored without base64)
        try:
            schema = pa.ipc.read_schema(pa.py_buffer(raw))
        except (pa.ArrowException, ValueError, TypeError):
            return True
        if any(pa.types.is_dictionary(field.type) for field in schema):
            return True
    return False


def _parquet_categoricals(path: str) -> dict:
    """{column: CategoricalDtype} of the dictionary columns of Parquet files (pandas writes its
    categoricals so, with their categories and `ordered`), as pandas' read_parquet gives them: the
    dictionaries of every row group, united in order of appearance, and the first file's `ordered`. The engine reads those
    columns as their values; astype then gives them pandas' codes, order and comparisons. Reads
    each such column once, with pyarrow; categories of dtypes cormorant has no categoricals of
    (dates, ...) stay plain values."""
    import glob

    import pyarrow as pa
    import pyarrow.parquet as pq

    files = sorted(glob.glob(path)) if glob.has_magic(path) else [path]
    categories: dict = {}
    ordered: dict = {}
    for file in files:
        if not os.path.isfile(file):
            return {}  # (a folder or a missing file: the engine's read has spoken of it)
        parquet = pq.ParquetFile(file)
        for field in parquet.schema_arrow:
            if not pa.types.is_dictionary(field.type):
                continue
            seen = categories.setdefault(field.name, {})
            ordered.setdefault(field.name, field.type.ordered)  # the first file's, as pyarrow's dataset schema
            for chunk in parquet.read(columns=[field.name]).column(0).chunks:
                for value in chunk.dictionary.to_pylist():
                    seen.setdefault(value, None)
    out = {}
    for name, values in categories.items():
        dtype = pd.CategoricalDtype(list(values), ordered=ordered[name])
        try:
            _convert.categorical_spec(name, name, dtype)
        except exceptions.DTypeError:
            continue
        out[name] = dtype
    return out


def read_pandas_into(core_session, pandas_dataframe: pd.DataFrame | pd.Series):
    """A pandas DataFrame or Series (and its index) copied into a core session (a Session's, or
    a frame's: frame._core.session), through Arrow."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if isinstance(pandas_dataframe, pd.Series):
        series = pandas_dataframe
        label = series.name if isinstance(series.name, (str, int)) else 0  # errors speak of it
        frame = read_pandas_into(core_session, series.to_frame(name=label))
        return Series(frame._core.column(label).rename(series.name))
    if not isinstance(pandas_dataframe, pd.DataFrame):
        raise exceptions.DTypeError(f"read_pandas takes a pandas DataFrame, got {type(pandas_dataframe).__name__}")
    stream, index_columns, index_names, labels, column_levels, categoricals = _to_arrow.pandas_to_arrow_stream(
        pandas_dataframe
    )
    try:
        core = core_session.read_arrow(stream.__arrow_c_stream__(), index_columns, index_names, labels, column_levels,
                                       categoricals)
    except exceptions.UnsupportedError as e:  # (the engine's columns are named by position: name the user's)
        shown = {f"c{i}": repr(lab) for i, lab in enumerate(labels)}
        shown.update({c: repr(n) for c, n in zip(index_columns, index_names)})
        raise type(e)(re.sub(r"column '(c\d+|__index_level_\d+__)'", lambda m: "column " + shown.get(m[1], repr(m[1])),
                             str(e))) from None
    out = DataFrame(core)
    if not labels and index_columns and _to_arrow.is_default_index(pandas_dataframe.index):
        out = out.reset_index(drop=True)  # rows without columns came as their index: the default one again
    freq = getattr(pandas_dataframe.index, "freq", None)  # (a date_range's, kept as pandas keeps it)
    return out if freq is None else _convert.with_index_freq(out, freq)


def read_pandas(pandas_dataframe: pd.DataFrame | pd.Series):
    """Brings a pandas DataFrame or Series (and its index) into cormorant."""
    return get_global_session().read_pandas(pandas_dataframe)


def _blank_file(path: str) -> bool:
    """Whether the file at `path` holds only whitespace (files past 1 MiB are not read for it)."""
    try:
        if os.path.getsize(path) > 1 << 20:
            return False
        with open(path, "rb") as f:
            return f.read().strip() == b""
    except OSError:
        return False  # (the core says what is wrong with the path)


def read_json(path_or_buf, *, orient: str | None = None, lines: bool = False, convert_dates: bool = True,
              keep_default_dates: bool = True):
    """Reads JSON (see Session.read_json)."""
    return get_global_session().read_json(
        path_or_buf, orient=orient, lines=lines, convert_dates=convert_dates, keep_default_dates=keep_default_dates
    )


def _read_rows(session, rows, dates: bool, source: str):
    """A frame of `rows` (json_orients.Rows, read from `source`) read by the engine's JSON reader."""
    from cormorant import json_orients
    from cormorant.frame import DataFrame

    index_key = "__cormorant_index__"
    while any(index_key in o for o in rows.objects[:1000]) or (rows.columns and index_key in rows.columns):
        index_key += "_"
    path = json_orients.write_objects(rows, index_key)
    try:
        frame = DataFrame(session._core.read_json(path, dates))
    except exceptions.CormorantError as e:  # (name the user's file)
        raise type(e)(str(e).replace(path, source)) from None
    finally:
        os.unlink(path)
    if rows.index is not None:
        frame = frame.set_index(index_key).rename_axis(None)
    if rows.columns is not None:
        missing = [c for c in rows.columns if c not in frame.columns]
        if missing:
            raise exceptions.UnsupportedError(f"read_json: column {missing[0]!r} has no values; cormorant cannot type it")
        frame = frame[rows.columns]
    if rows.positional:
        frame = frame.rename(columns={c: int(c) for c in frame.columns})
    return frame


def read_sql(query: str):
    """The rows of a SQL query (see Session.read_sql)."""
    return get_global_session().read_sql(query)


def merge(left, right, **kwargs):
    """Database-style join of two DataFrames on columns (see DataFrame.merge)."""
    return left.merge(right, **kwargs)

