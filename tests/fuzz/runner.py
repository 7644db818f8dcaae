"""The shared half of the differential tests: data, running a case in both libraries,
comparing, classifying and shrinking a failure to a small reproduction.

A case is data plus code. The data is a dict of named pandas DataFrames; the code is a list of
Python statements over those names and ``lib`` (``pandas`` or ``cormorant.pandas``) that leave
the result in ``r``. The same text runs in pandas and in cormorant (frames read with
``read_pandas``), so a failure prints as a script anyone can run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import decimal
import math
import os
import random
import tempfile

import numpy as np
import pandas as pd
import pyarrow as pa

import cormorant.exceptions as cex
import cormorant.pandas as cpd

# Engine or binding text that must never reach a user (cormorant should have raised a typed
# error speaking of the user's columns and arguments instead).
RAW_TEXT = ("Binder Error", "Conversion Error", "Catalog Error", "Parser Error", "Invalid Input Error",
            "Out of Range Error", "Not implemented Error", "INTERNAL Error", "Serialization Error",
            "duckdb", "bfcol", "SELECT ", "nanobind", "incompatible function arguments")


@dataclasses.dataclass
class Case:
    """One differential test: input frames and the statements that compute ``r`` from them."""

    frames: dict
    code: list
    # Compare the row order too (False for results whose order pandas leaves unspecified).
    ordered: bool = True
    # (rtol, atol) for floats, when the generator knows better than the default (1e-9, 1e-12).
    tol: tuple = (1e-9, 1e-12)
    # The session's ordering mode: "partial" reads without order or index, so only the rows of a
    # frame or Series result are compared (as a multiset), not their order or labels.
    mode: str = "strict"
    # Read the frames from Parquet files (written without their index; the generator gives them
    # the default one), so the engine sees the files' null counts.
    parquet: bool = False
    # Read the frames into a session of their own (cpd.Session()) instead of the global one.
    own_session: bool = False
    # pandas' result may be an object column of Python values where cormorant's has a dtype:
    # lists (str.split: cormorant's list dtype, README) and what is taken from them, or the
    # values of GroupBy.apply, whose Python results pandas puts together as they come and
    # cormorant reads as read_pandas reads an object column. Such columns are compared as objects.
    objects: bool = False
    # The code writes and reads tables and Parquet files through ``wh``: a session over a
    # temporary warehouse (the frames are read into it) or pandas' stand-in (warehouse.py).
    warehouse: bool = False
    # pandas' masked accumulations (Float64 and double[pyarrow] cumsum/cumprod/cummin/cummax of a
    # Series or frame) leave a NaN (inf - inf, inf * 0) that the mask does not see, where pandas'
    # documented default (future.distinguish_nan_and_na=False) and cormorant make it <NA>, and
    # start cummax (cummin) at the most negative (positive) finite float where -inf (inf) follows
    # a missing value (README, differences): pandas' result is compared with those corrected.
    accumulation: bool = False

    def script(self) -> str:
        """A standalone reproduction: build the data, run the code in both libraries."""
        lines = ["import decimal", "import numpy as np, pandas as pd, pyarrow as pa", "import cormorant.pandas as cpd", ""]
        if self.warehouse:  # run from the repository's root
            lines[1:1] = ["import tempfile", "from tests.fuzz.warehouse import PandasTables, Tables"]
        for name, frame in self.frames.items():
            lines.append(f"{name} = {frame_code(frame)}")
        wh = "wh, " if self.warehouse else ""
        lines += ["", f"def run(lib, {wh}" + ", ".join(self.frames) + "):"]
        lines += ["    " + c for c in self.code] + ["    return r", ""]
        args = ", ".join(self.frames)
        reader = "session" if self.own_session or self.warehouse else "cpd"
        if self.mode != "strict":  # set before the session opens: it takes the mode then
            lines += [f"cpd.options.session.ordering_mode = {self.mode!r}  # compare the rows, not their order"]
        if self.warehouse:
            lines += ["session = cpd.Session(tempfile.mkdtemp())"]
        elif self.own_session:
            lines += ["session = cpd.Session()"]
        if self.parquet:
            lines += [f"{n}.to_parquet('/tmp/{n}.parquet', index=False)" for n in self.frames]
            cargs = ", ".join(f"{reader}.read_parquet('/tmp/{n}.parquet')" for n in self.frames)
        else:
            cargs = ", ".join(f"{reader}.read_pandas({n})" for n in self.frames)
        if self.warehouse:
            args, cargs = f"PandasTables(tempfile.mkdtemp()), {args}", f"Tables(session, tempfile.mkdtemp()), {cargs}"
        lines += [f"expected = run(pd, {args})", f"got = run(cpd, {cargs})",
                  "print(expected); print(got.to_pandas() if hasattr(got, 'to_pandas') else got)"]
        return "\n".join(lines)


@dataclasses.dataclass
class Outcome:
    """What one case did: ``ok``, ``skip`` (pandas raised, or a generator skipped it), ``refused``
    (a typed cormorant error), ``missing`` (a pandas method or keyword cormorant lacks), or ``bad``
    (a wrong result, a crash or raw engine text)."""

    kind: str
    detail: str = ""


def run(case: Case, lib, frames: dict, **more):
    env = {"lib": lib, "pd": pd, "np": np, "pa": pa, "decimal": decimal, **more, **frames}
    exec("\n".join(case.code), env)  # noqa: S102 — our own generated statements
    return env["r"]


def materialize(value, ordered: bool = True):
    """A cormorant result as pandas (run twice: re-execution must give the same answer, bit for
    bit; the same rows in any order when not `ordered`, as in partial ordering mode), after
    checking that its lazy dtypes are the ones the result has. A tuple: each of its items."""
    if isinstance(value, tuple):
        return tuple(materialize(v, ordered) for v in value)
    if hasattr(value, "to_pandas"):
        first = value.to_pandas()
        second = value.to_pandas()
        try:
            if ordered:
                _assert_same(first, second, ordered=True, exact=True)
            else:
                _assert_same(_rows(first), _rows(second), ordered=True, exact=True)
        except AssertionError as e:
            raise ReexecutionMismatch(str(e)) from e
        lazy = _lazy_dtypes(value)
        if lazy is not None and lazy != _lazy_dtypes(_uncounted(value, first)):
            raise LazyDtypeMismatch(f"lazy dtype {lazy} but the result has {_lazy_dtypes(first)}")
        return first
    return value


def _uncounted(value, result):
    """`result` with the count columns pandas types by their values (int64, float64 once a
    merge leaves some missing: groupby._Counted) back in the lazy object's Int64."""
    counts = getattr(value, "_counts", ())
    lazy = "Float64" if getattr(value, "_dtype", None) == "float64" else "Int64"  # (shares: value_counts(normalize))
    if isinstance(result, pd.Series) and counts and str(result.dtype) == "float64":
        return result.astype(lazy)
    if isinstance(result, pd.DataFrame) and counts and not result.columns.has_duplicates:
        return result.astype({c: lazy for c in counts if c in result.columns and str(result[c].dtype) == "float64"})
    return result


