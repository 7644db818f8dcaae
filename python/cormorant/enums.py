"""Enumerations users pass to cormorant (bigframes' ``bigframes.enums``)."""

import enum


class DefaultIndexKind(enum.Enum):
    """What a read gives as the index when no index column is named."""

    #: 0, 1, 2, ... in the source's stored order (strict ordering mode).
    SEQUENTIAL_INT64 = "sequential_int64"
    #: No index: nothing numbers the rows, so filters reach the scan; operations that need an
    #: index raise NullIndexError.
    NULL = "null"
