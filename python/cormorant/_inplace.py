"""pandas' `inplace=True`: the method's result becomes the object itself, and the method returns
None (or the object: see inplace_method). Only the object changes (pandas 3's copy-on-write): objects made from it before keep
their own plans, as the plans are immutable."""

from __future__ import annotations

import functools
import inspect


def _validated(inplace) -> bool:
    """pandas' validate_bool_kwarg: True or False (numpy's too), else its ValueError."""
    from cormorant import exceptions
    from cormorant._lazy import np

    if not isinstance(inplace, (bool, np.bool_)):
        raise exceptions.InvalidArgumentError(
            f'For argument "inplace" expected type bool, received type {type(inplace).__name__}.')
    return bool(inplace)


def adopt(obj, out, name: str) -> None:
    """Makes `obj` the object `out` (a result of `obj`'s method `name`) in place."""
    from cormorant import exceptions
    from cormorant.series import Series

    if isinstance(obj, Series) != isinstance(out, Series):
        raise exceptions.DTypeError(f"Cannot {name} inplace on a {type(obj).__name__} to create a "
                                    f"{type(out).__name__}")
    state = dict(out.__dict__)
    obj.__dict__.clear()
    obj.__dict__.update(state)
    if type(out) is not type(obj):  # a result that converts its dtype in to_pandas (window._AsPandas)
        obj.__class__ = type(out)


def inplace_method(method=None, *, returns_self: bool = False):
    """`method` with pandas' keyword `inplace` (default False). In place, pandas 3.1 returns
    None, or the object itself for the methods whose inplace it deprecates (PDEP-8: fillna,
    replace, where, mask, clip, interpolate, ffill, bfill, Series.rename): `returns_self`."""
    if method is None:
        return functools.partial(inplace_method, returns_self=returns_self)

    @functools.wraps(method)
    def wrapper(self, *args, inplace=False, **kwargs):
        out = method(self, *args, **kwargs)
        if not _validated(inplace):
            return out
        adopt(self, out, method.__name__)
        return self if returns_self else None

    signature = inspect.signature(method)
    if "inplace" not in signature.parameters:  # (help() and inspect show the keyword)
        params = list(signature.parameters.values())
        at = next((i for i, p in enumerate(params) if p.kind == p.VAR_KEYWORD), len(params))
        params.insert(at, inspect.Parameter("inplace", inspect.Parameter.KEYWORD_ONLY, default=False))
        wrapper.__signature__ = signature.replace(parameters=params)
    return wrapper
