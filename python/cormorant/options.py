"""Options (``cpd.options``), as bigframes names them.

``options.session.ordering_mode`` ("strict" or "partial") applies to the reads made after it
is set, in the global session and in sessions opened later. ``options.compute.
maximum_bytes_billed`` (bytes, or None for no limit) refuses queries whose estimated bytes
processed are larger, before they run. ``options.compute.max_partitions`` (10,000 by default,
BigQuery's limit) refuses table writes that would give a table more partitions.
"""

from __future__ import annotations

from cormorant import exceptions

_MODES = ("strict", "partial")


class SessionOptions:
    """Options of the session (``cpd.options.session``)."""

    def __init__(self):
        self._ordering_mode = "strict"

    @property
    def ordering_mode(self) -> str:
        """"strict" (a total order and a sequential default index) or "partial" (no implied
        order and a NULL index, so that filters and column selections reach the scan)."""
        return self._ordering_mode

    @ordering_mode.setter
    def ordering_mode(self, mode: str) -> None:
        if mode not in _MODES:
            raise exceptions.InvalidArgumentError(f'ordering_mode must be "strict" or "partial", got {mode!r}')
        self._ordering_mode = mode
        from cormorant import session

        if session._global_session is not None:
            session._global_session._core.ordering_mode = mode


class ComputeOptions:
    """Options of query execution (``cpd.options.compute``)."""

    def __init__(self):
        self._maximum_bytes_billed = None
        self._max_partitions = 10000

    @property
    def max_partitions(self) -> int:
        """A table write that would give the table more partitions than this raises
        TooManyPartitionsError and writes nothing."""
        return self._max_partitions

    @max_partitions.setter
    def max_partitions(self, value: int) -> None:
        from cormorant import session

        self._max_partitions = session._check_max_partitions(value)
        if session._global_session is not None:
            session._global_session._core.max_partitions = value

    @property
    def maximum_bytes_billed(self) -> int | None:
        """Queries whose estimated bytes processed exceed this are refused with
        QueryTooLargeError before they run; None: no limit."""
        return self._maximum_bytes_billed

    @maximum_bytes_billed.setter
    def maximum_bytes_billed(self, value: int | None) -> None:
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise exceptions.InvalidArgumentError(
                f"maximum_bytes_billed must be a non-negative int (bytes) or None, got {value!r}"
            )
        self._maximum_bytes_billed = value
        from cormorant import session

        if session._global_session is not None:
            session._global_session._core.maximum_bytes_billed = value


class Options:
    """All options (``cpd.options``)."""

    def __init__(self):
        self.session = SessionOptions()
        self.compute = ComputeOptions()


options = Options()
