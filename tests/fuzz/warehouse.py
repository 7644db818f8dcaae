"""Managed tables and Parquet files read back and filtered: frames written with ``to_table``
(partitioned by an integer, string or timestamp column, by its day or month, clustered, small
row groups, one to three appends), read with ``read_table`` (``index_col``, ``columns``,
``filters``), or written with ``to_parquet`` (cormorant's writer or pyarrow's, small row
groups, one file or several) and read with ``read_parquet``; then filtered on the partition
and cluster columns (==, !=, <, between, isin, isna, & and |) with values the data holds and
values it does not, missing partition values, zoned timestamps compared with other zones and
with text, strings with odd characters. Pruning files and row groups must never drop a row
pandas keeps. pandas is the oracle: ``PandasTables`` keeps the frames as a table stores them
(each write in partition, cluster, then the frame's own order; appends after), so strict mode
compares the order and the stable index labels too; partial mode compares the rows.
Categorical columns (text categories, unused ones, ordered or not) go through too, partitioned
and clustered by: an append unites the categories (the table's, then the new ones in order; the
table's ordered), partitions and clusters and read_table's filters go by the values."""

from __future__ import annotations

import glob
import os
import warnings

import numpy as np
import pandas as pd

from cormorant.exceptions import DefaultIndexWarning

from .runner import Case, column

ODD = ("a", "b", "a b", "a/b", "..", "=", "%", "%2F", "é", "日本", "", "__HIVE_DEFAULT_PARTITION__", "NULL",
       "x\ny", "Z", "ab", "'", "\\")
ZONES = (None, "UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham")


class Tables:
    """The warehouse of a cormorant session (a temporary directory) and Parquet files beside it:
    what a case's code calls ``wh``."""

    def __init__(self, session, folder):
        self.session, self.folder = session, folder

    def write(self, frame, table_id, **kwargs):
        frame.to_table(table_id, **kwargs)

    def read_table(self, table_id, **kwargs):
        with warnings.catch_warnings():  # DefaultIndexWarning: the point here is reading it whole
            warnings.simplefilter("ignore", DefaultIndexWarning)
            return self.session.read_table(table_id, **kwargs)

    def to_parquet(self, frame, name, row_group_size=None):
        path = os.path.join(self.folder, name)
        if row_group_size is None:
            frame.to_parquet(path)  # cormorant's writer (DuckDB's COPY)
        else:  # pyarrow's, with small row groups
            frame.to_pandas().to_parquet(path, index=False, row_group_size=row_group_size)

    def read_parquet(self, pattern, **kwargs):
        return self.session.read_parquet(os.path.join(self.folder, pattern), **kwargs)


class PandasTables:
    """pandas' side of ``Tables``: a table is its frames as stored (see the module's text),
    ``read_table`` applies ``filters`` as masks (see _matches), Parquet
    files are pandas' own."""

    def __init__(self, folder):
        self.folder, self.tables = folder, {}

    def write(self, frame, table_id, partition_by=None, cluster_by=(), if_exists="fail", row_group_size=0):
        old = self.tables.get(table_id)
        if old is not None and if_exists == "append":
            _, partition_by, cluster_by = old
        keys, frame = [], frame.reset_index(drop=True)
        by_values = frame.copy()  # partitions, clusters and filters go by a categorical's values
        for name in frame.columns:
            if isinstance(frame[name].dtype, pd.CategoricalDtype):
                by_values[name] = frame[name].astype(frame[name].cat.categories.dtype)
        if partition_by:
            unit, name = ("value", partition_by)
            for u in ("DAY", "MONTH"):
                if partition_by.upper().startswith(u + "("):
                    unit, name = u, partition_by[len(u) + 1:-1]
            values = by_values[name]
            if unit != "value" or values.dtype.kind == "M":
                key = values.dt.strftime("%Y-%m" if unit == "MONTH" else "%Y-%m-%d")
            else:
                key = values.astype("string")  # partitions are ordered by their text
            by_values = by_values.assign(__key=pd.array(key, dtype="string"))
            keys.append("__key")
        keys += list(cluster_by)
        if keys:
            order = by_values.sort_values(keys, kind="stable", na_position="last").index
            frame = frame.loc[order].reset_index(drop=True)
        if old is not None and if_exists == "append":
            frame = _united(old[0], frame)
        self.tables[table_id] = (frame, partition_by, list(cluster_by))

    def read_table(self, table_id, index_col=(), columns=(), filters=()):
        frame = self.tables[table_id][0]
        if filters:
            groups = [filters] if all(isinstance(f, tuple) for f in filters) else filters
            keep = pd.Series(False, index=frame.index)
            for group in groups:
                every = pd.Series(True, index=frame.index)
                for col, op, value in group:
                    every &= _matches(frame[col], op, value)
                keep |= every
            frame = frame[keep]
        if columns:  # in the order given
            frame = frame[list(columns)]
        if index_col:
            frame = frame.set_index(index_col)
        return frame

    def to_parquet(self, frame, name, row_group_size=None):
        frame.to_parquet(os.path.join(self.folder, name), index=False, row_group_size=row_group_size)

    def read_parquet(self, pattern, index_col=None):
        paths = sorted(glob.glob(os.path.join(self.folder, pattern)))
        frame = pd.read_parquet(paths, dtype_backend="numpy_nullable")  # (pandas unites categoricals' categories)
        return frame.set_index(index_col) if index_col else frame


