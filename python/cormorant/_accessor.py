"""What the accessors (.str, .dt, .cat) and the DataFrame and Series share: the refusal of pandas
names cormorant lacks, and the .dt accessors' engine properties; imports nothing heavy, so that
importing cormorant stays cheap."""

from __future__ import annotations

from cormorant import exceptions

# The closest supported alternative of pandas methods cormorant lacks.
_ALTERNATIVES = {
    "explode": "str.split(...).str[i]",
    "Series.dt.to_period": "dt.floor or dt.strftime (cormorant has no period dtype)",
}


def unsupported_message(kind: str, name: str) -> str:
    """The message for a pandas method cormorant does not support."""
    hint = _ALTERNATIVES.get(f"{kind}.{name}", _ALTERNATIVES.get(name, "to_pandas() and then pandas"))
    return f"{kind}.{name} is not supported by cormorant yet; the closest supported alternative: {hint}"


def accessor_attribute(accessor, kind: str, pandas_accessor: type, name: str):
    """An accessor's __getattr__ (kind, e.g. "Series.str"): for a name the accessor lacks,
    UnsupportedError when pandas' accessor class has it, AttributeError otherwise."""
    if hasattr(type(accessor), name):  # its own attribute raised AttributeError: raise that again
        return object.__getattribute__(accessor, name)
    if not name.startswith("_") and hasattr(pandas_accessor, name):
        raise exceptions.UnsupportedError(unsupported_message(kind, name))
    raise AttributeError(f"'{kind}' has no attribute {name!r}")


def engine_property(function: str, doc: str):
    """A property whose value is the engine function `function` of the accessor's Series
    (the accessor's own _call runs it)."""

    def get(self):
        return self._call(function)

    get.__doc__ = doc
    return property(get)


class MicrosecondUnit:
    """unit, freq and as_unit of a .dt accessor whose values cormorant holds in microseconds
    (`held` names their dtype in the refusal of another unit)."""

    held = "datetime64[us]"

    @property
    def unit(self) -> str:
        """The values' resolution: "us", the only one cormorant holds."""
        return "us"

    @property
    def freq(self):
        """None: a Series' values have no frequency."""
        return None

    def as_unit(self, unit: str, round_ok: bool = True):
        """The same values at resolution `unit`: only "us", the values' own."""
        if unit != "us":
            raise exceptions.UnsupportedError(f"dt.as_unit({unit!r}): cormorant holds {self.held} values only")
        return self._series
