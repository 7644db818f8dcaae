"""User-defined functions: Python functions that run inside queries (bigframes' ``@udf``).

``@cpd.udf`` checks that the function is self-contained, stores it as a routine and makes it
an engine function: ``Series.apply``/``map``/``combine`` and ``DataFrame.apply(axis=1)``
compile it into the plan, and the engine calls it for each chunk of rows, taking the GIL only
for the chunk (python/src/udf_values.cpp converts the common dtypes in C++ and calls the
function row by row; pyarrow converts the others).
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import hashlib
import inspect
import json
import numbers
import operator
import os
import sys
import traceback
import typing

import numpy as np
import pyarrow as pa

from cormorant import _convert, _core, _transpile, exceptions
from cormorant._routine_source import check


class _RowSeries:
    """``input_types=cpd.Series`` marker: the function receives a row as a pandas Series."""


def _is_int(t: type) -> bool:
    return issubclass(t, numbers.Integral) and not issubclass(t, (bool, np.bool_))


def _is_naive(v) -> bool:
    return v.tzinfo is None


def _is_aware(v) -> bool:
    return v.tzinfo is not None and v.utcoffset() is not None


# Python type -> (cormorant dtype, Arrow type of results, which result types it accepts).
_TYPES: dict[object, tuple[str, pa.DataType, typing.Callable[[type], bool]]] = {
    bool: ("boolean", pa.bool_(), lambda t: issubclass(t, (bool, np.bool_))),
    int: ("Int64", pa.int64(), _is_int),
    float: ("Float64", pa.float64(), lambda t: _is_int(t) or issubclass(t, numbers.Real) and not issubclass(t, (bool, np.bool_))),
    str: ("string", pa.string(), lambda t: issubclass(t, str)),
    bytes: ("binary[pyarrow]", pa.binary(), lambda t: issubclass(t, (bytes, bytearray))),
    _decimal.Decimal: ("decimal128(38, 9)[pyarrow]", pa.decimal128(38, 9),
                       lambda t: issubclass(t, _decimal.Decimal) or _is_int(t)),
    _dt.date: ("date32[day][pyarrow]", pa.date32(), lambda t: issubclass(t, _dt.date) and not issubclass(t, _dt.datetime)),
    _dt.datetime: ("datetime64[us]", pa.timestamp("us"), lambda t: issubclass(t, _dt.datetime)),
}
_PYTHON_TYPES = {dtype: t for t, (dtype, _, _) in _TYPES.items()}
# A UTC datetime has no Python type of its own: it is declared by its dtype.
_UTC = "datetime64[us, UTC]"
_UTC_ARROW = pa.timestamp("us", tz="UTC")
# Which values of an accepted type a dtype takes (naive datetimes for naive, aware for UTC).
_VALUE_CHECKS = {"datetime64[us]": (_is_naive, "a naive datetime (tzinfo=None)"),
                 _UTC: (_is_aware, "an aware datetime (any zone, stored as its UTC instant)")}
_LIST_PREFIX, _LIST_SUFFIX = "list<item: ", ">[pyarrow]"
_SUPPORTED = ("int, float, bool, str, bytes, decimal.Decimal, datetime.date, datetime.datetime (naive), "
              "'datetime64[us, UTC]', or list[T] of one of these")


def _type_name(t) -> str:
    if typing.get_origin(t) is list or isinstance(t, str):
        return str(t)
    return getattr(t, "__name__", repr(t))


def _item_name(dtype: str) -> str:
    """pyarrow's name of the Arrow type of dtype `dtype` (a list's item type)."""
    return str(_UTC_ARROW if dtype == _UTC else _TYPES[_PYTHON_TYPES[dtype]][1])


def _list_item(dtype: str) -> str | None:
    """The item dtype of a list dtype name, None for other dtypes."""
    if dtype.startswith(_LIST_PREFIX) and dtype.endswith(_LIST_SUFFIX):
        name = dtype[len(_LIST_PREFIX):-len(_LIST_SUFFIX)]
        for item in [*_PYTHON_TYPES, _UTC]:
            if _item_name(item) == name:
                return item
    return None


def _dtype_of(t, what: str) -> str:
    """The cormorant dtype name a declared argument or result type stands for."""
    if t in _TYPES:
        return _TYPES[t][0]
    if typing.get_origin(t) is list:
        args = typing.get_args(t)
        if len(args) == 1 and typing.get_origin(args[0]) is not list:
            return _LIST_PREFIX + _item_name(_dtype_of(args[0], what)) + _LIST_SUFFIX
        raise exceptions.UdfDefinitionError(f"{what} type {_type_name(t)} is not supported; a list type takes one item type, not a list; use {_SUPPORTED}")
    if t is list:
        raise exceptions.UdfDefinitionError(f"{what} type list needs its item type, e.g. list[int]")
    if isinstance(t, str) and (t in _PYTHON_TYPES or t == _UTC or _list_item(t)):
        return t
    import pandas as pd

    if isinstance(t, pd.DatetimeTZDtype) or isinstance(t, str) and t.startswith("datetime64["):
        if str(t) in (_UTC, "datetime64[ns, UTC]"):
            return _UTC
        raise exceptions.UdfDefinitionError(
            f"{what} type {t} is not supported: UDFs take and return naive or UTC datetimes; convert with .dt.tz_convert('UTC')"
        )
    raise exceptions.UdfDefinitionError(f"{what} type {_type_name(t)!s} is not supported; use {_SUPPORTED}")


def _python_type(dtype: str):
    """The Python type a UDF of `dtype` is shown as (list[int], datetime.datetime, ...)."""
    item = _list_item(dtype)
    if item is not None:
        return list[_python_type(item)]
    return _dt.datetime if dtype == _UTC else _PYTHON_TYPES[dtype]


def _signature_types(func, input_types, output_type):
    """The declared argument and result types, from the arguments or else the annotations."""
    hints = typing.get_type_hints(func) if hasattr(func, "__annotations__") else {}
    params = list(inspect.signature(func).parameters.values())
    if input_types is None:
        missing = [p.name for p in params if p.name not in hints]
        if missing:
            raise exceptions.UdfDefinitionError(
                f"{func.__qualname__}: give input_types= or annotate parameter(s) {', '.join(missing)}"
            )
        input_types = [hints[p.name] for p in params]
    elif not isinstance(input_types, (list, tuple)):
        input_types = [input_types]
    if output_type is None:
        if "return" not in hints:
            raise exceptions.UdfDefinitionError(f"{func.__qualname__}: give output_type= or annotate its return type")
        output_type = hints["return"]
    if len(input_types) != len(params):
        raise exceptions.UdfDefinitionError(
            f"{func.__qualname__} takes {len(params)} argument(s) but input_types names {len(input_types)}"
        )
    return list(input_types), output_type


def _python_version() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


class Udf:
    """A Python function that runs inside queries. Call it like the original function;
    pass it to ``Series.apply``/``map``/``combine`` or ``DataFrame.apply(axis=1)`` to run
    it on every row in the engine. ``routine_id`` names the routine it is stored as and
    ``created`` says whether defining it wrote that routine (False: an identical one was
    reused)."""

    def __init__(self, func, input_types, output_type, *, dataset=None, name=None, packages=None,
                 max_batching_rows=None, workers=None, session=None, transpile=True):
        source = check(func)
        input_types, output_type = _signature_types(func, input_types, output_type)
        if max_batching_rows is not None and (isinstance(max_batching_rows, bool) or not isinstance(max_batching_rows, int) or max_batching_rows < 1):
            raise exceptions.InvalidArgumentError("max_batching_rows must be a positive int")
        row_input = input_types == [_series_type()]
        info = {
            "dataset": dataset or "",
            "name": name or "",
            "entry_point": source.entry_point,
            "source": source.source,
            "arg_types": [] if row_input else [_dtype_of(t, "input") for t in input_types],
            "row_input": row_input,
            "result_type": _dtype_of(output_type, "output"),
            "packages": self._package_versions(packages),
            "python_version": _python_version(),
            "code_hash": "",
            "identity": "",
            "max_batching_rows": max_batching_rows or 0,
        }
        # The identity (what decides reuse) is composed in C++ from the normalized code.
        info["code_hash"], info["identity"] = _core.routine_keys(info, source.normalized, self._kind)
        check_workers(workers)
        self._setup(func, info, *self._store(info, session), transpile=transpile)
        if workers is None:  # the session's default (Session(workers=...))
            from cormorant.session import get_global_session

            workers = getattr(session or get_global_session(), "workers", None)
        self.workers = workers

    @classmethod
    def _from_routine(cls, info: dict) -> "Udf":
        """A UDF over a stored routine (as _core.read_routine gives it: its code checked against
        its hash), its code loaded from the routine's source."""
        namespace = {"__builtins__": __builtins__, "__name__": f"cormorant_routine_{info['name']}"}
        exec(compile(info["source"], f"<routine {info['routine_id']}>", "exec"), namespace)
        self = cls.__new__(cls)
        self._setup(namespace[info["entry_point"]], info, False, info)
        self.workers = None
        return self

    _kind = ""  #: "" for UDFs; other kinds of routine (remote functions) hash it into their identity

    def _package_versions(self, packages) -> dict[str, str]:
        return _package_versions(packages)

    def _store(self, info: dict, session) -> tuple[bool, dict]:
        return _store(info, session)

    def _setup(self, func, info: dict, created: bool, stored: dict, transpile: bool = True) -> None:
        self._func = func
        self._row_input = info["row_input"]
        self.input_dtypes = list(info["arg_types"])
        self.output_dtype = info["result_type"]
        self.output_type = _python_type(self.output_dtype)
        self.input_types = [_series_type()] if self._row_input else [_python_type(d) for d in self.input_dtypes]
        self.packages = dict(info["packages"])
        self.max_batching_rows = info["max_batching_rows"] or None
        self.identity = info["identity"]
        self.routine_id = stored.get("routine_id") or f"{info['dataset']}.{info['name']}"
        self.created = created
        self.__name__ = getattr(func, "__name__", "udf")
        self.__doc__ = getattr(func, "__doc__", None)
        self._engine_names: dict[tuple, str] = {}
        # An exact SQL form of the function (cormorant._transpile), used instead of calling it.
        self._translation, self.transpile_refusal = None, "transpile=False"
        if transpile and not self._row_input:
            self._translation, self.transpile_refusal = _transpile.translate(
                info["source"], info["entry_point"], self.input_dtypes, self.output_dtype)
        self._info = {**info, "dataset": stored.get("dataset", info["dataset"]), "name": stored.get("name", info["name"])}
        # The routine as the catalog stores it (the definition reused, when this one only
        # renamed or reformatted it): what runs outside this process (Spark executors).
        self._routine = {**self._info, "source": stored["source"], "entry_point": stored["entry_point"],
                         "code_hash": stored["code_hash"]} if stored.get("source") else self._info

    @property
    def transpiled(self) -> bool:
        """Whether queries compute this function as SQL expressions (no Python call at run
        time); ``transpile_refusal`` says why not."""
        return self._translation is not None

    def _sql_form(self, args: list):
        """The function's result over argument Series `args` as Series operations, or None
        when it runs as a Python call."""
        if self._translation is None:
            return None
        out = self._translation.build(args)
        return out if str(out.dtype) == self.output_dtype else None

    def __call__(self, *args, **kwargs):
        return self._func(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<cormorant UDF {self.routine_id} ({', '.join(self.input_dtypes) or 'row'}) -> {self.output_dtype}>"

    # -- running in the engine ---------------------------------------------------------------
    def _engine_function(self, arg_dtypes: list[str], row_names: list | None = None, skip_missing: bool = False) -> str:
        """The engine name of this UDF for these argument dtypes, registered on first use.
        `skip_missing` (na_action="ignore"): on Spark, rows with a missing argument are not
        passed to the function and give <NA> (Spark calls a Python UDF on every row, even
        under a CASE that masks them; DuckDB's CASE calls it only on the rows it keeps)."""
        key = tuple(arg_dtypes) + (("\x00row",) + tuple(map(repr, row_names)) if row_names is not None else ())
        key += ("\x00skip_missing",) if skip_missing else ()
        name = self._engine_names.get(key)
        if name is None:
            if self.workers:
                # In a pool of worker processes: CPU-heavy functions scale with cores.
                name = self._worker_function(self.workers, arg_dtypes, row_names)
            else:
                # One engine function per routine (errors name it), bound on a call's rows and
                # choice of workers, though routines of several sessions share an identity.
                how = (self.routine_id, self.max_batching_rows,
                       self.workers == 0 or (AUTO_WORKERS_ROWS, AUTO_WORKERS_COST))
                suffix = hashlib.sha256(repr((key, how)).encode()).hexdigest()[:8]
                name = f"cormorant_udf_{self.identity[:16]}_{suffix}"
                # Automatic workers (workers=None): a query feeding the function more than
                # AUTO_WORKERS_ROWS rows runs the rest in a pool of one worker per core, if the
                # rows it computed here cost AUTO_WORKERS_COST seconds of CPU each.
                large = "" if self.workers == 0 else self._worker_function(_auto_workers(), arg_dtypes, row_names)
                _core.register_udf(name, list(arg_dtypes), self.output_dtype, *_batch_functions(self, row_names),
                                   large_input=large, large_input_rows=AUTO_WORKERS_ROWS,
                                   large_input_cost=AUTO_WORKERS_COST,
                                   portable=self._portable(arg_dtypes, row_names, skip_missing))
            self._engine_names[key] = name
        return name

    @property
    def last_run(self) -> dict | None:
        """Where the latest query that ran this UDF computed it, and why: ``{"path", "reason"}``
        (path ``"sql"``, ``"in process"``, ``"workers"``, or ``"in process, then workers"`` for
        the automatic choice), with the automatic choice's counts: ``rows`` fed to the function,
        ``worker_rows``, and ``cpu_seconds_per_row`` measured over the rows computed in this
        process. None before any query ran it. The choice never changes the results."""
        if self.transpiled:
            return {"path": "sql", "reason": "the function has an exact SQL form (transpiled)"}
        if self.workers:
            return {"path": "workers", "reason": f"workers={self.workers}"} if self._engine_names else None
        if self.workers == 0:
            return {"path": "in process", "reason": "workers=0"} if self._engine_names else None
        runs = [r for r in map(_core.udf_latest_run, self._engine_names.values()) if r is not None]
        if not runs:
            return None
        r = max(runs, key=lambda r: r["sequence"])
        measured = r["measured_rows"]
        per_row = r["cpu_seconds"] / measured if measured else None
        out = {"rows": r["rows"], "worker_rows": r["large_input_rows"], "cpu_seconds_per_row": per_row}
        if r["large_input_rows"]:
            out["path"] = "in process, then workers"
            out["reason"] = (f"past AUTO_WORKERS_ROWS={r['large_input_after_rows']} rows, the rows computed in this "
                             f"process cost {per_row:.3g} s of CPU each, at least AUTO_WORKERS_COST={r['large_input_cost']}")
        elif r["rows"] <= r["large_input_after_rows"]:
            out["path"] = "in process"
            out["reason"] = f"the query fed it {r['rows']} rows, not more than AUTO_WORKERS_ROWS={r['large_input_after_rows']}"
        else:
            out["path"] = "in process"
            cost = "not measured yet" if per_row is None else f"{per_row:.3g} s of CPU each"
            out["reason"] = (f"past AUTO_WORKERS_ROWS={r['large_input_after_rows']} rows, the rows computed in this "
                             f"process cost {cost}, under AUTO_WORKERS_COST={r['large_input_cost']}")
        return out

    def _portable(self, arg_dtypes: list[str], row_names, skip_missing: bool = False) -> str:
        """How a Spark executor runs this routine (its code as the catalog stores it); "" for a
        plain Python function (a session function: no code stored), which runs here only.
        `skip_missing`: see _engine_function (cormorant._spark_functions reads it)."""
        if not self._routine.get("source"):
            return ""
        function = _core.Function(self._routine, 1, sys.executable)
        spec = function.portable(None if row_names is None else list(map(repr, row_names)),
                                 list(arg_dtypes) if row_names is not None else [])
        return json.dumps({**json.loads(spec), "skip_missing": True}) if skip_missing else spec

    def _worker_function(self, workers: int, arg_dtypes: list[str], row_names) -> str:
        function = _core.Function(self._info, workers, sys.executable)
        return function.engine_function(None if row_names is None else list(map(str, row_names)),
                                        list(arg_dtypes) if row_names is not None else [])


def check_workers(workers):
    """`workers` if it is None or an int >= 0; else InvalidArgumentError."""
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 0):
        raise exceptions.InvalidArgumentError("workers must be an int >= 0 (0: always in this process)")
    return workers