def _united(old, new):
    """`new` appended to `old`: a categorical's categories are the table's, then the new ones
    in order, ordered as the table's (as pandas reads a folder of Parquet files)."""
    new = new.copy()
    for name in old.columns:
        if isinstance(old[name].dtype, pd.CategoricalDtype):
            cats = list(old[name].cat.categories)
            if isinstance(new[name].dtype, pd.CategoricalDtype):
                cats += [c for c in new[name].cat.categories if c not in cats]
                new[name] = new[name].astype(new[name].cat.categories.dtype)
            dtype = pd.CategoricalDtype(pd.Index(cats, dtype=old[name].cat.categories.dtype), ordered=old[name].cat.ordered)
            old = old.assign(**{name: old[name].cat.set_categories(dtype.categories).astype(dtype)})
            new[name] = new[name].astype(dtype)
    return pd.concat([old, new], ignore_index=True)


def _matches(values: pd.Series, op: str, value) -> pd.Series:
    """A read_table filter's rows: pandas' mask of the comparison, a missing result False
    (so a missing value passes "not in" and nothing else, as in pyarrow's filters), a
    categorical's values compared (as pyarrow's filters compare a dictionary's)."""
    if isinstance(values.dtype, pd.CategoricalDtype):  # (text as "string": a missing value compares <NA>)
        categories = values.cat.categories.dtype
        values = values.astype("string" if categories == object or str(categories) == "str" else categories)
    if op in ("in", "not in"):
        hit = values.isin(value)
        return hit if op == "in" else ~hit
    hit = {"==": values.__eq__, "!=": values.__ne__, "<": values.__lt__, "<=": values.__le__,
           ">": values.__gt__, ">=": values.__ge__}[op](value)
    return hit.fillna(False).astype(bool)


# -- data ------------------------------------------------------------------------------------


CATEGORIES = ("a", "b", "é", "", "a/b", "Z", "x\ny", "%2F", "日本")


def _categorical(rng, n):
    """Text categories (some unused), ordered or not, with missing values."""
    cats = rng.sample(CATEGORIES, rng.randint(1, 5))
    values = [rng.choice(cats) if rng.random() > 0.2 else None for _ in range(n)]
    return pd.Categorical(values, categories=pd.Index(cats, dtype="str"), ordered=rng.random() < 0.5)


