"""The Python functions the ``udf`` family calls through ``cpd.udf``: each supported type in and
out, missing values in (None) and out, each both transpiled to SQL (the default) and called in
Python (``transpile=False``). Defined once per process, in the session's anonymous dataset."""


import datetime

import cormorant.pandas as cpd


def inc(x: int) -> int:
    return None if x is None else x + 1


def zero_if_missing(x: int) -> int:
    return 0 if x is None else x * 3 - 1


def half(x: float) -> float:
    return None if x is None else x / 2


def sign_text(x: float) -> str:
    import math
    if x is None:
        return "none"
    if math.isnan(x):
        return "nan"
    return "neg" if math.copysign(1.0, x) < 0 else "pos"


def flip(x: bool) -> bool:
    return None if x is None else not x


def is_missing(x: str) -> bool:
    return x is None


def shout(x: str) -> str:
    return "" if x is None else x.upper() + "!"


def length(x: str) -> int:
    return None if x is None else len(x)


def day(x: datetime.datetime) -> int:
    return None if x is None else x.day * 100 + x.hour


def next_day(x: datetime.datetime) -> datetime.datetime:
    import datetime as dt
    return None if x is None else x + dt.timedelta(days=1)


def ratio(a: float, b: float) -> float:
    if a is None or b is None or b == 0:
        return None
    return a / b


def join_text(a: str, b: int) -> str:
    return f"{a}|{b}"


FUNCTIONS = (inc, zero_if_missing, half, sign_text, flip, is_missing, shout, length, day, next_day, ratio, join_text)
OUT = {int: "Int64", float: "Float64", bool: "boolean", str: "string", datetime.datetime: "datetime64[us]"}

_made = {}


def get(name: str, transpile: bool = True, workers=None):
    """The cpd.udf of one of FUNCTIONS (made on first use); `workers` runs it in that many worker
    processes (its batches cross as Arrow IPC streams)."""
    key = (name, transpile, workers)
    if key not in _made:
        f = next(f for f in FUNCTIONS if f.__name__ == name)
        _made[key] = cpd.udf(f, transpile=False, workers=workers) if workers or not transpile else cpd.udf(f)
    return _made[key]


def row_text(row) -> str:
    return f"{row['i']}/{row['s']}/{row['f']}"


def get_row():
    """The cpd.udf taking a row (DataFrame.apply(axis=1))."""
    if "row" not in _made:
        _made["row"] = cpd.udf(row_text, input_types=cpd.Series, output_type=str)
    return _made["row"]