#: Rows after which a query runs a UDF declared without ``workers=`` in worker processes:
#: below, the function runs in this process (no worker start, no transfer); above, the rest
#: of the query's rows go to one worker per core. ``workers=N`` always uses N workers,
#: ``workers=0`` always this process.
AUTO_WORKERS_ROWS = 1_000_000

#: ... and only if the rows the function computed in this process cost at least this many
#: seconds of CPU each (the function and the conversion of its values, measured on the thread
#: that ran them): a function as cheap as ``x + 1`` gains nothing from workers (moving its
#: values costs about as much), a CPU-heavy one runs on every core. 0: whatever they cost. The
#: results are the same either way; ``Udf.last_run`` says which path ran and why.
AUTO_WORKERS_COST = 1e-6


def worker_stats(reset: bool = False) -> list[dict]:
    """What each worker process of this Python's pool computed since it started (or the last
    ``reset=True``): ``[{pid, calls, rows, busy_seconds}]``, busy from sending a call to reading
    its reply, so ``busy_seconds`` over a query's wall time is a worker's utilisation."""
    return _core.worker_stats(sys.executable, reset)


def _auto_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _package_versions(packages) -> dict[str, str]:
    """{package: version} of `packages`, each importable here; names the missing ones."""
    import importlib.metadata
    import importlib.util

    if packages is None:
        return {}
    if isinstance(packages, str) or not all(isinstance(p, str) for p in packages):
        raise exceptions.InvalidArgumentError("packages must be a list of package names")
    missing = [p for p in packages if importlib.util.find_spec(p.split("==")[0].replace("-", "_")) is None]
    if missing:
        raise exceptions.UdfDefinitionError(
            f"package(s) {', '.join(missing)} cannot be imported here; install them first (a UDF runs in this Python)"
        )
    out = {}
    for p in packages:
        name = p.split("==")[0]
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = ""
    return out