def _frame(rng, n, kind, tz, categorical=False):
    k = column(rng, n, "Int64", rng.choice([0.0, 0.2]), small=rng.random() < 0.5)
    t = column(rng, n, "datetime", rng.choice([0.0, 0.2]), tz=tz)
    if kind == "cat":
        p = _categorical(rng, n)
    else:
        p = k if kind == "int" else _texts(rng, n) if kind == "str" else t
    frame = pd.DataFrame({
        "p": p,
        "c": _texts(rng, n),
        "k": column(rng, n, "Int64", 0.2, small=False),
        "f": column(rng, n, "Float64", 0.2),
        "t": column(rng, n, "datetime", 0.2, tz=tz),
        "v": pd.array(range(n), dtype="Int64"),
    })
    if categorical:
        frame["g"] = _categorical(rng, n)
    return frame


def _texts(rng, n):
    missing = rng.choice([0.0, 0.2])
    return pd.array([rng.choice(ODD) if rng.random() >= missing else None for _ in range(n)], dtype="string")


def _literal(v, tz, rng) -> str:
    """Code for a value of a column: itself, or (timestamps) the same moment in another zone, or text."""
    if v is None or v is pd.NA or v is pd.NaT:
        return "None"
    if isinstance(v, pd.Timestamp):
        if v.tz is not None and rng.random() < 0.4:
            other = rng.choice(["UTC", "Asia/Tokyo", "America/Los_Angeles"])
            return f"pd.Timestamp({str(v.tz_convert(other))!r}, tz={other!r})"
        if rng.random() < 0.3:  # text: pandas reads it in the column's zone
            return repr(v.strftime(rng.choice(["%Y-%m-%d", "%Y-%m-%d %H:%M"])))
        return f"pd.Timestamp({str(v)!r}, tz={str(v.tz)!r})" if v.tz is not None else f"pd.Timestamp({str(v)!r})"
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    if isinstance(v, (int, np.integer)):
        return repr(int(v)) if rng.random() < 0.8 else repr(int(v) + 0.5)
    return repr(v)


def _value(rng, data: pd.Series, tz):
    """A value for a filter: one the column holds (mostly), or a nearby or odd one."""
    present = [v for v in data if not pd.isna(v)]
    if present and rng.random() < 0.75:
        return _literal(rng.choice(present), tz, rng)
    if data.dtype.kind == "M":
        base = pd.Timestamp("2024-03-10 02:30")
        stamp = base + pd.Timedelta(minutes=rng.randrange(-600, 60 * 24 * 40, 97))
        return _literal(stamp.tz_localize(tz, nonexistent="shift_forward", ambiguous=True) if tz else stamp, tz, rng)
    if str(data.dtype) in ("string", "category"):
        return repr(rng.choice(ODD + CATEGORIES + ("aa", "zz", "A", "~", "\x00")))
    if str(data.dtype) == "Float64":
        return repr(rng.choice([0.0, -0.0, 0.25, -1e308, 1e300, 2.0]))
    return repr(rng.choice([-5, 0, 3, 2**62, -(2**63) + 1, 1.5]))


def _condition(rng, x, col, data, tz):
    v, w = _value(rng, data, tz), _value(rng, data, tz)
    op = rng.choice(["==", "!=", "<", "<=", ">", ">=", "between", "isin", "~isin", "isna", "notna"])
    if op == "between":
        return f"{x}[{col!r}].between({v}, {w}, inclusive={rng.choice(['both', 'left', 'neither'])!r})"
    if op in ("isin", "~isin"):
        values = ", ".join([v, w] + (["None"] if rng.random() < 0.3 else []))
        return f"{'~' if op == '~isin' else ''}{x}[{col!r}].isin([{values}])"
    if op in ("isna", "notna"):
        return f"{x}[{col!r}].{op}()"
    return f"({x}[{col!r}] {op} {v})"


def _filters(rng, frame, cols, tz):
    """read_table's filters: [(col, op, value), ...] or a list of such lists."""
    def one():
        col = rng.choice(cols)
        data = frame[col]
        op = rng.choice(["==", "!=", "<", "<=", ">", ">=", "in", "not in"])
        def value():
            v = _value(rng, data, tz)
            if data.dtype.kind == "M" and not v.startswith("pd."):  # text: a Timestamp in the column's zone
                v = f"pd.Timestamp({v}, tz={tz!r})" if tz else f"pd.Timestamp({v})"
            return v
        v = f"[{value()}, {value()}]" if op.endswith("in") else value()
        return f"({col!r}, {op!r}, {v})"
    group = lambda: "[" + ", ".join(one() for _ in range(rng.randint(1, 2))) + "]"  # noqa: E731
    return group() if rng.random() < 0.7 else "[" + ", ".join(group() for _ in range(2)) + "]"