def _lazy_dtypes(obj):
    """The kinds of an object's dtypes: a NumPy or pyarrow dtype pandas' own result has (int64 of a
    count, say) is the same kind as cormorant's nullable one (Int64). None for a result whose
    dtype depends on its values (groupby cumcount with rows outside any group)."""
    if getattr(obj, "_pandas_convert", None) is not None and getattr(obj, "_pandas_dtype", None) is None:
        return None
    if isinstance(getattr(obj, "dtypes", None), pd.Series):
        return [_kind(d) for d in obj.dtypes]
    return [_kind(obj.dtype)] if hasattr(obj, "dtype") else None


def _kind(dtype) -> str:
    name = str(dtype)
    return {"int64": "Int64", "int64[pyarrow]": "Int64", "float64": "Float64", "double[pyarrow]": "Float64",
            "bool": "boolean", "bool[pyarrow]": "boolean", "uint64": "UInt64", "uint64[pyarrow]": "UInt64"}.get(name, name)


class ReexecutionMismatch(AssertionError):
    """Running the same lazy object twice gave two different answers."""


class LazyDtypeMismatch(AssertionError):
    """A lazy object's .dtype (.dtypes) is not the dtype its result has."""


def check(case: Case) -> Outcome:
    """Runs the case in pandas and in cormorant and compares the two."""
    try:
        with tempfile.TemporaryDirectory() as tmp:
            more = {"wh": _warehouse().PandasTables(tmp)} if case.warehouse else {}
            expected = run(case, pd, {n: f.copy() for n, f in case.frames.items()}, **more)
    except Exception:  # pandas refuses: nothing to compare
        return Outcome("skip", "pandas raised")
    try:
        with _cormorant_frames(case) as (frames, more):
            got = materialize(run(case, cpd, frames, **more), ordered=case.mode == "strict")
    except ReexecutionMismatch as e:
        return Outcome("bad", f"re-execution differs: {str(e)[:400]}")
    except LazyDtypeMismatch as e:
        return Outcome("bad", str(e)[:400])
    except cex.CormorantError as e:
        text = str(e)
        if isinstance(e, (cex.InternalError,)) or any(t in text for t in RAW_TEXT):
            return Outcome("bad", f"raw error {type(e).__name__}: {text[:400]}")
        return Outcome("refused", f"{type(e).__name__}: {text[:200]}")
    except (AttributeError, TypeError) as e:
        if "unexpected keyword argument" in str(e) or "has no attribute" in str(e):
            return Outcome("missing", f"{type(e).__name__}: {str(e)[:200]}")  # an API gap, not a wrong result
        return Outcome("bad", f"untyped {type(e).__name__}: {str(e)[:400]}")
    except Exception as e:  # noqa: BLE001 — anything untyped is a bug to report
        return Outcome("bad", f"untyped {type(e).__name__}: {str(e)[:400]}")
    if case.accumulation:
        expected = _accumulated(expected)
    if case.objects:
        got, expected = _as_objects(got, expected), _missing_as_none(expected)
    if case.mode != "strict":
        got, expected = _rows(got), _rows(expected)
    try:
        _assert_same(got, expected, ordered=case.ordered, tol=case.tol)
    except AssertionError as e:
        return Outcome("bad", f"MISMATCH {str(e)[:600]}")
    return Outcome("ok")


