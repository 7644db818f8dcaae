"""Synthetic data sets for demos and benchmarks, generated inside the engine.

``make_pypi_file_downloads`` builds a table shaped like BigQuery's public
``bigquery-public-data.pypi.file_downloads`` (the example bigframes' partial ordering mode was
made for): one row per download, partitioned by the day of ``timestamp`` and clustered by
``project``. Project popularity is log-uniform (a few projects have most downloads, like
boto3 and requests on PyPI; thousands have a few). Generation is deterministic.
"""

from __future__ import annotations

import datetime

# The most downloaded projects take the first ranks; the rest are named pkg-<rank>.
_TOP_PROJECTS = [
    "boto3", "urllib3", "botocore", "requests", "setuptools", "certifi", "idna", "charset-normalizer",
    "typing-extensions", "python-dateutil", "packaging", "s3transfer", "six", "numpy", "pyyaml", "pip",
    "cryptography", "pandas", "wheel", "attrs",
]
_COUNTRIES = ["US", "CN", "DE", "IE", "GB", "FR", "IN", "JP", "SG", "NL", "BR", "CA", "KR", "AU", "SE"]
_INSTALLERS = ["pip", "pip", "pip", "pip", "uv", "uv", "poetry", "pipenv", "bandersnatch", "requests"]
_PYTHONS = ["3.8", "3.9", "3.10", "3.11", "3.11", "3.12", "3.12", "3.13"]

#: The table the demo and the benchmark use, and the day its downloads start.
PYPI_TABLE = "pypi.file_downloads"
PYPI_START = datetime.date(2026, 10, 1)


def _sql_list(items) -> str:
    return "[" + ", ".join("'" + i.replace("'", "''") + "'" for i in items) + "]"


def pypi_file_downloads_sql(rows: int, days: int, projects: int, start: datetime.date) -> str:
    """The query generating the rows (DuckDB SQL over range()); deterministic."""
    step = max(1, days * 86_400_000_000 // rows)  # microseconds between rows
    start_us = int(datetime.datetime(start.year, start.month, start.day, tzinfo=datetime.timezone.utc).timestamp()) * 1_000_000
    # u in [0, 1) from a hash of the row number; rank = floor(projects ** u) is log-uniform.
    return f"""
SELECT
  make_timestamp({start_us} + i * {step} + (hash(i, 7) % {step + 1})::BIGINT) AS "timestamp",
  {_sql_list(_COUNTRIES)}[1 + (hash(i, 1) % {len(_COUNTRIES)})::BIGINT] AS country_code,
  project,
  project || '-' || (1 + hash(i, 2) % 9)::BIGINT || '.' || (hash(i, 3) % 30)::BIGINT || '.' || (hash(i, 4) % 12)::BIGINT
    || CASE WHEN hash(i, 5) % 3 = 0 THEN '.tar.gz' ELSE '-py3-none-any.whl' END AS file,
  {_sql_list(_INSTALLERS)}[1 + (hash(i, 6) % {len(_INSTALLERS)})::BIGINT] AS installer,
  {_sql_list(_PYTHONS)}[1 + (hash(i, 8) % {len(_PYTHONS)})::BIGINT] AS python
FROM (
  SELECT i, CASE WHEN r <= {len(_TOP_PROJECTS)} THEN {_sql_list(_TOP_PROJECTS)}[r] ELSE 'pkg-' || r END AS project
  FROM (
    SELECT i, CAST(floor(pow({projects}.0, (hash(i, 0) % 1000000007)::DOUBLE / 1000000007.0)) AS BIGINT) AS r
    FROM range({rows}) t(i)
  )
)
"""


def make_pypi_file_downloads(
    table_id: str = PYPI_TABLE,
    *,
    rows: int = 30_000_000,
    days: int = 30,
    projects: int = 10_000,
    start: datetime.date = PYPI_START,
    session=None,
    if_exists: str = "replace",
) -> dict:
    """Writes the synthetic ``file_downloads`` table (timestamp, country_code, project, file,
    installer, python) of `rows` rows over `days` days from `start`, partitioned by
    DAY(timestamp) and clustered by project, into the warehouse of `session` (default: the
    global session's). Returns the table's description."""
    from cormorant.session import Session, get_global_session

    if rows < 1 or days < 1 or projects < 1:
        from cormorant import exceptions

        raise exceptions.InvalidArgumentError("rows, days and projects must be positive")
    target = session or get_global_session()
    # Generated in a partial-mode session on the same warehouse: the rows need no order of
    # their own (the table is sorted by day and project when written). Its SQL is DuckDB's:
    # generated on the embedded engine whatever the session's (a Spark session reads the table).
    gen = Session(target.warehouse, ordering_mode="partial", engine="duckdb")
    try:
        frame = gen.read_sql(pypi_file_downloads_sql(rows, days, projects, start))
        # Row groups of 8192 rows: a mid-sized project's day fits in one or two.
        return frame.to_table(
            table_id, partition_by="DAY(timestamp)", cluster_by=["project"], if_exists=if_exists, row_group_size=8192
        )
    finally:
        gen.close()


def ensure_pypi_file_downloads(table_id: str = PYPI_TABLE, *, rows: int, days: int, session=None, log=print) -> dict:
    """The description of `table_id` when it already holds `rows` rows in `days` daily
    files; else generates it (make_pypi_file_downloads from PYPI_START), saying so with `log`."""
    import time

    from cormorant.session import get_global_session

    target = session or get_global_session()
    dataset, table = table_id.split(".")
    if dataset in target.list_datasets() and table in target.list_tables(dataset):
        info = target.describe_table(table_id)
        if info["rows"] == rows and info["files"] == days:
            return info
    log(f"generating {table_id}: {rows:,} rows over {days} days (once) ...")
    start = time.perf_counter()
    info = make_pypi_file_downloads(table_id, rows=rows, days=days, session=target)
    log(f"  written in {time.perf_counter() - start:.1f} s")
    return info
