"""pandas, numpy and pyarrow, imported on first use.

``import cormorant.pandas`` loads only the engine: the three libraries above cost three times
its memory and time, and a query that never reaches pandas objects never needs them. Modules
write ``from cormorant._lazy import np, pa, pd`` and use them as the modules themselves.
"""

import importlib
import types


class _LazyModule(types.ModuleType):
    """Stands for a module and imports it when an attribute is first read."""

    def __getattr__(self, attr: str):
        value = getattr(importlib.import_module(self.__name__), attr)
        setattr(self, attr, value)  # later reads find it without calling back here
        return value

    def __dir__(self):
        return dir(importlib.import_module(self.__name__))


np = _LazyModule("numpy")
pa = _LazyModule("pyarrow")
pd = _LazyModule("pandas")
