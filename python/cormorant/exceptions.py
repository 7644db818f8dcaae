"""The exceptions cormorant raises.

Each also derives from the built-in exception pandas raises in the same situation
(``KeyError`` for an unknown column, ``TypeError`` for incompatible dtypes, ...), so code
written for pandas catches them.
"""

from pandas.errors import IndexingError as _IndexingError


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


class IndexOutOfBoundsError(CormorantError, IndexError):
    """A position past either end of the object."""


class LabelNotFoundError(CormorantError, KeyError):
    """An index label that is not in the index."""

    def __str__(self):  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnalignableError(CormorantError, _IndexingError):
    """A boolean mask whose index does not cover the index of the object it filters."""