def _store(info: dict, session) -> tuple[bool, dict]:
    """Writes the routine to the session's warehouse (an in-memory session keeps none)."""
    from cormorant.session import get_global_session

    return _core.create_routine((session or get_global_session())._core, info)


def _series_type():
    from cormorant.series import Series

    return Series


def _accepts(dtype: str):
    """Which Python result values a UDF declared to return `dtype` may return (None aside):
    a predicate of a value's type, and an optional one of the value itself with its wording."""
    item = _list_item(dtype)
    if item is not None:
        item_type, item_value = _accepts(item)

        def list_value(v) -> bool:
            return all(x is None or item_type(type(x)) and (item_value is None or item_value[0](x)) for x in v)

        return (lambda t: issubclass(t, list)), (list_value, f"a list of {_type_name(_python_type(item))} or None")
    base = _TYPES[_dt.datetime][0] if dtype == _UTC else dtype
    return _TYPES[_PYTHON_TYPES[base]][2], _VALUE_CHECKS.get(dtype)


def arrow_type(dtype: str) -> pa.DataType:
    """The Arrow type UDF results of `dtype` are built as."""
    item = _list_item(dtype)
    if item is not None:
        return pa.list_(arrow_type(item))
    return _UTC_ARROW if dtype == _UTC else _TYPES[_PYTHON_TYPES[dtype]][1]