def generate(rng):
    kind = rng.choice(["int", "str", "day", "month", "time", "none", "cat"])
    categorical = rng.random() < 0.3
    tz = rng.choice(ZONES)
    writes = rng.randint(1, 3)
    big = rng.random() < 0.08  # row groups of 2048 rows: pruning inside a file
    frames = {}
    for i in range(writes):
        n = rng.randint(0, 9)
        frame = _frame(rng, n, kind, tz, categorical)
        if big and n:
            frame = pd.concat([frame] * (5000 // n + 1), ignore_index=True).sort_values("c", kind="stable")
            frame = frame.reset_index(drop=True).assign(v=pd.array(range(len(frame) * 1), dtype="Int64"))
        frames["abc"[i]] = frame
    mode = "partial" if rng.random() < 0.35 else "strict"
    cluster = rng.sample(["c", "k", "f", "t"] + (["g"] if categorical else []), rng.choice([0, 1, 1, 2]))
    store = rng.choice(["table", "table", "table", "parquet"])
    code = []
    filter_cols = (["p"] if kind != "none" else []) + cluster or ["c", "k"]
    if store == "table":
        partition = {"int": "'p'", "str": "'p'", "day": "'DAY(p)'", "month": "'MONTH(p)'", "time": "'p'",
                     "none": "None", "cat": "'p'"}[kind]
        rows = 2048 if big else rng.choice([0, 0, 1, 2])
        for i, name in enumerate(frames):
            if i == 0:
                code.append(f"wh.write({name}, 'ds.t', partition_by={partition}, cluster_by={cluster!r}"
                            f"{f', row_group_size={rows}' if rows else ''})")
            else:
                code.append(f"wh.write({name}, 'ds.t', if_exists='append'{f', row_group_size={rows}' if rows else ''})")
        args = []
        if rng.random() < 0.3:
            args.append(f"filters={_filters(rng, frames['a'], filter_cols, tz)}")
        if rng.random() < 0.3:
            args.append(f"columns={sorted(set(filter_cols + ['v', 'c', 'k', rng.choice(['f', 't'])]))!r}")
        if rng.random() < 0.2:
            args.append("index_col='v'")
        code.append(f"x = wh.read_table('ds.t'{''.join(', ' + a for a in args)})")
    else:
        rows = 2048 if big else rng.choice([None, 1, 2, 3])
        for name in frames:
            code.append(f"wh.to_parquet({name}, '{name}.parquet'{f', row_group_size={rows}' if rows else ''})")
        code.append(f"x = wh.read_parquet('{'*.parquet' if len(frames) > 1 else 'a.parquet'}')")
    index_v = "index_col='v'" in code[-1]
    cols = [c for c in filter_cols if not (index_v and c == "v")]
    col = rng.choice(cols)
    conds = [_condition(rng, "x", col, frames["a"][col], tz)]
    if rng.random() < 0.4:
        other = rng.choice(cols + ["c", "k"])
        conds.append(_condition(rng, "x", other, frames["a"][other], tz))
    joined = f" {rng.choice(['&', '|'])} ".join(conds)
    code.append(f"y = x[{joined}]")
    if rng.random() < 0.3:
        col = rng.choice(cols)
        code.append(f"y = y[{_condition(rng, 'y', col, frames['a'][col], tz)}]")
    last = ["r = y", "r = y", "r = len(y)", "r = y['k'].sum()", "r = y[['c', 'k']]"]
    if mode == "strict":
        last += ["r = y.head(3)", "r = y.iloc[1:3]", "r = y.index.max()" if not index_v else "r = y.index.min()"]
    code.append(rng.choice(last))
    return Case(frames, code, mode=mode, warehouse=True)
