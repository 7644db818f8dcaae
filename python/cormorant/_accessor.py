"""What the .dt accessors (cormorant.datetimes, cormorant.timedeltas) share; imports nothing
heavy, so that importing cormorant stays cheap."""

from __future__ import annotations


def engine_property(function: str, doc: str):
    """A property whose value is the engine function `function` of the accessor's Series
    (the accessor's own _call runs it)."""

    def get(self):
        return self._call(function)

    get.__doc__ = doc
    return property(get)
