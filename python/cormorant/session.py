"""Sessions and the read_* entry points."""

from __future__ import annotations

import os
from typing import Sequence

import pandas as pd

from cormorant import _convert, exceptions
from cormorant import _core


class Session:
    """A session over an embedded warehouse (a directory, or ``":memory:"``).

    The default warehouse is ``$CORMORANT_WAREHOUSE``, else
    ``$XDG_DATA_HOME/cormorant/warehouse``, else ``~/.local/share/cormorant/warehouse``.
    """

    def __init__(self, warehouse: str | os.PathLike | None = None, threads: int = 0):
        self._core = _core.Session(os.fspath(warehouse) if warehouse is not None else "", threads)

    @property
    def session_id(self) -> str:
        """This session's unique id."""
        return self._core.id

    @property
    def warehouse(self) -> str:
        """The warehouse directory ('' for an in-memory session)."""
        return self._core.warehouse

    def read_csv(
        self,
        filepath_or_buffer,
        *,
        sep: str = ",",
        header: int | None | str = "infer",
        na_values: Sequence[str] | None = None,
        usecols: Sequence[str] | None = None,
    ):
        """Reads a CSV file lazily, with pandas' defaults (header row, pandas' NA strings)."""
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
        if usecols is not None and any(not isinstance(c, str) for c in usecols):
            raise exceptions.UnsupportedError("usecols takes column names only")
        return DataFrame(
            self._core.read_csv(
                os.fspath(filepath_or_buffer),
                sep,
                header is not None,
                list(na_values or []),
                list(usecols or []),
            )
        )

    def read_parquet(self, path):
        """Reads Parquet files (a path or a glob) lazily."""
        from cormorant.frame import DataFrame

        return DataFrame(self._core.read_parquet(os.fspath(path)))

    def read_pandas(self, pandas_dataframe: pd.DataFrame):
        """Brings a pandas DataFrame into the session (copied through Arrow)."""
        from cormorant.frame import DataFrame

        if isinstance(pandas_dataframe, pd.Series):
            pandas_dataframe = pandas_dataframe.to_frame()
        if not isinstance(pandas_dataframe, pd.DataFrame):
            raise exceptions.DTypeError(
                f"read_pandas takes a pandas DataFrame, got {type(pandas_dataframe).__name__}"
            )
        index = pandas_dataframe.index
        if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
            raise exceptions.UnsupportedError(
                "read_pandas keeps only a default index (0..n-1) for now; call reset_index() first"
            )
        stream = _convert.pandas_to_arrow_stream(pandas_dataframe)
        return DataFrame(self._core.read_arrow(stream.__arrow_c_stream__()))


_global_session: Session | None = None


def get_global_session() -> Session:
    """The session the module-level functions use, created on first use."""
    global _global_session
    if _global_session is None:
        _global_session = Session()
    return _global_session


def close_session() -> None:
    """Closes the global session; the next call to a read_* function opens a new one."""
    global _global_session
    _global_session = None


def read_csv(filepath_or_buffer, **kwargs):
    """Reads a CSV file lazily into a DataFrame (see Session.read_csv)."""
    return get_global_session().read_csv(filepath_or_buffer, **kwargs)


def read_parquet(path):
    """Reads Parquet files lazily into a DataFrame."""
    return get_global_session().read_parquet(path)


def read_pandas(pandas_dataframe: pd.DataFrame):
    """Brings a pandas DataFrame into cormorant."""
    return get_global_session().read_pandas(pandas_dataframe)