def call_rows(call, args: list[list], routine_id: str) -> list:
    """`call` over the rows of `args` (one list per argument), in a comprehension: the calls
    stay in the interpreter's own loop instead of entering it from C once per row (map). The
    first row whose call raises fails the batch with UdfExecutionError (traceback, input row);
    no row is called twice."""
    its = [iter(a) for a in args]
    try:
        if len(its) == 1:
            return [call(a) for a in its[0]]
        if len(its) == 2:
            return [call(a, b) for a, b in zip(its[0], its[1])]
        return [call(*row) for row in zip(*its)]
    except Exception as e:
        # Every argument's iterator has given the failing row: the rows it has left say which.
        row = len(args[0]) - operator.length_hint(its[0]) - 1
        raise row_error(e, args, row, routine_id, traceback.format_exc()) from e


def row_error(e: BaseException, args: list[list], row: int, routine_id: str, python_traceback: str):
    """The UdfExecutionError of `e`, raised by the function on row `row` of `args`."""
    return exceptions.UdfExecutionError(
        f"UDF {routine_id} raised {type(e).__name__}: {e}; input row: {_row_repr(args, row)}",
        routine_id=routine_id, python_traceback=python_traceback, input_row=[a[row] for a in args],
    )


# Result types whose Arrow type inferred from the values alone proves every value has an
# accepted Python type (inference refuses a bool among ints, an int among bools, a non-str
# among strs): the common case then needs no check in Python.
_INFERRED_EXACT = {"Int64": pa.int64(), "string": pa.string(), "boolean": pa.bool_()}


