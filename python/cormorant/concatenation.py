"""pandas.concat: objects one after another (rows, the core's concat) or side by side (columns,
joined on the index), with pandas' join, keys, names, sort and verify_integrity."""

from __future__ import annotations

from cormorant import _core, exceptions


def concat(objs, *, axis=0, join: str = "outer", ignore_index: bool = False, keys=None, levels=None, names=None,
           verify_integrity: bool = False, sort: bool = False, copy=None, union_categories: bool = False):
    """pandas.concat: DataFrames or Series one after another (axis=0) or side by side (axis=1,
    aligned on the index); `join="inner"` keeps the columns (axis=0) or labels (axis=1) all of
    them have, `keys` (or a dict of objects) labels each object's rows with an outer index level
    (axis=0) or its columns with an outer column level (axis=1), `sort` sorts the other axis,
    `verify_integrity` refuses a result whose index repeats a label (a query)."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    del copy  # (pandas 3 ignores it)
    if isinstance(objs, dict):
        keys, objs = (list(objs) if keys is None else list(keys)), [objs[k] for k in (objs if keys is None else keys)]
    objs = list(objs)
    if join not in ("outer", "inner"):
        raise exceptions.InvalidArgumentError("Only can inner (intersect) or outer (union) join the other axis")
    if levels is not None or union_categories:
        what = "levels=" if levels is not None else "union_categories=True"
        raise exceptions.UnsupportedError(f"concat({what}) is not supported by cormorant yet")
    if keys is not None:
        keys = list(keys)
        if ignore_index:
            raise exceptions.InvalidArgumentError("Cannot set ignore_index=True and specify keys. Either should be used.")
        if len(keys) != len(objs):
            raise exceptions.InvalidArgumentError(
                f"The length of the keys ({len(keys)}) must match the length of the objects to concatenate ({len(objs)})")
    if axis in (1, "columns"):
        if names is not None:
            raise exceptions.UnsupportedError("concat(axis=1, names=...) is not supported by cormorant yet")
        if keys is not None:
            objs = [o.rename(k) if isinstance(o, Series) else
                    o.set_axis([(k, *c) if isinstance(c, tuple) else (k, c) for c in o.columns], axis=1)
                    for k, o in zip(keys, objs)]
        return _concat_columns(objs, join, sort)
    if axis not in (0, "index"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r}")
    if not objs:
        raise exceptions.InvalidArgumentError("No objects to concatenate")
    if all(isinstance(o, Series) for o in objs):
        series_names = {o.name for o in objs}
        frames = [o.rename("__series__").to_frame() for o in objs]
        out = concat(frames, ignore_index=ignore_index, keys=keys, names=names, verify_integrity=verify_integrity)
        name = series_names.pop() if len(series_names) == 1 else None
        return Series(out._core.column("__series__")).rename(name)
    if not all(isinstance(o, DataFrame) for o in objs):
        raise exceptions.UnsupportedError("concat takes cormorant DataFrames, or cormorant Series")
    labels = [list(o._core.columns) for o in objs] if join == "inner" or sort else []  # (the core's labels)
    if join == "inner":
        common = [c for c in labels[0] if all(c in other for other in labels[1:])]
        objs = [o[common] for o in objs]
    if keys is not None:
        out = _concat_with_keys(objs, keys, names, verify_integrity)
    elif names is not None:
        raise exceptions.UnsupportedError("concat(names=...) without keys= is not supported by cormorant yet")
    else:
        out = DataFrame(_core.concat([o._core for o in objs], ignore_index))
        if verify_integrity and not ignore_index:
            _verify_integrity(out)
    if sort and join == "outer" and any(set(ls) != set(labels[0]) for ls in labels[1:]):
        out = out[sorted(out._core.columns)]  # the union of the columns, sorted
    return out


def _index_flat(frame, prefix: str):
    """(frame with its index levels as the leading columns `prefix`0, 1, ..., those labels)."""
    from cormorant.frame import DataFrame

    keys = [f"{prefix}{i}__" for i in range(max(1, len(frame._core.index_names)))]
    return DataFrame(frame._core.rename_axis(keys)).reset_index(), keys


def _concat_with_keys(frames, keys, names, verify_integrity):
    """concat(keys=...) along rows: each frame's rows under an outer index level of its key."""
    from cormorant.frame import DataFrame

    depth = max(1, len(frames[0]._core.index_names))
    if any(max(1, len(f._core.index_names)) != depth for f in frames):
        raise exceptions.UnsupportedError("concat(keys=...) of objects whose indexes have different depths")
    names = list(names) if names is not None else []
    if len(names) > depth + 1:
        raise exceptions.InvalidArgumentError(f"concat: {len(names)} names for {depth + 1} index levels")
    level_names = names + ([None] + (list(frames[0]._core.index_names) or [None]))[len(names):]
    flats = []
    for key, frame in zip(keys, frames):
        flat, levels = _index_flat(frame, "__concat_level_")
        flats.append(flat.assign(__concat_key__=key)[["__concat_key__", *flat._core.columns]])
    out = DataFrame(_core.concat([f._core for f in flats], True)).set_index(["__concat_key__", *levels])
    out = DataFrame(out._core.rename_axis(level_names))
    if verify_integrity:
        _verify_integrity(out)
    return out