@contextlib.contextmanager
def _cormorant_frames(case: Case):
    """The case's frames as cormorant objects, read in the case's ordering mode (from Parquet
    files when it asks), the mode staying set while the case runs."""
    with cpd.option_context("session.ordering_mode", case.mode), tempfile.TemporaryDirectory() as tmp, \
            _session(case.own_session, os.path.join(tmp, "warehouse") if case.warehouse else None) as reader:
        more = {"wh": _warehouse().Tables(reader, os.path.join(tmp, "files"))} if case.warehouse else {}
        if case.warehouse:
            os.mkdir(os.path.join(tmp, "files"))
        frames = {}
        for name, frame in case.frames.items():
            if case.parquet:
                path = os.path.join(tmp, f"{name}.parquet")
                frame.to_parquet(path, index=False)
                frames[name] = reader.read_parquet(path)
            else:
                frames[name] = reader.read_pandas(frame)
        yield frames, more


def _warehouse():
    from . import warehouse  # pylint: disable=import-outside-toplevel  (it imports this module)

    return warehouse


@contextlib.contextmanager
def _session(own: bool, warehouse=None):
    """What reads a case's frames: the global session (cpd), or a session of its own (over
    `warehouse`, a temporary folder, when given), closed after."""
    if not own and warehouse is None:
        yield cpd
        return
    session = cpd.Session(warehouse)
    try:
        yield session
    finally:
        session.close()


