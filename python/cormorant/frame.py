"""DataFrame: a lazy table."""

from __future__ import annotations

import pandas as pd

from cormorant import _convert, exceptions
from cormorant import _core
from cormorant.series import Series


class DataFrame:
    """A lazy table of named, typed columns; nothing runs until results are asked for."""

    def __init__(self, core: _core.DataFrame):
        self._core = core

    # -- attributes --------------------------------------------------------------------
    @property
    def columns(self) -> pd.Index:
        return pd.Index(self._core.columns)

    @property
    def dtypes(self) -> pd.Series:
        names = [n for n, _ in self._core.dtypes]
        return pd.Series([_convert.pandas_dtype(d) for _, d in self._core.dtypes], index=names, dtype=object)

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self._core.shape)

    def __len__(self) -> int:
        return self._core.shape[0]

    @property
    def size(self) -> int:
        rows, cols = self._core.shape
        return rows * cols

    @property
    def ndim(self) -> int:
        return 2

    @property
    def empty(self) -> bool:
        rows, cols = self.shape
        return rows == 0 or cols == 0

    @property
    def sql(self) -> str:
        """The SQL this DataFrame compiles to."""
        return self._core.sql

    # -- selection ---------------------------------------------------------------------
    def __getitem__(self, key):
        if isinstance(key, str):
            return Series(self._core.column(key))
        if isinstance(key, Series):
            return DataFrame(self._core.filter(key._core))
        if isinstance(key, (list, tuple, pd.Index)):
            if not all(isinstance(k, str) for k in key):
                raise exceptions.UnsupportedError("select columns by name: df[['a', 'b']]")
            return DataFrame(self._core.select(list(key)))
        raise exceptions.UnsupportedError(
            f"DataFrame[{type(key).__name__}] is not supported yet; use a column name, a list of names "
            "or a boolean Series"
        )

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._core.columns:
            return Series(self._core.column(name))
        raise AttributeError(f"'DataFrame' object has no attribute {name!r}")

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise exceptions.UnsupportedError("assign one column at a time by name: df['c'] = ...")
        self._core = self._assigned(key, value)

    def _assigned(self, key: str, value):
        if isinstance(value, Series):
            return self._core.assign_series(key, value._core)
        if isinstance(value, (pd.Series, pd.DataFrame, list, tuple)):
            raise exceptions.UnsupportedError(
                "assign a cormorant Series or a scalar; bring pandas data in with cpd.read_pandas() first"
            )
        return self._core.assign_value(key, _convert.scalar(value))

    def assign(self, **kwargs):
        """A copy with new or replaced columns; values are Series, scalars or callables of the frame."""
        out = self
        for key, value in kwargs.items():
            if callable(value):
                value = value(out)
            out = DataFrame(out._assigned(key, value))
        return out

    def astype(self, dtype):
        if isinstance(dtype, dict):
            return DataFrame(self._core.astype_columns({k: _convert.dtype_name(v) for k, v in dtype.items()}))
        return DataFrame(self._core.astype(_convert.dtype_name(dtype)))

    def rename(self, mapper=None, *, columns=None, axis=None):
        if mapper is not None and columns is None and axis in (1, "columns"):
            columns = mapper
        elif mapper is not None or (axis not in (None, 1, "columns")):
            raise exceptions.UnsupportedError("rename columns only: df.rename(columns={'old': 'new'})")
        if callable(columns):
            columns = {c: columns(c) for c in self._core.columns}
        return DataFrame(self._core.rename(dict(columns or {})))

    def drop(self, labels=None, *, axis=0, columns=None):
        if labels is not None and axis in (1, "columns"):
            columns = labels
        elif labels is not None:
            raise exceptions.UnsupportedError("drop columns only: df.drop(columns=[...])")
        if isinstance(columns, str):
            columns = [columns]
        return DataFrame(self._core.drop(list(columns or [])))

    def head(self, n: int = 5):
        return DataFrame(self._core.head(n))

    # -- results -----------------------------------------------------------------------
    def to_pandas(self) -> pd.DataFrame:
        """Runs the plan and returns a pandas DataFrame with nullable dtypes."""
        return _convert.arrow_to_pandas(self._core.to_arrow())

    def __repr__(self) -> str:
        max_rows = pd.get_option("display.max_rows")
        rows = len(self)
        if max_rows is None or rows <= max_rows:
            return repr(self.to_pandas())
        # pandas shows the first and last min_rows/2 rows: fetch just those, and let pandas
        # lay them out over a stand-in of max_rows + 1 rows whose footer is then corrected.
        half = max(1, (pd.get_option("display.min_rows") or 10) // 2)
        head = _convert.arrow_to_pandas(self._core.limit(half, 0).to_arrow())
        tail = _convert.arrow_to_pandas(self._core.limit(half, rows - half).to_arrow())
        tail.index = range(rows - half, rows)
        filler = head.iloc[[0] * (max_rows + 1 - 2 * half)]
        text = repr(pd.concat([head, filler, tail]))
        return text.replace(f"[{max_rows + 1} rows x", f"[{rows} rows x")

    def __array__(self, dtype=None, copy=None):
        return self.to_pandas().to_numpy(dtype=dtype)
