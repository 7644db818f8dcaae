"""The pandas-style API: ``import cormorant.pandas as cpd``."""

from cormorant.frame import DataFrame
from cormorant.series import Series
from cormorant.to_datetime import to_datetime
from cormorant.session import Session, close_session, concat, get_global_session, read_csv, merge, read_pandas, read_parquet, read_sql

__all__ = [
    "DataFrame",
    "Series",
    "Session",
    "close_session",
    "concat",
    "get_global_session",
    "merge",
    "read_csv",
    "read_pandas",
    "read_parquet",
    "read_sql",
    "to_datetime",
]