def _as_objects(got, expected):
    """cormorant's columns as Python objects where pandas' are object (see Case.objects)."""
    if isinstance(expected, pd.DataFrame) and isinstance(got, pd.DataFrame) and got.shape[1] == expected.shape[1]:
        got = got.copy()
        for i in range(got.shape[1]):
            got.isetitem(i, _as_objects(got.iloc[:, i], expected.iloc[:, i]).array)
        return got
    if isinstance(expected, pd.Series) and isinstance(got, pd.Series) and expected.dtype == object:
        values = [None if _is_missing(v) else list(v) if isinstance(v, (list, np.ndarray)) else v for v in got]
        return pd.Series(values, index=got.index, name=got.name, dtype=object)
    return got


def _accumulated(expected):
    """pandas' accumulation with its NaN as <NA> and its finite ends as infinities (Case.accumulation)."""
    if isinstance(expected, pd.DataFrame):
        expected = expected.copy()
        for i in range(expected.shape[1]):
            expected.isetitem(i, _accumulated(expected.iloc[:, i]).array)
        return expected
    if isinstance(expected, pd.Series) and str(expected.dtype) in ("Float64", "double[pyarrow]"):
        values = expected.to_numpy(dtype="float64", na_value=np.nan)
        end = np.finfo(np.float64).max
        expected = expected.mask(np.abs(values) == end, np.copysign(np.inf, values))
        return expected.mask(np.isnan(values))
    return expected


def _missing_as_none(expected):
    """pandas' object columns with None for every missing marker (NaN, <NA>: both mean missing)."""
    if isinstance(expected, pd.DataFrame):
        return pd.DataFrame({i: _missing_as_none(expected.iloc[:, i]) for i in range(expected.shape[1])}).set_axis(
            expected.columns, axis=1)
    if isinstance(expected, pd.Series) and expected.dtype == object:
        return pd.Series([None if _is_missing(v) else v for v in expected], index=expected.index, name=expected.name,
                         dtype=object)
    return expected


def _rows(value):
    """A frame's or Series' rows in a canonical order with the default index (the comparison of
    a partial-mode result, whose order and index are unspecified); a tuple's items so."""
    if isinstance(value, tuple):
        return tuple(_rows(v) for v in value)
    if not isinstance(value, (pd.DataFrame, pd.Series)):
        return value
    value = value.reset_index(drop=True)
    frame = value.to_frame() if isinstance(value, pd.Series) else value
    keys = [tuple(_sort_key(v) for v in row) for row in frame.itertuples(index=False)]
    return value.iloc[sorted(range(len(keys)), key=keys.__getitem__)].reset_index(drop=True)


def _sort_key(v) -> str:
    """One value as text that is the same for cormorant's and pandas' dtypes of it."""
    if _is_missing(v):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return "b" + str(bool(v))
    if isinstance(v, (int, float, np.integer, np.floating)):
        return "n" + repr(float(v) + 0.0)  # (-0.0 as 0.0: the two are equal)
    return "s" + str(v)


def _assert_same(got, expected, ordered: bool, exact: bool = False, tol=(1e-9, 1e-12)):
    if isinstance(expected, tuple) and isinstance(got, tuple) and len(got) == len(expected):
        for g, e in zip(got, expected):
            _assert_same(g, e, ordered, exact, tol)
        return
    if isinstance(expected, (pd.DataFrame, pd.Series)):
        assert type(got) is type(expected), f"got a {type(got).__name__}, pandas a {type(expected).__name__}"
        if not ordered:
            got, expected = got.sort_index(), expected.sort_index()
        if isinstance(expected, pd.DataFrame) and list(got.columns) != list(expected.columns) \
                and pd.Index(list(expected.columns)).equals(got.columns):
            got = got.set_axis(expected.columns, axis=1)  # README, differences: the labels' Index is inferred (None: NaN)
        got = _conform(got, expected)
        kw = dict(check_index_type=False, check_exact=True) if exact else \
            dict(check_index_type=False, check_exact=False, rtol=tol[0], atol=tol[1])
        if isinstance(expected, pd.DataFrame):
            pd.testing.assert_frame_equal(got, expected, check_column_type=False, **kw)
        else:
            pd.testing.assert_series_equal(got, expected, **kw)
    elif isinstance(expected, pd.Index):
        pd.testing.assert_index_equal(got, expected, exact=False)
    elif exact and isinstance(expected, float):
        assert repr(got) == repr(expected), f"got {got!r}, then {expected!r}"
    else:
        assert not isinstance(got, (pd.DataFrame, pd.Series, pd.Index)), f"got a {type(got).__name__}, pandas {expected!r}"
        assert _same_scalar(got, expected, tol), f"got {got!r}, pandas {expected!r}"


