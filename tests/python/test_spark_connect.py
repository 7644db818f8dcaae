"""The Spark engine's connection faults (issue 14), without Java or pyspark: a Spark Connect URL
where no server answers is one typed error naming the address and how to start the cluster."""

from __future__ import annotations

import socket

import pytest

from cormorant import _spark, exceptions


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("suffix", ["", "/", "/;user_id=cormorant"])
def test_no_server_at_the_address(suffix):
    remote = f"sc://127.0.0.1:{_closed_port()}{suffix}"
    with pytest.raises(exceptions.EngineConnectionError) as e:
        _spark.connect(remote)
    assert isinstance(e.value, ConnectionError) and isinstance(e.value, exceptions.CormorantError)
    assert e.value.remote == remote
    message = str(e.value)
    assert remote in message and "bash scripts/spark.sh start" in message
    assert "grpc" not in message.lower() and "Traceback" not in message


@pytest.mark.parametrize("remote, expected", [
    ("sc://127.0.0.1:15003", ("127.0.0.1", 15003)),
    ("sc://localhost", ("localhost", 15002)),  # Spark Connect's default port
    ("sc://spark.example:443/;use_ssl=true;token=x", ("spark.example", 443)),
    ("sc://[::1]:7077", ("::1", 7077)),
])
def test_parse_remote(remote, expected):
    assert _spark.parse_remote(remote) == expected


@pytest.mark.parametrize("remote", ["http://127.0.0.1:15002", "sc://", "127.0.0.1:15002", "sc://h:0",
                                    "sc://h:70000", "sc://h:port", 15002, None])
def test_bad_remote(remote):
    with pytest.raises(exceptions.InvalidArgumentError, match="spark_remote"):
        _spark.connect(remote)