def _verify_integrity(frame):
    from cormorant.missing import repeated_values

    flat, levels = _index_flat(frame, "__concat_check_")
    repeats = repeated_values(flat[levels])
    if repeats:
        raise exceptions.InvalidArgumentError(f"Indexes have overlapping values: {repeats!r}")


def _concat_columns(objs, join: str = "outer", sort: bool = False):
    """concat(axis=1): a join on the index (outer or inner), as pandas aligns the objects."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    frames = []
    unnamed = 0
    for o in objs:
        if isinstance(o, Series):
            if o.name is None:  # pandas numbers the unnamed Series 0, 1, ... among themselves
                o, unnamed = o.rename(unnamed), unnamed + 1
            o = o.to_frame()
        if not isinstance(o, DataFrame):
            raise exceptions.UnsupportedError("concat takes cormorant DataFrames, or cormorant Series")
        frames.append(o)
    if not frames:
        raise exceptions.InvalidArgumentError("No objects to concatenate")
    # joined under placeholder labels (labels may repeat across objects, or be tuples), then relabelled
    labels = [label for f in frames for label in f.columns]
    repeated = sorted({repr(label) for label in labels if labels.count(label) > 1})
    if repeated:
        raise exceptions.InvalidArgumentError(
            f"concat along columns: the objects' columns overlap ({', '.join(repeated)}); cormorant's column "
            "labels are unique: rename them first")
    names = iter(range(len(labels)))
    frames = [f.set_axis([f"__concat_{next(names)}__" for _ in f.columns], axis=1) for f in frames]
    out = frames[0]
    for other in frames[1:]:
        out = _concat_two(out, other, join, sort)
    return out.set_axis(labels, axis=1)


def _concat_two(left, right, how: str = "outer", sort: bool = False):
    """pandas' concat(axis=1) of two frames: row by row when their indexes are equal, else an
    outer join on the labels in the first object's order, which pandas refuses when either
    index repeats a label. Unless both indexes are default ones, finding out is a query per
    side (and one more, comparing the indexes, when a label repeats)."""
    from cormorant.frame import DataFrame
    from cormorant.missing import repeated_values

    joined = lambda: left.join(right, how=how, _sort_outer=sort)  # noqa: E731 (the first object's order unless sort)
    if (left._core.default_index and right._core.default_index) or len(left._core.index_names) != len(
            right._core.index_names):
        return joined()  # (join refuses indexes of different depths)
    (lflat, keys), (rflat, _) = _index_flat(left, "__concat_key_"), _index_flat(right, "__concat_key_")
    repeats = repeated_values(lflat[keys]) or repeated_values(rflat[keys])
    if not repeats:
        return joined()
    if not lflat[keys].equals(rflat[keys]):
        raise exceptions.InvalidArgumentError(
            "cannot reindex on an axis with duplicate labels: concat(axis=1) of objects whose indexes differ, one "
            f"repeating the label {repeats[0]!r}; make the indexes unique first (reset_index())")
    # Equal indexes: row by row (each side's default positions, then the first index back).
    paired = lflat.join(right.reset_index(drop=True), how=how, _sort_outer=False)
    return DataFrame(paired.set_index(keys)._core.rename_axis(list(left._core.index_names)))