# README, differences from pandas: results always have nullable dtypes, where pandas gives a
# NumPy dtype (bool, int32, float64 with NaN for missing, str). Such a column is cast to pandas'
# dtype before the comparison; a cast that fails (a <NA> where pandas' dtype has no missing
# value) leaves it as it was, so the comparison reports it.
NULLABLE_FOR = {"b": ("boolean",), "i": ("Int64",), "u": ("Int64",), "f": ("Float64", "Int64", "UInt64"),
                "O": ("string",), "M": (), "m": ()}


_KIND_OF_CATEGORIES = {"int64": "Int64", "str": "string"}


def _conform(got, expected):
    if isinstance(expected, pd.DataFrame):
        if list(got.columns) != list(expected.columns) or got.columns.has_duplicates:
            return got
        got = got.copy()
        for i in range(got.shape[1]):
            got.isetitem(i, _conform(got.iloc[:, i], expected.iloc[:, i]).array)
        return got
    g, e = str(got.dtype), expected.dtype
    if isinstance(e, pd.CategoricalDtype) and isinstance(got.dtype, pd.CategoricalDtype) and got.dtype != e \
            and (_KIND_OF_CATEGORIES.get(str(got.dtype.categories.dtype)) == str(e.categories.dtype)
                 or not len(e.categories)) \
            and list(got.dtype.categories) == list(e.categories) and got.dtype.ordered == e.ordered:
        return got.astype(e)  # README, differences: Int64 and string categories are int64 and str (none: any)
    if isinstance(e, pd.ArrowDtype) and not str(e).startswith("list<") \
            and g in ("Int64", "Float64", "boolean", "string", "UInt64") and _kind(e) == {"string": "string[pyarrow]"}.get(g, g):
        # items of pandas' list<T>[pyarrow]: T[pyarrow]; results of pyarrow numbers (README, differences)
        return got.astype(e)
    if isinstance(e, pd.StringDtype) and isinstance(got.dtype, pd.StringDtype) and e != got.dtype:
        return got.astype(e)  # pandas' python storage (see strings.py)
    if e.kind in "mM" and got.dtype.kind == e.kind and got.dtype != e and not isinstance(got.dtype, pd.ArrowDtype):
        # pandas keeps the finer unit (ns) of its operands, cormorant's is us: a lossless cast
        return got.dt.as_unit(getattr(e, "unit", None) or np.datetime_data(e)[0])
    if e == object and g == "date32[day][pyarrow]":  # pandas' dates are datetime.date objects, NaT missing
        return got.astype(object).where(got.notna(), pd.NaT)
    if str(e) == "float64" and g == "int64":  # counts pandas made float64 before a filter left no NaN
        return got.astype(e)
    if str(e) in ("Int64", "Float64", "int64", "float64") and g in ("int64[pyarrow]", "double[pyarrow]"):
        return got.astype(e)  # counts of strings follow pandas' default (pyarrow) storage, not python's
    if len(got) and len(got) == len(expected) and bool(expected.isna().all()) and bool(got.isna().all()):
        return expected  # every value missing: pandas' dtype is an accident of inference (object, datetime64[s])
    objects = e == object and bool(expected.isna().all())  # pandas' all-missing results are often object
    if objects or g != str(e) and (g in NULLABLE_FOR.get(e.kind, ()) or (g == "string" and str(e) == "str")):
        try:
            return got.astype(e)
        except (TypeError, ValueError):
            return got
    return got


def _same_scalar(a, b, tol=(1e-9, 1e-12)) -> bool:
    a_na, b_na = _is_missing(a), _is_missing(b)
    if a_na or b_na:
        return a_na and b_na and (a is pd.NaT) == (b is pd.NaT) and _is_nan(a) == _is_nan(b)
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=tol[0], abs_tol=tol[1])
    return bool(a == b) and isinstance(a, str) == isinstance(b, str)


