"""pandas' arguments that a cormorant method does not take (issue 13: "every method that exists
must take pandas' arguments or say clearly which value it does not support").

`take_pandas_arguments(cls, ...)` wraps each public method of DataFrame, Series and GroupBy: a
keyword argument the method does not declare, but pandas 3.1's method of the same name has, is
dropped when it holds pandas' default (`df.dropna(axis=0)`, `s.quantile(0.5,
interpolation="linear")`) and otherwise raises UnsupportedError naming the method, the argument
and the value, where Python would raise a bare TypeError (so does any other keyword where pandas'
method passes keywords on, as pct_change does to shift). pandas' signatures are read only then
(importing cormorant does not import pandas); `copy`, which pandas 3 ignores, is always dropped.
"""

from __future__ import annotations

import functools
import inspect

from cormorant import exceptions

# The keywords NumPy passes to a reduction method (np.mean(s) calls s.mean(axis=None, dtype=None,
# out=None)) with the one value pandas' compatibility check accepts.
_NUMPY_DEFAULTS = {"dtype": (None,), "out": (None,), "keepdims": (False,)}

# Values pandas treats as its default `axis` of a DataFrame or Series method.
_ROW_AXES = (0, "index", "rows", None)


def accepted_arguments(method) -> tuple[set, bool]:
    """The keyword names `method` takes along its chain of wrappers (a decorator's own, such as
    by_axis's `axis`, and the wrapped function's), and whether the function that finally
    receives them takes any keyword (**kwargs)."""
    names, takes_any = set(), False
    func = method
    while func is not None:
        try:
            signature = inspect.signature(func, follow_wrapped=False)
        except (TypeError, ValueError):
            return names, True
        params = signature.parameters.values()
        names |= {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        takes_any = any(p.kind == p.VAR_KEYWORD for p in params)
        if getattr(func, "__signature__", None) is not None:  # a wrapper stating the whole signature
            return names, takes_any
        func = getattr(func, "__wrapped__", None)
    return names, takes_any


def _is_default(name: str, value, default) -> bool:
    if value is default:
        return True
    if name == "axis" and default in _ROW_AXES:
        return isinstance(value, (int, str)) and not isinstance(value, bool) and value in _ROW_AXES
    if default is inspect.Parameter.empty or type(value) is not type(default):
        return False
    try:
        return bool(value == default)
    except (TypeError, ValueError):
        return False


def _pandas_parameters(pandas_class, name: str) -> dict:
    method = getattr(pandas_class, name, None)
    if not callable(method):
        return {}
    try:
        return dict(inspect.signature(method).parameters)
    except (TypeError, ValueError):
        return {}


def _takes_any(params: dict) -> bool:
    """Whether pandas' method passes other keywords on (pct_change's to shift, clip's to numpy)."""
    return any(p.kind == p.VAR_KEYWORD for p in params.values())


def _wrap(method, name: str, kind, pandas_class):
    accepted = None

    @functools.wraps(method)
    def taking_pandas_arguments(self, *args, **kwargs):
        nonlocal accepted
        if accepted is None:
            accepted = accepted_arguments(method)
        names, takes_any = accepted
        if takes_any or names.issuperset(kwargs):
            return method(self, *args, **kwargs)
        label = kind(self) if callable(kind) else kind
        pandas_params = _pandas_parameters(pandas_class(self), name)
        for key in [k for k in kwargs if k not in names]:
            param = pandas_params.get(key)
            if param is None or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                if _takes_any(pandas_params) and _NUMPY_DEFAULTS.get(key, ()) == (kwargs[key],):
                    del kwargs[key]  # NumPy's own call (np.mean(s) passes dtype=None, out=None), as pandas checks
                    continue
                if _takes_any(pandas_params):  # pandas passes it on: a keyword pandas may take
                    raise exceptions.UnsupportedError(
                        f"{label}.{name}({key}={kwargs[key]!r}) is not supported by cormorant yet")
                continue  # not pandas' either: Python's own TypeError below
            value = kwargs.pop(key)
            if key != "copy" and not _is_default(key, value, param.default):
                raise exceptions.UnsupportedError(
                    f"{label}.{name}({key}={value!r}) is not supported by cormorant yet"
                    + ("" if param.default is inspect.Parameter.empty else
                       f" (only pandas' default, {key}={param.default!r})"))
        return method(self, *args, **kwargs)

    taking_pandas_arguments.takes_pandas_arguments = True
    return taking_pandas_arguments


def take_pandas_arguments(cls, kind, pandas_class, names=None) -> None:
    """Wraps the public methods of `cls` (see the module's doc), or only those in `names`. `kind`
    is the class name used in messages, or a function of the object giving it; `pandas_class` a
    function of the object giving pandas' class (or module) whose signatures apply."""
    for name, attr in list(vars(cls).items()):
        if name.startswith("_") or not inspect.isfunction(attr) or getattr(attr, "takes_pandas_arguments", False):
            continue
        if names is not None and name not in names:
            continue
        setattr(cls, name, _wrap(attr, name, kind, pandas_class))
