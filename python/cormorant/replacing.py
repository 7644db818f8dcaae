"""pandas' replace with regex=True (or regex=<pattern, list or dict>), of frames and Series.

pandas replaces text with Python's re.sub there (not the RE2 of its string accessor): in a text
column each pattern that re.search finds in the original value rewrites the current value
(re.sub with a text value, the whole cell with <NA>), pair after pair; other columns take only
the exact (non-text) pairs, as without regex. Here each pattern runs in the engine's RE2: the
replacement template is translated (\\1, \\g<name>, \\g<0>, escapes) and what RE2 would do
otherwise is refused by a typed error (look-around, backreferences in the pattern, a pattern
that can match both nothing and text, whose empty matches re.sub places otherwise; a value
ending with a newline where the pattern has Python's $, which also matches before it, at run
time)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from cormorant._lazy import pd
from cormorant import exceptions
from cormorant.elementwise import _NO_DEFAULT


def _is_pattern(old) -> bool:
    """Whether pandas treats `old` as a regular expression (should_use_regex: a compiled
    pattern, or a non-empty str)."""
    return isinstance(old, re.Pattern) or (isinstance(old, str) and old != "")


def _dict_like(x) -> bool:
    return isinstance(x, (Mapping, pd.Series))


def _list_like(x) -> bool:
    return pd.api.types.is_list_like(x) and not isinstance(x, (str, bytes, re.Pattern)) and not _dict_like(x)


def _pairs(to_replace, value) -> list:
    """(old, new) pairs of a scalar or list `to_replace` and a scalar or list `value`."""
    if _list_like(to_replace):
        olds = list(to_replace)
        news = list(value) if _list_like(value) else [value] * len(olds)
        if len(olds) != len(news):
            raise exceptions.InvalidArgumentError(
                f"Replacement lists must match in length. Expecting {len(olds)} got {len(news)} ")
        return list(zip(olds, news))
    if _list_like(value):
        raise exceptions.InvalidArgumentError(f'Invalid "to_replace" type: {type(to_replace).__name__!r}')
    return [(to_replace, value)]


def plan(to_replace, value, regex, is_series: bool):
    """pandas' NDFrame.replace arguments (with a regex) as (pairs for every column, or None;
    {column label: pairs}), following pandas 3.1's dispatch."""
    if not isinstance(regex, bool) and to_replace is not None:
        raise exceptions.InvalidArgumentError("'to_replace' must be 'None' if 'regex' is not a bool")
    if callable(to_replace) and not isinstance(to_replace, re.Pattern):
        raise exceptions.DTypeError("Expecting 'to_replace' to be either a scalar, array-like, dict or None, "
                                    f"got invalid type {type(to_replace).__name__!r}")
    kind = "Series" if is_series else "DataFrame"
    if value is _NO_DEFAULT:
        if not _dict_like(to_replace):
            if not _dict_like(regex):
                raise exceptions.InvalidArgumentError(
                    f"{kind}.replace must specify either 'value', a dict-like 'to_replace', or dict-like 'regex'.")
            to_replace = regex
        items = list(dict(to_replace).items())
        nested = [_dict_like(v) for _, v in items]
        if any(nested):
            if not all(nested):
                raise exceptions.DTypeError(
                    "If a nested mapping is passed, all values of the top level mapping must be mappings")
            if is_series:
                raise exceptions.InvalidArgumentError("to_replace and value cannot be dict-like for Series.replace")
            return None, {k: list(dict(v).items()) for k, v in items}
        return items, {}
    if to_replace is None:
        if not (isinstance(regex, (str, re.Pattern)) or _list_like(regex) or _dict_like(regex)):
            raise exceptions.DTypeError(
                "'regex' must be a string or a compiled regular expression or a list or dict of strings or "
                f"regular expressions, you passed a {type(regex).__name__!r}")
        return plan(regex, value, True, is_series)
    if _dict_like(to_replace):
        if is_series:
            raise exceptions.InvalidArgumentError(
                "to_replace and value cannot be dict-like for Series.replace" if _dict_like(value)
                else "Series.replace cannot specify both a dict-like 'to_replace' and a 'value'")
        if _dict_like(value):
            value = dict(value)
            return None, {c: _pairs(old, value[c]) for c, old in dict(to_replace).items() if c in value}
        if _list_like(value):
            raise exceptions.DTypeError("value argument must be scalar, dict, or Series")
        return None, {c: _pairs(old, value) for c, old in dict(to_replace).items()}
    if _dict_like(value):
        if is_series:
            raise exceptions.InvalidArgumentError("Series.replace cannot use dict-value and non-None to_replace")
        return None, {c: _pairs(to_replace, v) for c, v in dict(value).items()}
    return _pairs(to_replace, value), {}