def result_array(values: list, args: list[list], routine_id: str, output_dtype: str) -> pa.Array:
    """The function's results `values` as an Arrow array of `output_dtype`. Raises
    UdfExecutionError naming the input row when a value has another type or does not fit
    exactly (an int past Int64, a Decimal with more than 9 decimals or 29 integer digits):
    never rounded."""
    exact = _INFERRED_EXACT.get(output_dtype)
    if exact is not None:
        try:
            arr = pa.array(values)
        except (pa.ArrowException, OverflowError, TypeError, ValueError):
            arr = None
        if arr is not None and arr.type == exact:
            return arr
    accepts, value_check = _accepts(output_dtype)
    declared = _type_name(_python_type(output_dtype)) if output_dtype != _UTC else _UTC
    for t in set(map(type, values)):
        if t is type(None) or accepts(t):
            continue
        row = next(i for i, v in enumerate(values) if type(v) is t)
        raise exceptions.UdfExecutionError(
            f"UDF {routine_id} returned a value of type {t.__name__} ({values[row]!r}) where "
            f"{declared} was declared; input row: {_row_repr(args, row)}",
            routine_id=routine_id, python_traceback="", input_row=[a[row] for a in args],
        )
    if value_check is not None:
        check, wanted = value_check
        for row, v in enumerate(values):
            if v is not None and not check(v):
                raise exceptions.UdfExecutionError(
                    f"UDF {routine_id} returned {v!r} where {declared} was declared, which takes {wanted}; "
                    f"input row: {_row_repr(args, row)}",
                    routine_id=routine_id, python_traceback="", input_row=[a[row] for a in args],
                )
    try:
        return pa.array(values, type=arrow_type(output_dtype))
    except (pa.ArrowException, OverflowError, TypeError, ValueError) as e:
        row = next((i for i, v in enumerate(values) if not _fits(v, output_dtype)), None)
        if row is None:
            raise
        raise exceptions.UdfExecutionError(
            f"UDF {routine_id} returned {values[row]!r}, which does not fit in {output_dtype}; "
            f"input row: {_row_repr(args, row)}",
            routine_id=routine_id, python_traceback="", input_row=[a[row] for a in args],
        ) from e