def _is_missing(v) -> bool:
    try:
        return bool(pd.isna(v)) if np.ndim(v) == 0 else False
    except (TypeError, ValueError):
        return False


def _is_nan(v) -> bool:
    return isinstance(v, (float, np.floating)) and math.isnan(v)


# -- shrinking ---------------------------------------------------------------------------


def shrink(case: Case, still_fails) -> Case:
    """A smaller case that still fails: drops statements, then rows, one at a time."""
    changed = True
    while changed:
        changed = False
        for i in range(1, len(case.code) - 1):  # keep the first and the last (it sets r)
            smaller = dataclasses.replace(case, code=case.code[:i] + case.code[i + 1:])
            if still_fails(smaller):
                case, changed = smaller, True
                break
        for name, frame in case.frames.items():
            for i, size in _blocks(len(frame)):
                smaller = dataclasses.replace(case, frames={**case.frames, name: frame.drop(frame.index[i:i + size])})
                if len(frame.index[i:i + size]) and still_fails(smaller):
                    case, changed = smaller, True
                    break
            if changed:
                break
    return case


def _blocks(n: int):
    """(start, size) of the row blocks shrinking tries to drop: one row at a time, or for a
    long frame (thousands of rows) halves, quarters, ... down to 64 rows."""
    sizes = [1] if n <= 64 else [n >> k for k in range(1, n.bit_length()) if n >> k >= 64]
    return [(i, size) for size in sizes for i in range(0, n, size)]


# -- data --------------------------------------------------------------------------------

DTYPES = ("Int64", "Float64", "boolean", "string", "datetime")
ZONES = (None, "UTC", "America/New_York", "Asia/Kolkata", "Europe/Berlin")
TEXTS = ("a", "b", "B", "ab", "", " x ", "é", "Straße", "ÉCOLE", "ß", "日本", "a,b", "x1", "İ", "ǅ")


def column(rng: random.Random, n: int, dtype: str, missing: float = 0.2, tz=None, small: bool = True):
    """n random values of a dtype, with missing values: a nullable dtype's <NA>, NaN in NumPy's
    float64 (pandas' missing marker there). No NaN inside Float64: see README, differences."""
    def pick(gen):
        return [gen() if rng.random() >= missing else None for _ in range(n)]
    if dtype == "Int64":
        return pd.array(pick(lambda: rng.randrange(-4, 5) if small else rng.randrange(-50, 50)), dtype="Int64")
    if dtype == "Float64":
        return pd.array(pick(lambda: rng.choice([0.0, -0.0, 0.5, 1.5, -2.5, 3.0, -7.0, 1e300])), dtype="Float64")
    if dtype == "float64":
        return np.array([np.nan if v is None else v for v in pick(lambda: rng.choice([0.0, 0.5, -2.5, 3.0]))])
    if dtype == "boolean":
        return pd.array(pick(lambda: rng.random() < 0.5), dtype="boolean")
    if dtype == "string":
        return pd.array(pick(lambda: rng.choice(TEXTS)), dtype="string")
    if dtype == "datetime":
        base = pd.Timestamp("2024-03-10 01:30")  # near the US switch to summer time
        vals = pick(lambda: base + pd.Timedelta(minutes=rng.randrange(-600, 60 * 24 * 40, 37)))
        s = pd.Series(pd.array(vals, dtype="datetime64[us]"))
        if tz:
            s = s.dt.tz_localize("UTC").dt.tz_convert(tz)
        return s.array
    if dtype == "timedelta":  # whole microseconds, negative, sub-second, days; NaT missing
        vals = pick(lambda: pd.Timedelta(microseconds=rng.choice(
            [0, 1, -1, 999_999, -1_500_000, 3_600_000_000, -86_400_000_001, 90_061_000_001, 7, 2 ** 40])))
        return pd.array(vals, dtype="timedelta64[us]")
    raise ValueError(dtype)