def replace_series(series, pairs, label):
    """`series` with the pairs applied as pandas' replace(regex=True) applies them to one
    column (`label` names it in errors)."""
    from cormorant.elementwise import _is_missing, _call, replace_pairs

    dtype = str(series.dtype)
    if dtype != "string":
        if dtype == "category" and any(_is_pattern(old) for old, _ in pairs):
            raise exceptions.UnsupportedError(
                f"replace(regex=...) of the categorical column {label!r} is not supported; "
                "convert it with astype('string') first")
        exact = [(old, new) for old, new in pairs if not isinstance(old, (str, re.Pattern))]
        if not exact:
            return series
        params = []
        for old, new in replace_pairs([o for o, _ in exact], [n for _, n in exact]):
            params += [old, new]
        return _call(series, "replace", params)
    original = current = series
    for old, new in pairs:
        if _is_pattern(old):
            rx = _re2(old, label)
            found = None if current is original else original.str._call("str_contains", rx, True, True, False)
        elif isinstance(old, str) or _is_missing(old):  # "" or <NA>: compared, not searched
            rx = None
            found = original.isna() if _is_missing(old) else (original == old).fillna(False)
        else:
            continue  # a value of another kind never equals text
        if not (new is None or _is_missing(new) or isinstance(new, str)):
            raise exceptions.DTypeError(
                f"replace: the text column {label!r} cannot take the value {new!r} (pandas makes it an object "
                "column, which cormorant does not have); replace with text or None, or convert the column first")
        if rx is not None and isinstance(new, str):
            replaced = current.str._call("str_replace", rx, _rewrite(new, old, label), True, True, -1)
        elif rx is not None:
            replaced = current.mask(original.str._call("str_contains", rx, True, True, False), None)
            found = None
        else:
            replaced = current.mask(found, None if new is None or _is_missing(new) else new)
            found = None
        current = replaced if found is None else current.mask(found, replaced)
    return current.rename(series.name)


def replace_frame(frame, to_replace, value, regex):
    """pandas' DataFrame.replace with a regex (see plan and replace_series)."""
    from cormorant.frame import DataFrame

    every, by_column = plan(to_replace, value, regex, is_series=False)
    labels = list(frame.columns)
    if len(set(labels)) != len(labels):
        raise exceptions.UnsupportedError("replace(regex=...) of a frame with repeated column labels is not supported")
    out = frame
    for label in labels:
        pairs = every if every is not None else by_column.get(label)
        if pairs:
            replaced = replace_series(frame[label], pairs, label)
            if replaced is not frame[label]:
                out = DataFrame(out._assigned(label, replaced))
    return out


# -- RE2 ----------------------------------------------------------------------------------

_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def _re2(old, label) -> str:
    """`old` (a str or compiled pattern) as an RE2 pattern that finds what Python's re finds,
    or a typed error for what RE2 cannot do."""
    from re import _parser

    from cormorant.strings import _regex

    pattern = old.pattern if isinstance(old, re.Pattern) else old
    flags = old.flags if isinstance(old, re.Pattern) else 0
    out = _regex(old)  # checks the pattern; refuses look-around and backreferences
    compiled = re.compile(pattern, flags)
    low, high = _parser.parse(pattern, compiled.flags).getwidth()
    if low == 0 and high > 0:
        raise exceptions.UnsupportedError(
            f"replace(regex=True): the pattern {pattern!r} (column {label!r}) can match both an empty string and "
            "text; Python's re.sub, which pandas uses, places its empty matches otherwise than the engine's RE2; "
            "make it match at least one character (e.g. 'a+' instead of 'a*')")
    return _anchors(out)


def _anchors(rx: str) -> str:
    """Python's \\Z as RE2's \\z. (Python's $ outside MULTILINE also matches before a final
    newline, RE2's does not: the engine's str_contains and str_replace refuse values ending with
    one at run time, as for the string accessor.)"""
    out, i, in_class = [], 0, False
    while i < len(rx):
        ch = rx[i]
        if ch == "\\" and i + 1 < len(rx):
            out.append("\\z" if rx[i + 1] == "Z" and not in_class else rx[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def _rewrite(template: str, old, label) -> str:
    """Python's re.sub replacement `template` as an RE2 rewrite string (RE2 knows only \\0 to
    \\9 and \\\\): literal characters, standard escapes, octal escapes and group references
    (\\N, \\g<N>, \\g<name>) as Python's re reads them."""
    compiled = old if isinstance(old, re.Pattern) else re.compile(old)
    try:
        compiled.sub(template, "")  # Python's own errors (bad escape, unknown group) first
    except (re.error, IndexError) as e:
        raise exceptions.InvalidArgumentError(f"replace: invalid replacement {template!r} for column {label!r}: {e}") from None
    out, i, n = [], 0, len(template)

    def literal(text):
        out.append(text.replace("\\", "\\\\"))

    def group(number):
        if number > compiled.groups:
            raise exceptions.InvalidArgumentError(f"replace: invalid group reference {number} in {template!r}")
        if number > 9:
            raise exceptions.UnsupportedError(
                f"replace: group {number} in {template!r}: the engine's RE2 refers to groups 0 to 9 only")
        out.append(f"\\{number}")

    while i < n:
        ch = template[i]
        if ch != "\\" or i + 1 == n:
            literal(ch)
            i += 1
            continue
        esc = template[i + 1]
        if esc == "g":
            end = template.index(">", i)
            name = template[i + 3:end]
            group(int(name) if name.isdigit() else compiled.groupindex[name])
            i = end + 1
        elif esc == "0":
            digits = re.match(r"0[0-7]{0,2}", template[i + 1:]).group(0)
            literal(chr(int(digits, 8)))
            i += 1 + len(digits)
        elif esc.isdigit():
            octal = re.match(r"[0-7]{3}", template[i + 1:])
            if octal:
                literal(chr(int(octal.group(0), 8)))
                i += 4
            else:
                digits = re.match(r"\d{1,2}", template[i + 1:]).group(0)
                group(int(digits))
                i += 1 + len(digits)
        elif esc in _ESCAPES:
            literal(_ESCAPES[esc])
            i += 2
        else:  # Python keeps an unknown escape of a non-letter as it is
            literal("\\" + esc)
            i += 2
    return "".join(out)