def _fits(value, output_dtype: str) -> bool:
    """Whether one accepted result converts to `output_dtype` exactly (Python ints are
    unbounded; a Decimal may have more digits than decimal128(38, 9) holds)."""
    try:
        pa.array([value], type=arrow_type(output_dtype))
    except (pa.ArrowException, OverflowError, TypeError, ValueError):
        return False
    return True


def call_batches(call, args: list[list], routine_id: str, max_rows: int | None) -> list:
    """`call` over the rows of `args` in calls of at most `max_rows` rows each (all at once
    when None or 0): the list of its results."""
    n = len(args[0]) if args else 0
    if not max_rows or n <= max_rows:
        return call_rows(call, args, routine_id)
    out = []
    for start in range(0, n, max_rows):
        out += call_rows(call, [a[start:start + max_rows] for a in args], routine_id)
    return out


def run_batch(call, args: list[list], routine_id: str, output_dtype: str, max_rows: int | None) -> pa.Array:
    """`call` over the rows of `args` (see call_batches): the results as an Arrow array of
    `output_dtype`."""
    return result_array(call_batches(call, args, routine_id, max_rows), args, routine_id, output_dtype)


def _row_repr(args: list[list], row: int) -> str:
    return "(" + ", ".join(repr(a[row]) for a in args) + ")"


# The userDefinedContext of the remote-function request a worker is serving (None when it
# serves none); see cormorant.remote.user_defined_context().
_request_context: dict | None = None


def row_caller(func, row_names: list):
    """`func` of a row as a pandas Series, called with the row's values."""
    import pandas as pd

    index = pd.Index(row_names, dtype=object)

    def per_row(*values):
        return func(pd.Series(values, index=index, dtype=object))

    return per_row


def _batch_functions(udf: Udf, row_names):
    """What the engine calls with each batch (see _core.register_udf): `rows` over lists of
    argument values (call_batches), `finish` for results the C++ conversion leaves to pyarrow,
    and `batch` over Arrow C structs for argument dtypes the C++ conversion leaves to pyarrow."""
    call = udf._func if row_names is None else row_caller(udf._func, row_names)
    routine_id, output_dtype, max_rows = udf.routine_id, udf.output_dtype, udf.max_batching_rows

    def rows(columns: list[list]) -> list:
        return call_batches(call, columns, routine_id, max_rows)

    def finish(values: list, columns: list[list], out_array: int, out_schema: int) -> None:
        result = result_array(values, columns, routine_id, output_dtype)
        pa.RecordBatch.from_arrays([result], names=["r"])._export_to_c(out_array, out_schema)

    def batch(args_array: int, args_schema: int, out_array: int, out_schema: int) -> None:
        rb = pa.RecordBatch._import_from_c(args_array, args_schema)
        columns = [c.to_pylist() for c in rb.columns]
        finish(rows(columns), columns, out_array, out_schema)

    return rows, finish, batch


