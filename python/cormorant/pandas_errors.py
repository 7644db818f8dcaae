"""pandas' own errors, where cormorant lets pandas apply its rules (to a stand-in of labels, or to
values read into Python), raised as cormorant's typed errors that name the method."""

from __future__ import annotations

import contextlib

from cormorant import exceptions


@contextlib.contextmanager
def typed(what: str):
    """Inside: pandas' KeyError, IndexError, NotImplementedError, TypeError and ValueError come out
    as LabelNotFoundError, IndexOutOfBoundsError, UnsupportedError, DTypeError and
    InvalidArgumentError, their text after `what: ` (cormorant's own errors pass unchanged)."""
    try:
        yield
    except exceptions.CormorantError:
        raise
    except KeyError as e:
        raise exceptions.LabelNotFoundError(f"{what}: {e}") from None
    except IndexError as e:
        raise exceptions.IndexOutOfBoundsError(f"{what}: {e}") from None
    except NotImplementedError as e:
        raise exceptions.UnsupportedError(f"{what}: {e}") from None
    except TypeError as e:
        raise exceptions.DTypeError(f"{what}: {e}") from None
    except ValueError as e:
        raise exceptions.InvalidArgumentError(f"{what}: {e}") from None
