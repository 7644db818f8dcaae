"""The pandas-style API: ``import cormorant.pandas as cpd``."""

from cormorant.frame import DataFrame
from cormorant.series import Series
from cormorant.to_datetime import to_datetime
from cormorant.to_numeric import to_numeric
from cormorant.timedeltas import to_timedelta
from cormorant.reshape import crosstab, get_dummies, melt, pivot, pivot_table
from cormorant.binning import cut, qcut
from cormorant.concatenation import concat
from cormorant.session import Session, close_session, get_global_session, read_csv, merge, read_json, read_pandas, read_parquet, read_sql
from cormorant.session import clean_up_by_session_id, describe_table, drop_table, list_datasets, list_tables, read_table
from cormorant.session import delete_routine, describe_routine, list_routines, read_function, udf
from cormorant.session import create_connection, create_remote_function, delete_connection, grant_invoke
from cormorant.session import list_connections, remote_function, revoke_invoke
from cormorant.options import option_context, options
from cormorant import enums, exceptions

__all__ = [
    "DataFrame",
    "Series",
    "Session",
    "clean_up_by_session_id",
    "delete_routine",
    "describe_routine",
    "list_routines",
    "read_function",
    "udf",
    "create_connection",
    "create_remote_function",
    "delete_connection",
    "grant_invoke",
    "list_connections",
    "remote_function",
    "revoke_invoke",
    "close_session",
    "describe_table",
    "drop_table",
    "enums",
    "exceptions",
    "list_datasets",
    "list_tables",
    "options",
    "option_context",
    "NamedAgg",
    "col",
    "read_table",
    "concat",
    "crosstab",
    "cut",
    "get_dummies",
    "get_global_session",
    "merge",
    "melt",
    "pivot",
    "pivot_table",
    "qcut",
    "read_csv",
    "read_json",
    "read_pandas",
    "read_parquet",
    "read_sql",
    "to_datetime",
    "to_numeric",
    "to_timedelta",
]


def col(name):
    """pandas 3's column expression (``pd.col``): ``df.assign(c=cpd.col("a") + 1)``,
    ``df.loc[cpd.col("a") > 1]``; evaluated against the cormorant frame it is given to."""
    import pandas

    return pandas.col(name)


def __getattr__(name):
    """pandas' NamedAgg (groupby agg's named aggregations take it), without importing pandas
    when cormorant.pandas is imported."""
    if name == "NamedAgg":
        import pandas

        return pandas.NamedAgg
    raise AttributeError(f"module 'cormorant.pandas' has no attribute {name!r}")