def udf(func=None, *, input_types=None, output_type=None, dataset=None, name=None, packages=None,
        max_batching_rows=None, workers=None, session=None, transpile=True):
    """Turns a self-contained Python function into a UDF stored as a routine of the warehouse
    (``@cpd.udf(...)`` or ``@cpd.udf``). Without ``dataset`` it goes to the session's
    anonymous dataset and is removed with the session; named ones stay until
    ``delete_routine``. ``workers=N`` runs it in N persistent worker processes instead of in
    this interpreter, so CPU-heavy functions use every core. A function whose body is a
    simple expression with an exact SQL form (see cormorant._transpile) runs as SQL, with no
    Python call (``u.transpiled``); ``transpile=False`` keeps the Python call."""
    def wrap(f):
        return Udf(f, input_types, output_type, dataset=dataset, name=name, packages=packages,
                   max_batching_rows=max_batching_rows, workers=workers, session=session, transpile=transpile)

    return wrap(func) if func is not None else wrap


# -- Series.apply / map / combine and DataFrame.apply(axis=1) ----------------------------------

def _argument(series, dtype: str, udf: Udf, position: str):
    """`series` as the UDF's argument of `dtype`: Int64 (and Int8..UInt32) widens to Float64 as
    Python's int does to float, Int8..UInt32 go to Int64; other mismatches are refused."""
    have = str(series.dtype)
    if have == dtype:
        return series
    narrow = have in _convert.NARROW_INTEGERS and have != "UInt64"
    if (have == "Int64" or narrow) and dtype == "Float64":
        return series.astype("Float64")
    if narrow and dtype == "Int64":
        return series  # (Int8..UInt32: the core passes their values as Int64, exactly)
    if have.startswith("datetime64[us, ") and dtype in ("datetime64[us]", _UTC):
        raise exceptions.DTypeError(
            f"UDF {udf.routine_id} takes {dtype} as its {position} argument, but the Series {series.name!r} has "
            f"dtype {have}: UDFs take naive or UTC datetimes; pass .dt.tz_convert('UTC') and declare "
            "'datetime64[us, UTC]' (the function then receives UTC datetimes)"
        )
    raise exceptions.DTypeError(
        f"UDF {udf.routine_id} takes {dtype} as its {position} argument, but the Series "
        f"{series.name!r} has dtype {have}; convert it with astype() or declare input_types"
    )


def series_apply(series, func, method: str, na_action=None, args=(), kwargs=None):
    """``Series.apply(f)`` / ``Series.map(f)`` with a UDF of one argument, or a plain Python
    function (an unnamed session function: cormorant.session_functions)."""
    from cormorant.series import Series

    if not isinstance(func, Udf):
        return _plain_series_apply(series, func, method, na_action, args, kwargs)
    if args or kwargs:
        raise exceptions.UnsupportedError(f"{method} with a UDF takes no extra args; bind them inside the UDF")
    f = func
    if f._row_input or len(f.input_dtypes) != 1:
        raise exceptions.UdfDefinitionError(
            f"{method} calls a function of one value, but UDF {f.routine_id} takes "
            f"{'a row' if f._row_input else len(f.input_dtypes)}"
        )
    arg = _argument(series, f.input_dtypes[0], f, "first")
    sql_form = f._sql_form([arg])
    if sql_form is not None:
        out = sql_form.rename(series.name)
    else:
        out = Series(arg._core.call(f._engine_function(f.input_dtypes, skip_missing=na_action == "ignore"), None, []))
    return out.where(series.notna()) if na_action == "ignore" else out


def _plain_series_apply(series, func, method, na_action, args, kwargs):
    from cormorant import session_functions as sf
    from cormorant.series import Series

    if not callable(func):
        raise exceptions.InvalidArgumentError(f"{method} takes a function, got {type(func).__name__}")
    arg, engine_dtype, pandas_dtype = sf.engine_argument(series, method)
    f = sf.session_udf(func, method, [engine_dtype], sf.sample_values(arg), pandas_dtypes=[pandas_dtype],
                       na_ignore=na_action == "ignore", args=args, kwargs=kwargs, default_dtype=pandas_dtype)
    return Series(arg._core.call(f._engine_function([engine_dtype]), None, [])).rename(series.name)


