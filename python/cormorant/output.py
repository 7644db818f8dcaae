"""Results in the other forms pandas gives them: numpy arrays, dicts, lists, JSON, text, HTML,
pickles, iteration; and the small attributes that come with them (empty, ndim, item, keys).

Each runs the plan once and hands the result to pandas, which formats it: the output is
pandas' own, byte for byte. Iteration (iterrows, itertuples, items of a Series) streams the
result in batches, so a result larger than memory can be walked through.
"""

from __future__ import annotations

import copy as _copy
import os
import tempfile

from cormorant._lazy import pd
from cormorant import _convert, exceptions

# Iteration reads the result in batches of this many rows.
ITER_BATCH_ROWS = 65536


def delegate(name: str, doc: str):
    """A method that runs the plan and returns pandas' `name` of the result."""

    def method(self, *args, **kwargs):
        return getattr(self.to_pandas(), name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = doc
    return method


def batches(obj, rows: int = ITER_BATCH_ROWS):
    """The result of a DataFrame or Series as pandas objects of at most `rows` rows."""
    frame = obj._frame() if hasattr(obj, "_frame") else obj
    for batch in frame.to_pandas_batches(rows):
        yield batch if frame is obj else batch.iloc[:, 0].rename(obj.name)


def iterrows(self):
    """(index, row as a pandas Series) for each row, in order, read in batches."""
    for batch in batches(self):
        yield from batch.iterrows()


def itertuples(self, index: bool = True, name: str | None = "Pandas"):
    """A namedtuple (or plain tuple with name=None) per row, in order, read in batches."""
    for batch in batches(self):
        yield from batch.itertuples(index=index, name=name)


def series_items(self):
    """(index, value) for each element, in order, read in batches."""
    for batch in batches(self):
        yield from batch.items()


def series_iter(self):
    """The values, in order, read in batches."""
    for batch in batches(self):
        yield from batch


def frame_items(self):
    """(label, column as a cormorant Series) for each column, in order."""
    for i, label in enumerate(self.columns):
        yield label, self.iloc[:, i]


def frame_keys(self):
    """The column labels, as pandas' DataFrame.keys()."""
    return self.columns


def series_keys(self):
    """The index, as pandas' Series.keys()."""
    return self.index


def series_empty(self) -> bool:
    """True when the Series has no elements."""
    return len(self) == 0


def item(self):
    """The single element of a one-element Series, as a Python scalar."""
    head = self.head(2).to_pandas()
    if len(head) != 1:
        raise exceptions.InvalidArgumentError("can only convert an array of size 1 to a Python scalar")
    return head.item()


def hasnans(self) -> bool:
    """True when the Series holds a missing value (one query, no rows fetched)."""
    return bool(self.isna().any())


def pipe(self, func, *args, **kwargs):
    """func(self, *args, **kwargs); func may be a (callable, keyword) tuple naming the keyword
    that receives self, as in pandas."""
    if isinstance(func, tuple):
        func, target = func
        if target in kwargs:
            raise exceptions.InvalidArgumentError(f"{target} is both the pipe target and a keyword argument")
        kwargs[target] = self
        return func(*args, **kwargs)
    return func(self, *args, **kwargs)


def copy(self, deep: bool = True):
    """A new object with the same plan: changing one (assignment, rename in place) leaves the
    other as it was, as pandas' copy-on-write does."""
    return _copy.copy(self)


def values(self):
    """The values as a numpy array (or pandas extension array for a Series), as pandas' .values."""
    return self.to_pandas().values


def repr_html(self) -> str | None:
    """The HTML table pandas renders in Jupyter (a Series as a one-column table), with the real
    row count, fetching only the rows shown (see _convert.shown_rows)."""
    from cormorant import _convert

    shown, rows = _convert.shown_rows(self)
    frame = shown if isinstance(shown, pd.DataFrame) else shown.to_frame()
    html = frame._repr_html_()
    if html is None or rows == len(frame):
        return html
    stand_in = f"<p>{len(frame)} rows × {frame.shape[1]} columns</p>"
    real = f"<p>{rows} rows × {frame.shape[1]} columns</p>"
    if stand_in in html:
        return html.replace(stand_in, real)
    head, _, tail = html.rpartition("</div>")  # shown without truncation (any rows of an unordered result)
    return f"{head}{real}\n</div>{tail}"


class ResultForms:
    """The forms of a result that DataFrame and Series share: each runs the plan once and hands
    the result to pandas' method of the same name."""

    to_dict = delegate("to_dict", "The result as a dict, as pandas' to_dict (runs the query).")
    to_json = delegate("to_json", "The result as JSON, as pandas' to_json (runs the query).")
    to_string = delegate("to_string", "The result as text, as pandas' to_string (runs the query).")
    to_markdown = delegate("to_markdown", "The result as a Markdown table, as pandas' to_markdown (needs tabulate).")
    to_pickle = delegate("to_pickle", "Pickles the result, as pandas' to_pickle (runs the query).")
    to_numpy = delegate("to_numpy", "The values as a numpy array, as pandas' to_numpy (runs the query).")
    to_latex = delegate("to_latex", "The result as a LaTeX table, as pandas' to_latex (needs jinja2).")
    to_xarray = delegate("to_xarray", "The result as an xarray object, as pandas' to_xarray (needs xarray).")
    to_excel = delegate("to_excel", "Writes an Excel file, as pandas' to_excel (needs openpyxl).")
    values = property(values)
    _repr_html_ = repr_html
    pipe = pipe
    copy = copy


def _zoned(dtype: str) -> bool:
    """Whether a dtype's text is of datetimes in a zone other than UTC."""
    return dtype.startswith("datetime64[") and "," in dtype and not dtype.endswith(", UTC]")


def to_table(
    self,
    table_id: str,
    *,
    partition_by: str | None = None,
    cluster_by=(),
    if_exists: str = "fail",
    row_group_size: int = 0,
) -> dict:
    """DataFrame.to_table: writes the rows as a managed table of the warehouse
    ("dataset.table"), atomically.

    `partition_by` is a column name, or ``"DAY(col)"`` / ``"MONTH(col)"`` for the day or
    month of a date or timestamp column; `cluster_by` sorts the files by up to 4 columns so
    row groups can be skipped; `if_exists` is "fail", "replace" or "append". A non-default
    index is written as leading columns. Returns the table's description.
    """
    unit, column = "value", partition_by
    if isinstance(partition_by, str):
        upper = partition_by.upper()
        for name in ("DAY", "MONTH"):
            if upper.startswith(name + "(") and partition_by.endswith(")"):
                unit, column = name.lower(), partition_by[len(name) + 1 : -1].strip()
    elif partition_by is not None:
        raise exceptions.InvalidArgumentError("partition_by is a column name, or 'DAY(col)' / 'MONTH(col)'")
    if isinstance(cluster_by, str):
        cluster_by = [cluster_by]
    return self._core.to_table(table_id, column, unit, list(cluster_by), if_exists, int(row_group_size))


def frame_to_parquet(self, path, *, index=None):
    """DataFrame.to_parquet: writes a Parquet file (the index too when index=True, or when it is not the default
    index and index is None, as pandas does)."""
    write_index = index if index is not None else not self._is_default_index()
    write_index = write_index and bool(self._core.index_names)  # a NULL index has no levels to write
    written = self._core.reset_index(False) if write_index else self._core  # the index levels too
    if any(d == "category" or _zoned(d) for _, d in written.dtypes):
        _to_parquet_with_pandas_metadata(self, os.fspath(path), bool(write_index))
        return
    self._core.to_parquet(os.fspath(path), bool(write_index))


def _to_parquet_with_pandas_metadata(self, path: str, write_index: bool) -> None:
    """Categorical columns as pandas writes them: Arrow dictionary columns (every category,
    and ordered, in pandas' metadata), so pandas reads the categoricals back and DuckDB the
    values; datetimes in a zone other than UTC with that zone in pandas' metadata (the
    engine writes UTC instants only, which pandas reads as UTC). The engine's writer cannot
    say either, so the batches go through pyarrow as they are produced (one query, streamed)."""
    import pyarrow.parquet as pq  # pylint: disable=import-outside-toplevel

    writer = None
    try:
        for batch in self.to_pandas_batches():
            table = _convert.pa.Table.from_pandas(batch, preserve_index=write_index)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
        if writer is None:  # no batch: the schema of no rows
            writer = pq.ParquetWriter(path, _convert.pa.Table.from_pandas(self.to_pandas(), preserve_index=write_index).schema)
    except OSError as e:
        raise exceptions.FileWriteError(f"cannot write '{path}': {e.strerror or e}") from None
    finally:
        if writer is not None:
            writer.close()


# pandas 3.1's to_csv arguments the core's CSV writer does not take, with pandas' defaults.
_CSV_DEFAULTS = dict(na_rep="", float_format=None, columns=None, index_label=None, mode="w", encoding=None,
                     compression="infer", quoting=None, quotechar='"', lineterminator=None, chunksize=None,
                     date_format=None, doublequote=True, escapechar=None, decimal=".", errors="strict",
                     storage_options=None)
_COMPRESSED = (".gz", ".bz2", ".zip", ".xz", ".zst", ".tar", ".tar.gz", ".tar.xz", ".tar.bz2", ".tgz")


def frame_to_csv(self, path_or_buf=None, *, sep: str = ",", na_rep: str = "", float_format=None, columns=None,
                 header=True, index: bool = True, index_label=None, mode: str = "w", encoding=None,
                 compression="infer", quoting=None, quotechar: str = '"', lineterminator=None, chunksize=None,
                 date_format=None, doublequote: bool = True, escapechar=None, decimal: str = ".",
                 errors: str = "strict", storage_options=None):
    """DataFrame.to_csv with pandas' arguments: returns the text when no path is given. With
    pandas' defaults (and a plain file path) the engine writes the file; any other argument
    (a format, quoting, compression, a buffer, mode="a", ...) has pandas write the result
    (to_pandas().to_csv: the result is read into memory), so the text is pandas' own."""
    others = dict(na_rep=na_rep, float_format=float_format, columns=columns, index_label=index_label, mode=mode,
                  encoding=encoding, compression=compression, quoting=quoting, quotechar=quotechar,
                  lineterminator=lineterminator, chunksize=chunksize, date_format=date_format,
                  doublequote=doublequote, escapechar=escapechar, decimal=decimal, errors=errors,
                  storage_options=storage_options)
    from cormorant.temporal_labels import is_temporal

    # (pandas writes a header of times in the format of the whole index: pandas writes those)
    by_engine = (isinstance(header, bool) and all(_is_csv_default(k, v) for k, v in others.items())
                 and not any(is_temporal(x) for label in self._core.columns
                             for x in (label if isinstance(label, tuple) else (label,)))
                 and (path_or_buf is None or (isinstance(path_or_buf, (str, os.PathLike))
                                              and not os.fspath(path_or_buf).endswith(_COMPRESSED))))
    if not by_engine:
        return self.to_pandas().to_csv(path_or_buf, sep=sep, header=header, index=index, **others)
    if path_or_buf is None:
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "out.csv")
            self._core.to_csv(path, sep, bool(header), bool(index))
            with open(path, encoding="utf-8") as f:
                return f.read()
    self._core.to_csv(os.fspath(path_or_buf), sep, bool(header), bool(index))
    return None


def _is_csv_default(name: str, value) -> bool:
    default = _CSV_DEFAULTS[name]
    return value is default or (type(value) is type(default) and value == default)