def reading(rng: random.Random, frame: pd.DataFrame, partial: float = 0.3, parquet: float = 0.3):
    """(frame, mode, parquet): a case's ordering mode ("partial" with probability `partial`) and
    whether it reads its frame from Parquet (always in partial mode), with the frame as it must
    then be (the default index: the files are written without it)."""
    mode = "partial" if rng.random() < partial else "strict"
    from_parquet = mode == "partial" or rng.random() < parquet
    return (frame.reset_index(drop=True) if from_parquet else frame), mode, from_parquet


def index(rng: random.Random, n: int, kind=None):
    """A row index: the default, shuffled integers, strings, or (sometimes) repeated labels."""
    kind = kind or rng.choice(["default", "default", "ints", "strs", "dups"])
    if kind == "default":
        return pd.RangeIndex(n)
    if kind == "ints":
        return pd.Index(rng.sample(range(-n, 2 * n + 1), n), dtype="int64")
    if kind == "strs":
        return pd.Index(rng.sample("abcdefghijklmnopqrstuvwxyz", n) if n <= 26 else [f"r{i}" for i in range(n)], dtype="str")
    return pd.Index([rng.randrange(max(1, n // 2)) for _ in range(n)], dtype="int64")


# -- reproduction text -------------------------------------------------------------------


def frame_code(frame: pd.DataFrame) -> str:
    cols = ", ".join(f"{k!r}: {array_code(frame[k].array)}" for k in frame.columns)
    idx = frame.index
    idx_text = ""
    if not (isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1):
        idx_text = f", index=pd.Index([{', '.join(_value_code(v) for v in idx)}], dtype={str(idx.dtype)!r})"
    return f"pd.DataFrame({{{cols}}}{idx_text})"


def array_code(arr) -> str:
    dtype = str(arr.dtype)
    if isinstance(arr.dtype, pd.CategoricalDtype):
        return (f"pd.Categorical([{', '.join(_value_code(v) for v in arr)}], categories="
                f"[{', '.join(_value_code(v) for v in arr.categories)}], ordered={arr.ordered})")
    if isinstance(arr.dtype, pd.ArrowDtype) and str(arr.dtype).startswith("decimal128("):  # values as Decimal(...)
        p = arr.dtype.pyarrow_dtype
        return f"pd.array([{', '.join(_value_code(v) for v in arr)}], dtype=pd.ArrowDtype(pa.decimal128({p.precision}, {p.scale})))"
    if isinstance(arr.dtype, pd.ArrowDtype) and str(arr.dtype).startswith("list<"):  # lists: the script imports pyarrow as pa
        return f"pd.array([{', '.join(_value_code(v) for v in arr)}], dtype=pd.ArrowDtype(pa.list_(pa.type_for_alias({str(arr.dtype.pyarrow_dtype.value_type)!r}))))"
    if dtype == "float64":
        return f"np.array([{', '.join(_value_code(v) for v in arr)}])"
    if isinstance(arr.dtype, pd.StringDtype) and arr.dtype.storage == "python":
        return f"pd.array([{', '.join(_value_code(v) for v in arr)}], dtype=pd.StringDtype('python'))"
    return f"pd.array([{', '.join(_value_code(v) for v in arr)}], dtype={dtype!r})"


def _value_code(v) -> str:
    if v is None or v is pd.NA or v is pd.NaT:
        return "None"
    if isinstance(v, pd.Timestamp):
        return f"pd.Timestamp({str(v)!r})"
    if isinstance(v, pd.Timedelta):
        return f"pd.Timedelta(microseconds={v // pd.Timedelta(microseconds=1)})"
    if isinstance(v, (np.integer,)):
        return repr(int(v))
    if isinstance(v, (float, np.floating)):
        return "np.nan" if math.isnan(v) else f"{'-' if v < 0 else ''}np.inf" if math.isinf(v) else repr(float(v))
    if isinstance(v, np.bool_):
        return repr(bool(v))
    if isinstance(v, decimal.Decimal):
        return f"decimal.Decimal({str(v)!r})"
    return repr(v)