def series_combine(series, other, func):
    """``Series.combine(other, f)`` with a UDF of two arguments, or a plain Python function:
    aligned on the index first."""
    from cormorant.series import Series

    if not isinstance(other, Series):
        raise exceptions.UnsupportedError("Series.combine with a function takes a cormorant Series as other")
    if isinstance(func, Udf):
        f = func
        if f._row_input or len(f.input_dtypes) != 2:
            raise exceptions.UdfDefinitionError(f"Series.combine calls a function of two values, but UDF {f.routine_id} does not take two")
        left = _argument(series, f.input_dtypes[0], f, "first")
        right = _argument(other, f.input_dtypes[1], f, "second")
        out = f._sql_form([left, right])
        dtypes = f.input_dtypes
    else:
        from cormorant import session_functions as sf

        if not callable(func):
            raise exceptions.InvalidArgumentError(f"Series.combine takes a function, got {type(func).__name__}")
        left, l_engine, l_pandas = sf.engine_argument(series, "Series.combine")
        right, r_engine, r_pandas = sf.engine_argument(other, "Series.combine")
        dtypes = [l_engine, r_engine]
        # (the values the result type is learnt from need not be pairs of one label)
        sample = [a + b for a, b in zip(sf.sample_values(left), sf.sample_values(right))]
        f = sf.session_udf(func, "Series.combine", dtypes, sample, pandas_dtypes=[l_pandas, r_pandas])
        out = None
    if out is None:
        out = Series(left._core.call(f._engine_function(dtypes), right._core, []))
    return out.rename(series.name) if series.name == other.name else out.rename(None)


def frame_apply(frame, func, axis, args=(), kwargs=None):
    """``DataFrame.apply(f, axis=1)`` with a UDF declared with ``input_types=cpd.Series``, or a
    plain Python function of the row (an unnamed session function)."""
    from cormorant.series import Series

    if axis in (0, "index") and not isinstance(func, Udf):
        return _apply_to_columns(frame, func, args, kwargs or {})
    if axis not in (1, "columns"):
        raise exceptions.UnsupportedError("DataFrame.apply runs UDFs by row only: pass axis=1")
    columns = list(frame._core.columns)
    dtypes = [str(d) for d in frame.dtypes]
    if isinstance(func, Udf):
        if args or kwargs:
            raise exceptions.UnsupportedError("DataFrame.apply with a UDF takes no extra args; bind them inside the UDF")
        f = func
        if not f._row_input:
            raise exceptions.UdfDefinitionError(
                f"DataFrame.apply(axis=1) passes each row as a Series: declare UDF {f.routine_id} with input_types=cpd.Series"
            )
    else:
        from cormorant import session_functions as sf

        if not callable(func):
            raise exceptions.InvalidArgumentError(f"DataFrame.apply takes a function, got {type(func).__name__}")
        pandas_dtypes, dtypes = dtypes, []
        for label, dtype in zip(columns, pandas_dtypes):
            arg, engine, _ = sf.engine_argument(frame[label], "DataFrame.apply")
            if engine.startswith("datetime64") and engine != dtype:  # a zoned datetime: as UTC
                frame = frame.assign(**{label: arg})
            dtypes.append(engine)
        f = sf.session_udf(func, "DataFrame.apply", dtypes, sf.sample_rows(frame), pandas_dtypes=pandas_dtypes,
                           row_names=columns, args=args, kwargs=kwargs)
    return Series(frame._core.call_rows(f._engine_function(dtypes, columns))).rename(None)


def _apply_to_columns(frame, func, args, kwargs):
    """``DataFrame.apply(f)`` (axis=0) with a plain Python function: `f` of each column as a
    cormorant Series, as pandas calls it; Series results are the columns of a DataFrame, scalar
    results a Series by column label."""
    import pandas as pd

    from cormorant.series import Series
    from cormorant.session import read_pandas_into

    if not callable(func):
        raise exceptions.InvalidArgumentError(f"DataFrame.apply takes a function, got {type(func).__name__}")
    labels = list(frame.columns)
    if len(set(labels)) != len(labels):
        raise exceptions.UnsupportedError("DataFrame.apply(axis=0) of a frame with repeated column labels is not supported")
    results = [func(frame[label], *args, **kwargs) for label in labels]
    if results and all(isinstance(r, Series) for r in results):
        from cormorant.transform import columns_of

        return columns_of(results, labels)
    if all(pd.api.types.is_scalar(r) for r in results):
        return read_pandas_into(frame._core.session, pd.Series(results, index=pd.Index(labels), dtype=None if results else "Float64"))
    raise exceptions.UnsupportedError(
        "DataFrame.apply(axis=0) takes a function giving a cormorant Series or a scalar for each column; "
        f"got {', '.join(sorted({type(r).__name__ for r in results}))}")
