"""The pandas-style API: ``import cormorant.pandas as cpd``."""

from cormorant.frame import DataFrame
from cormorant.series import Series
from cormorant.to_datetime import to_datetime
from cormorant.reshape import get_dummies, melt, pivot, pivot_table
from cormorant.session import Session, close_session, concat, get_global_session, read_csv, merge, read_json, read_pandas, read_parquet, read_sql

__all__ = [
    "DataFrame",
    "Series",
    "Session",
    "close_session",
    "concat",
    "get_dummies",
    "get_global_session",
    "merge",
    "melt",
    "pivot",
    "pivot_table",
    "read_csv",
    "read_json",
    "read_pandas",
    "read_parquet",
    "read_sql",
    "to_datetime",
]
