"""The exceptions cormorant raises.

Each also derives from the built-in exception pandas raises in the same situation
(``KeyError`` for an unknown column, ``TypeError`` for incompatible dtypes, ...), so code
written for pandas catches them.
"""

class CormorantError(Exception):
    """Base class of every cormorant error."""


class InvalidArgumentError(CormorantError, ValueError):
    """An argument has a bad value."""


class ColumnNotFoundError(CormorantError, KeyError):
    """A column label is not in the DataFrame."""

    def __str__(self):  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class DTypeError(CormorantError, TypeError):
    """An operation does not apply to these dtypes, or a Python value has an unsupported type."""


class SourceNotFoundError(CormorantError, FileNotFoundError):
    """An input file does not exist."""


class ParserError(CormorantError, ValueError):
    """Input data is malformed (for example a CSV row with too many fields)."""


class UnsupportedError(CormorantError, NotImplementedError):
    """A pandas feature cormorant does not support yet; the message names an alternative."""


class ExecutionError(CormorantError, RuntimeError):
    """The engine failed while running a query."""


class InternalError(CormorantError, RuntimeError):
    """A bug in cormorant; please report it with the message."""


class IntegerOverflowError(CormorantError, OverflowError):
    """An integer argument past the 64-bit range where pandas cannot take it either."""


class IndexOutOfBoundsError(CormorantError, IndexError):
    """A position past either end of the object."""


class LabelNotFoundError(CormorantError, KeyError):
    """An index label that is not in the index."""

    def __str__(self):  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class NullIndexError(CormorantError, ValueError):
    """An operation that needs an index, on an object with a NULL index (partial ordering mode
    or ``index_col=cpd.enums.DefaultIndexKind.NULL``); set an index with set_index() first."""


class OrderRequiredError(CormorantError, ValueError):
    """An operation that needs a row order, on an unordered object (partial ordering mode);
    sort with sort_values() first, or use peek() for arbitrary rows."""


class NotFoundError(CormorantError, KeyError):
    """An unknown warehouse dataset or table."""

    def __str__(self):  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class TableExistsError(CormorantError, ValueError):
    """A write to a table that exists, without ``if_exists="replace"`` or ``"append"``."""


class QueryTooLargeError(CormorantError, ValueError):
    """A query whose estimated bytes processed exceed ``options.compute.maximum_bytes_billed``."""


class TooManyPartitionsError(CormorantError, ValueError):
    """A table write that would give the table more partitions than
    ``options.compute.max_partitions`` (10,000 by default, BigQuery's limit); nothing is written."""


class DataFileChangedError(CormorantError, RuntimeError):
    """A data file of a warehouse table was changed, replaced or removed outside cormorant: its
    size or row count no longer matches the table's manifest."""


class ArithmeticOverflowError(CormorantError, OverflowError):
    """An Int64 result out of range (a sum, a product, an astype); convert to Float64 first."""


class FileWriteError(CormorantError, OSError):
    """An output path that cannot be written (a missing folder, no permission, a directory);
    the message names the path and the operating system's reason."""


class AccessorError(DTypeError, AttributeError):
    """``.str`` or ``.dt`` on a Series of another dtype. pandas raises AttributeError there;
    cormorant's DTypeError is a TypeError; this is both, so code written for either catches it."""


class CorruptTableError(CormorantError, ValueError):
    """A warehouse table whose manifest cannot be read; the message names the file.
    ``drop_table`` and ``to_table(..., if_exists="replace")`` still work on it."""


class SessionActiveError(CormorantError, ValueError):
    """``clean_up_by_session_id`` of a session that is still open (in this or another process):
    close that session instead."""


class PlanTooDeepError(CormorantError, RecursionError):
    """A plan or expression nested deeper than cormorant or the engine can compile (for example
    thousands of chained operations); materialize an intermediate result with ``cache()``."""


class QueryInterruptedError(CormorantError, RuntimeError):
    """A running query was stopped by ``Session.interrupt()`` from another thread. (Ctrl-C
    raises ``KeyboardInterrupt`` itself, as in pandas.)"""


class UdfDefinitionError(CormorantError, ValueError):
    """A function that cannot become a routine: not self-contained, not inspectable, bad types
    or packages that cannot be imported."""


class UdfExecutionError(CormorantError, RuntimeError):
    """A UDF raised or returned a value of the wrong type while a query ran. ``routine_id``,
    ``python_traceback`` and ``input_row`` say where."""

    def __init__(self, message: str, routine_id: str = "", python_traceback: str = "", input_row=None):
        super().__init__(message)
        self.routine_id = routine_id
        self.python_traceback = python_traceback
        self.input_row = input_row


class RemoteFunctionError(CormorantError, RuntimeError):
    """A remote function's service refused or failed a request (after retrying 429, 5xx and
    timeouts), or could not be reached. ``status`` is the HTTP status (0: unreachable),
    ``error_message`` the service's ``errorMessage``, ``routine_id`` the function."""

    def __init__(self, message: str, routine_id: str = "", status: int = 0, error_message: str = ""):
        super().__init__(message)
        self.routine_id = routine_id
        self.status = status
        self.error_message = error_message


class EngineConnectionError(CormorantError, ConnectionError):
    """No engine server answers at the address a session was given (the Spark engine's
    ``spark_remote``); ``remote`` is that address. The message says how to start one."""

    def __init__(self, message: str, remote: str = ""):
        super().__init__(message)
        self.remote = remote


class DefaultIndexWarning(UserWarning):
    """Reading a partitioned or clustered table in strict mode with neither ``index_col`` nor
    ``filters``: observing the default index may read the whole table."""


class PlotSamplingWarning(UserWarning):
    """A plot drew a uniform sample of the result's rows, not all of them (``sampling_n``)."""


def _unalignable_error() -> type:
    from pandas.errors import IndexingError

    class UnalignableError(CormorantError, IndexingError):
        """A boolean mask whose index does not cover the index of the object it filters."""

    UnalignableError.__module__ = __name__
    UnalignableError.__qualname__ = "UnalignableError"
    return UnalignableError


def __getattr__(name: str):
    # UnalignableError derives from pandas' IndexingError: it is made when first asked for, so
    # that importing cormorant does not import pandas.
    if name == "UnalignableError":
        globals()[name] = _unalignable_error()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
