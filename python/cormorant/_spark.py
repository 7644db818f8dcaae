"""Sessions of the Spark engine: a Spark Connect client (pyspark's) for a ``spark_remote`` URL.

The foundation of issue 14: ``connect`` checks that a Spark Connect server answers at the URL
before pyspark's client is made (pyspark's own client retries an unreachable server for minutes
and then raises gRPC's text), so a missing cluster is one typed error that names the address and
says how to start the loopback cluster. pyspark is optional: only the Spark engine imports it.
"""

from __future__ import annotations

import re
import socket
import warnings

from .exceptions import EngineConnectionError, InvalidArgumentError

#: The port of a Spark Connect URL that names none (Spark's default).
DEFAULT_PORT = 15002

_URL = re.compile(r"^sc://(?P<host>\[[0-9A-Fa-f:.]+\]|[^:/;\[\]]+)(?::(?P<port>[0-9]+))?/?(?P<params>;.*)?$")

_START_HINT = ("start the loopback cluster with `bash scripts/spark.sh start` (it prints the URL; "
               "`bash scripts/spark.sh url` prints it again) or pass the URL of a running Spark "
               "Connect server as spark_remote")


def parse_remote(remote: str) -> tuple[str, int]:
    """The host and port of a Spark Connect URL ``sc://host[:port][/;param=value...]``."""
    if not isinstance(remote, str):
        raise InvalidArgumentError(f"spark_remote must be a Spark Connect URL string like "
                                   f"'sc://127.0.0.1:15002', not {type(remote).__name__}")
    m = _URL.match(remote.strip())
    if m is None:
        raise InvalidArgumentError(f"spark_remote {remote!r} is not a Spark Connect URL; expected "
                                   f"'sc://host:port' (for example 'sc://127.0.0.1:15002')")
    port = int(m.group("port")) if m.group("port") else DEFAULT_PORT
    if not 0 < port < 65536:
        raise InvalidArgumentError(f"spark_remote {remote!r} has port {port}, outside 1..65535")
    return m.group("host").strip("[]"), port


def check_reachable(remote: str, timeout: float = 5.0) -> None:
    """Raises EngineConnectionError unless something accepts TCP connections at ``remote``."""
    host, port = parse_remote(remote)
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise EngineConnectionError(f"no Spark Connect server answers at {remote} ({reason}); "
                                    f"{_START_HINT}", remote=remote) from None


def connect(remote: str):
    """A new pyspark Spark Connect session (``pyspark.sql.SparkSession``) for ``remote``.

    Raises EngineConnectionError when no server answers there, ImportError (saying what to
    install) when pyspark's Connect client is missing."""
    check_reachable(remote)
    with warnings.catch_warnings():
        # pyspark 4.3 warns that it does not fully support pandas 3 (on import and when a
        # session is made); cormorant takes Spark's results as Arrow and makes pandas objects itself.
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
        try:
            from pyspark.sql import SparkSession
        except ImportError as e:
            raise ImportError("the Spark engine needs pyspark's Spark Connect client: "
                              "bash scripts/spark.sh setup (or pip install --require-hashes "
                              "-r requirements/spark.txt)") from e
        session = SparkSession.builder.remote(remote).create()
    # Results must not depend on the server's or driver's zone: cormorant gives Spark UTC
    # instants and converts zones itself, as on DuckDB.
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session
