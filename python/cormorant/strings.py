"""Series.str: pandas' string methods, each a registered engine function ("str_<method>").

Everything runs in the engine; results keep pandas' nullable dtypes (missing values stay
<NA>, predicates are ``boolean``, counts and lengths ``Int64``).

Regular expressions are run by the engine's RE2, not Python's ``re``: patterns are checked
with ``re`` first (so a malformed one raises ``re.error`` as in pandas), and the flags
IGNORECASE, MULTILINE, DOTALL and ASCII are supported. RE2 has no look-around and no
backreferences inside patterns. ``\\d``, ``\\w``, ``\\s`` (and ``\\D``, ``\\W``, ``\\S``)
are ASCII-only in RE2: they are rewritten to the exact classes Python's ``re`` matches
(`_unicode_classes`); ``\\b`` and ``\\B`` are refused unless the pattern is ASCII-only (re.ASCII).

The predicates (isdigit, ...) and case mappings (lower, title, ...) are Python's own str
methods, computed by engine functions over tables generated from Python
(scripts/gen_unicode_tables.py).
"""

from __future__ import annotations

from collections.abc import Mapping

import functools
import numbers
import re

from cormorant._lazy import pd
from cormorant import _convert, _core, exceptions


StringAccessorError = exceptions.AccessorError  # the name it had before .dt shared it


_LOOKAROUND = re.compile(r"(?<!\\)\(\?<?[=!]")
_FLAG_LETTERS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


def _regex(pat, flags: int = 0, *, case: bool = True) -> str:
    """`pat` (a str or compiled pattern) with `flags` as RE2 inline flags, checked by `re`."""
    if isinstance(pat, re.Pattern):
        flags |= pat.flags
        pat = pat.pattern
    if not isinstance(pat, str):
        raise exceptions.DTypeError(f"first argument must be string or compiled pattern, not {type(pat).__name__}")
    if not isinstance(flags, numbers.Integral):
        raise exceptions.DTypeError(f"flags must be an int, not {type(flags).__name__}")
    try:
        re.compile(pat, flags)
    except re.error as e:  # pandas (pyarrow) raises a ValueError for a malformed pattern
        raise exceptions.InvalidArgumentError(f"Invalid regular expression: {e}") from e
    _groups_taking_part(pat, flags, extract=False)  # refuses backreferences
    if _LOOKAROUND.search(pat):
        raise exceptions.UnsupportedError(
            "look-around ((?=...), (?!...), (?<=...), (?<!...)) is not supported: the engine's regular "
            "expressions are RE2's")
    flags = int(flags) & ~re.UNICODE
    if not case:
        flags |= re.IGNORECASE
    compiled_flags = re.compile(pat, flags).flags
    pat = _unicode_classes(pat, bool(compiled_flags & re.ASCII), bool(compiled_flags & re.IGNORECASE))
    flags &= ~re.ASCII
    letters = ""
    for flag, letter in _FLAG_LETTERS:
        if flags & flag:
            letters += letter
            flags &= ~flag
    if flags:
        raise exceptions.UnsupportedError("only the regex flags IGNORECASE, MULTILINE, DOTALL and ASCII are supported")
    return f"(?{letters}){pat}" if letters else pat


def _refuse_empty_match_at_assertion(pat, flags: int, method: str) -> None:
    """Refuses a pattern that can match an empty string and holds an assertion ($, \\Z, \\b,
    \\B, a multi-line ^): the engine lists such a match found after the place its search
    started twice ("a".count("$") would be 2, Python's re finds 1). Without an assertion a
    pattern that matches an empty string does so where the search starts, which the engine
    counts right ("ab".count("") is 3)."""
    from re import _constants, _parser

    if isinstance(pat, re.Pattern):
        flags |= pat.flags
        pat = pat.pattern
    tree = _parser.parse(pat, flags)
    if tree.getwidth()[0] != 0:
        return
    allowed = {_constants.AT_BEGINNING_STRING}
    if not flags & re.MULTILINE and "(?m" not in pat:
        allowed.add(_constants.AT_BEGINNING)

    def asserts(items) -> bool:
        for op, av in items:
            if op is _constants.AT and av not in allowed:
                return True
            for sub in av if isinstance(av, (list, tuple)) else [av]:
                if isinstance(sub, _parser.SubPattern) and asserts(sub):
                    return True
                if isinstance(sub, (list, tuple)) and any(isinstance(x, _parser.SubPattern) and asserts(x) for x in sub):
                    return True
        return False

    if asserts(tree):
        raise exceptions.UnsupportedError(
            f"{method} of {pat!r}, which can match an empty string at an anchor or word boundary, is not supported: "
            "the engine's RE2 finds such a match twice; make the pattern match a character")


@functools.lru_cache(maxsize=None)
def _class_body(name: str, negate: bool) -> str:
    """The inside of an RE2 class matching Python's Unicode \\<name> (or all other characters)."""
    return _core.regex_class(name, negate)


# Python's inline flags, global "(?ai)" or scoped "(?a-i:".
_INLINE_FLAGS = re.compile(r"\(\?([aiLmsux-]+)([:)])")

# Python's re.ASCII classes (inside brackets); the negations are these with ^.
_ASCII_CLASSES = {"d": "0-9", "w": "0-9A-Za-z_", "s": r"\t\n\x0b\f\r "}


# Characters Python's re (IGNORECASE) takes as one letter where RE2's case folding does not
# (Python folds by lower(), plus re._compiler's extra equivalences): each group is written out.
_PYTHON_FOLDS = ("iI\u0130\u0131", "\u0390\u1fd3", "\u03b0\u1fe3", "\ufb05\ufb06")

# Python's {m,n} quantifiers (a "{" that starts none is a literal brace); {,n} is {0,n} there.
_BRACES = re.compile(r"\{(\d*)(,(\d*))?\}")


def _unicode_classes(pat: str, ascii: bool, ignore_case: bool) -> str:
    """`pat` with \\d, \\w, \\s and their negations rewritten to the classes Python's `re`
    gives them (RE2's are ASCII-only, and its \\s lacks \\v); \\b and \\B kept only where
    they mean what they do in Python (ASCII patterns), else refused, never approximated.
    Also written out where RE2 (or Java's regexes on Spark) read Python's text otherwise: the
    letters Python folds together under IGNORECASE and RE2 does not (_PYTHON_FOLDS), {,n}
    and literal braces, "[" inside a class (RE2's POSIX classes). (?x) is refused."""
    if ascii and ignore_case:
        # Python folds only ASCII letters then; RE2 would also match "K" (Kelvin) for k, "ſ" for s.
        raise exceptions.UnsupportedError(
            "re.ASCII together with IGNORECASE is not supported: the engine's RE2 case-folds non-ASCII "
            "letters too")
    out = []
    i, n = 0, len(pat)
    in_class = False
    class_start = 0  # (where the class's body starts in pat)
    folding = [ignore_case]  # IGNORECASE of each open group, innermost last

    def folds_of(body: str) -> str:
        """The letters to add to a class of `body` so that RE2 folds it as Python's re does."""
        return "".join(g for g in _PYTHON_FOLDS if re.fullmatch(f"(?i:[{body}])", g[0]))

    while i < n:
        ch = pat[i]
        if ch == "\\" and i + 1 < n:
            esc = pat[i + 1]
            i += 2
            name = esc.lower()
            if name in "dws" and esc.isalpha():
                negate = esc.isupper()
                if ascii:
                    body = _ASCII_CLASSES[name]
                    if in_class and negate:
                        # [\D...]: the ASCII class's complement, as code point ranges.
                        body = _complement_ascii(name)
                    out.append(body if in_class else ("[^" if negate else "[") + body + "]")
                elif in_class:
                    if ignore_case and name == "w":
                        raise exceptions.UnsupportedError(
                            f"\\{esc} inside a character class with IGNORECASE ({pat!r}) is not supported: "
                            "RE2 and Python's re case-fold it differently; write it outside the brackets, "
                            "e.g. (?:\\w|[...])")
                    out.append(_class_body(name, negate))
                else:
                    # (?-i:...): Python's re does not case-fold a bare class either.
                    out.append("(?-i:[" + ("^" if negate else "") + _class_body(name, False) + "])")
                continue
            if esc in "bB" and not in_class:
                if not ascii:
                    raise exceptions.UnsupportedError(
                        f"\\{esc} ({pat!r}) is not supported: the engine's RE2 knows only ASCII word "
                        "boundaries, Python's re Unicode ones; pass flags=re.ASCII for ASCII word boundaries")
                if esc == "B" and _can_match_empty(pat):
                    raise exceptions.UnsupportedError(
                        f"\\B in a pattern that can match an empty string ({pat!r}) is not supported: Python's "
                        "re never matches \\B in an empty value, the engine's regular expressions do")
                out.append("\\" + esc)
                continue
            if esc == "Z" and not in_class:  # Python's end of the text is RE2's \z (RE2 has no \Z)
                out.append(r"\z")
                continue
            if esc == "b":  # [\b] is a backspace in Python
                out.append(r"\x08")
                continue
            group = next((g for g in _PYTHON_FOLDS if esc in g), None) if folding[-1] and not in_class else None
            out.append(f"[{group}]" if group else "\\" + esc)
            continue
        inline = _INLINE_FLAGS.match(pat, i) if ch == "(" and not in_class else None
        if inline:
            # RE2 has no a (ASCII) or u (Unicode) flag; a global (?a) is in `ascii` already.
            letters, scoped = inline.group(1), inline.group(2) == ":"
            if "x" in letters:
                raise exceptions.UnsupportedError(
                    f"the verbose flag ({inline.group(0)!r} in {pat!r}) is not supported: write the pattern "
                    "without comments and insignificant spaces")
            if scoped and "a" in letters:
                raise exceptions.UnsupportedError(
                    f"a scoped ASCII flag ({inline.group(0)!r} in {pat!r}) is not supported; pass flags=re.ASCII")
            if scoped:
                on, _, off = letters.partition("-")
                folding.append(False if "i" in off else True if "i" in on else folding[-1])
            letters = letters.replace("a", "").replace("u", "")
            if scoped or letters.strip("-"):
                out.append("(?" + letters + inline.group(2))
            i = inline.end()
            continue
        if ch == "(" and not in_class:
            folding.append(folding[-1])
            if pat.startswith("(?P<", i):  # a group's name, kept as it is
                end = pat.index(">", i) + 1
                out.append(pat[i:end])
                i = end
                continue
        elif ch == ")" and not in_class and len(folding) > 1:
            folding.pop()
        if ch == "{" and not in_class:
            braces = _BRACES.match(pat, i)
            if braces and (braces.group(1) or braces.group(2)):
                low, comma, high = braces.group(1) or "0", braces.group(2) is not None, braces.group(3)
                out.append("{" + low + ("," + high if comma else "") + "}")
                i = braces.end()
            else:  # a literal brace (RE2 takes "{" so too, Java's regexes do not)
                out.append(r"\{")
                i += 1
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            i += 1
            if i < n and pat[i] == "^":
                out.append("^")
                i += 1
            class_start = i
            if i < n and pat[i] == "]":  # a leading ] is literal
                out.append(r"\]")
                i += 1
            continue
        if ch == "[" and in_class:  # a literal "[" ("[:alpha:]" is no POSIX class in Python)
            out.append(r"\[")
            i += 1
            continue
        if ch == "]" and in_class:
            in_class = False
            if folding[-1]:
                out.append(folds_of(pat[class_start:i]))
        elif not in_class and folding[-1]:
            group = next((g for g in _PYTHON_FOLDS if ch in g), None)
            if group:
                out.append(f"[{group}]")
                i += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _can_match_empty(pat: str) -> bool:
    """Whether `pat` can match an empty string."""
    from re import _parser

    return _parser.parse(pat, re.ASCII).getwidth()[0] == 0


def _complement_ascii(name: str) -> str:
    """All code points but those of Python's ASCII class `name`, as the inside of a class."""
    others = [c for c in range(128) if not re.fullmatch(rf"(?a)\{name}", chr(c))]
    ranges = []
    for c in others:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    ranges += [[0x80, 0xD7FF], [0xE000, 0x10FFFF]]  # (UTF-8 has no surrogates)
    return "".join(f"\\x{{{a:x}}}" + (f"-\\x{{{b:x}}}" if b > a else "") for a, b in ranges)


def _groups_taking_part(pat, flags: int, extract: bool = True):
    """For each capture group of `pat` (1-based): whether an empty extract of it means the
    group took no part in the match. RE2 extracts "" both for a group that matched nothing and
    for one that took no part (pandas: <NA>); the two can only be told apart when the group
    cannot match an empty string. A group that can do both is refused, never guessed; so is a
    backreference, which RE2 lacks."""
    from re import _parser

    out = {}

    def walk(items, optional):
        for op, arg in items:
            if op is _parser.SUBPATTERN:
                group, _, _, body = arg
                if group is not None:
                    can_be_empty = body.getwidth()[0] == 0
                    if extract and optional and can_be_empty:
                        raise exceptions.UnsupportedError(
                            f"str.extract: group {group} of {pat!r} can both match an empty string and take no "
                            "part in the match, which the engine's RE2 cannot tell apart (pandas: '' and <NA>); "
                            "make the group match at least one character, e.g. (x+)? instead of (x*)")
                    out[group] = optional
                walk(body, optional)
            elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, getattr(_parser, "POSSESSIVE_REPEAT", None)):
                low, _, body = arg
                walk(body, optional or low == 0)
            elif op is _parser.BRANCH:
                for body in arg[1]:
                    walk(body, optional or len(arg[1]) > 1)
            elif op is _parser.GROUPREF or op is _parser.GROUPREF_EXISTS:
                raise exceptions.UnsupportedError(
                    f"backreferences ({pat!r}) are not supported: the engine's regular expressions are RE2's")
            elif op in (_parser.ASSERT, _parser.ASSERT_NOT):
                walk(arg[1], True)
            elif op is getattr(_parser, "ATOMIC_GROUP", None):
                walk(arg, optional)

    walk(_parser.parse(pat, flags), False)
    return out


def _na(na):
    """The `na` fill of a predicate: None (missing stays <NA>) or a bool."""
    if na is None or na is pd.NA or na is _NO_DEFAULT or (isinstance(na, float) and na != na):
        return None
    if isinstance(na, bool):
        return na
    raise exceptions.DTypeError(f"na must be a bool or None, not {type(na).__name__}")


_NO_DEFAULT = object()


def _int(value, what: str) -> int:
    """An int argument; past 64 bits it is past every string's end (Python's str takes it)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise exceptions.DTypeError(f"{what} must be of integer type, not {type(value).__name__}")
    return _convert.count(value, what)


def _opt_int(value, what: str):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise exceptions.DTypeError(f"{what}: slice indices must be integers or None, not {type(value).__name__}")
    return _convert.count(value, what)


# The engine's longest string (4 GiB); a longer result cannot be made.
_LONGEST = 2**32


def _length(value, what: str) -> int:
    """A result length (pad and zfill width, repeat count): any negative one is no padding;
    one past the engine's longest string is refused before anything runs."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise exceptions.DTypeError(f"{what} must be of integer type, not {type(value).__name__}")
    value = _convert.int64(value, what)  # as Python's str, whose lengths are a C ssize_t
    if value > _LONGEST:
        raise exceptions.InvalidArgumentError(
            f"{what}={value} would make strings longer than the longest the engine holds ({_LONGEST} bytes)")
    return value


def _str(value, what: str) -> str:
    if not isinstance(value, str):
        raise exceptions.DTypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def _frame_of(columns):
    """A DataFrame of (label, Series) columns, all on one index."""
    label, first = columns[0]
    frame = first.rename(label)._frame()
    for label, series in columns[1:]:
        frame[label] = series
    return frame


class StringMethods:
    """The .str accessor of a string Series."""

    def __init__(self, series):
        # (bytes take .str too, as in pandas; decode is what applies to them; a categorical of
        # text works on its values, as pandas' does)
        if series._core.dtype == "category" and pd.api.types.is_string_dtype(series.dtype.categories.dtype):
            series = series.astype("string")
        elif series._core.dtype not in ("string", _convert.BINARY):
            raise StringAccessorError("Can only use .str accessor with string values!")
        self._series = series

    def _call(self, function: str, *params, other=None):
        from cormorant.series import Series

        return Series(self._series._core.call(function, other._core if other is not None else None, list(params)))

    def __iter__(self):
        raise TypeError("'StringMethods' object is not iterable")

    def __getattr__(self, name):
        from cormorant._accessor import accessor_attribute

        return accessor_attribute(self, "Series.str", pd.Series.str, name)

    # -- case --------------------------------------------------------------------------
    def lower(self):
        return self._call("str_lower")

    def upper(self):
        return self._call("str_upper")

    def title(self):
        return self._call("str_title")

    def capitalize(self):
        return self._call("str_capitalize")

    def swapcase(self):
        return self._call("str_swapcase")

    def casefold(self):
        """Lower case (full case folding, such as ß to ss, is not applied)."""
        return self._call("str_casefold")

    # -- character classes -------------------------------------------------------------
    def isalpha(self):
        return self._call("str_isalpha")

    def isdigit(self):
        return self._call("str_isdigit")

    def isdecimal(self):
        return self._call("str_isdecimal")

    def isnumeric(self):
        return self._call("str_isnumeric")

    def isalnum(self):
        return self._call("str_isalnum")

    def isspace(self):
        return self._call("str_isspace")

    def islower(self):
        return self._call("str_islower")

    def isupper(self):
        return self._call("str_isupper")

    def istitle(self):
        return self._call("str_istitle")

    def isascii(self):
        return self._call("str_isascii")

    def len(self):
        return self._call("str_len")

    # -- matching ----------------------------------------------------------------------
    def contains(self, pat, case: bool = True, flags: int = 0, na=_NO_DEFAULT, regex: bool = True):
        if regex or isinstance(pat, re.Pattern):
            return self._call("str_contains", _regex(pat, flags, case=case), bool(case), True, _na(na))
        return self._call("str_contains", _str(pat, "pat"), bool(case), False, _na(na))

    def match(self, pat, case: bool = True, flags: int = 0, na=_NO_DEFAULT):
        return self._call("str_match", _regex(pat, flags, case=case), bool(case), _na(na))

    def fullmatch(self, pat, case: bool = True, flags: int = 0, na=_NO_DEFAULT):
        return self._call("str_fullmatch", _regex(pat, flags, case=case), bool(case), _na(na))

    def _affix(self, function: str, pat, na):
        if isinstance(pat, str):
            pats = [pat]
        elif isinstance(pat, tuple) and all(isinstance(p, str) for p in pat):
            pats = list(pat)
        else:
            raise exceptions.DTypeError(f"expected a string or tuple, not {type(pat).__name__}")
        if not pats:  # nothing starts with an empty tuple of prefixes: a never-matching regex
            return self._call("str_contains", r"[^\s\S]", True, True, _na(na))
        return self._call(function, _na(na), *pats)

    def startswith(self, pat, na=_NO_DEFAULT):
        return self._affix("str_startswith", pat, na)

    def endswith(self, pat, na=_NO_DEFAULT):
        return self._affix("str_endswith", pat, na)

    def count(self, pat, flags: int = 0):
        regex = _regex(pat, flags)
        _refuse_empty_match_at_assertion(pat, flags, "str.count")
        return self._call("str_count", regex)

    def _find(self, function: str, sub, start, end, absent_raises: bool):
        if not isinstance(sub, str):
            raise exceptions.DTypeError(f"expected a string object, not {type(sub).__name__}")
        return self._call(function, sub, _int(start, "start"), _opt_int(end, "end"), absent_raises)

    def find(self, sub, start: int = 0, end=None):
        return self._find("str_find", sub, start, end, False)

    def rfind(self, sub, start: int = 0, end=None):
        return self._find("str_rfind", sub, start, end, False)

    def index(self, sub, start: int = 0, end=None):
        """find, but a value lacking `sub` fails the query (InvalidArgumentError, pandas' ValueError)."""
        return self._find("str_find", sub, start, end, True)

    def rindex(self, sub, start: int = 0, end=None):
        """rfind, but a value lacking `sub` fails the query (InvalidArgumentError, pandas' ValueError)."""
        return self._find("str_rfind", sub, start, end, True)

    def partition(self, sep=" ", expand: bool = True):
        """pandas' str.partition: a DataFrame of the parts before, at and after the first `sep`."""
        return self._parts("str_partition", sep, expand)

    def rpartition(self, sep=" ", expand: bool = True):
        """pandas' str.rpartition: the parts before, at and after the last `sep`."""
        return self._parts("str_rpartition", sep, expand)

    def _parts(self, function: str, sep, expand: bool):
        if not expand:
            raise exceptions.UnsupportedError(f"str.{function[4:]}(expand=False) (a Series of tuples) is not supported")
        if not isinstance(sep, str):
            raise exceptions.DTypeError(f"expected a string object, not {type(sep).__name__}")
        return _frame_of([(i, self._call(function, sep, i)) for i in range(3)])

    def extract(self, pat, flags: int = 0, expand: bool = True):
        regex = _regex(pat, flags)
        pattern = re.compile(pat.pattern if isinstance(pat, re.Pattern) else pat, flags)
        if pattern.groups == 0:
            raise exceptions.InvalidArgumentError("pattern contains no capture groups")
        names = {i: name for name, i in pattern.groupindex.items()}
        optional = _groups_taking_part(pattern.pattern, pattern.flags)
        if not expand and pattern.groups == 1:
            out = self._call("str_extract", regex, 1, optional[1])
            return out.rename(names[1]) if 1 in names else out
        # pandas labels named groups by name and the others by position (integers)
        return _frame_of([(names.get(g, g - 1), self._call("str_extract", regex, g, optional[g]))
                          for g in range(1, pattern.groups + 1)])

    def extractall(self, pat, flags: int = 0):
        """pandas' str.extractall: a row per match of `pat` in each string (strings without one
        give none), its groups as columns (named groups by name, the others by position),
        indexed by the Series' index and the match's number ("match"). Each group's matches are
        a list (str_findall), whose items are then read by match number (lists.crossed_items).
        A pattern that can match an empty string is refused (RE2 and Python's re find empty
        matches at other places)."""
        from re import _parser

        from cormorant.frame import DataFrame
        from cormorant.lists import ListAccessor, crossed_items

        regex = _regex(pat, flags)
        pattern = re.compile(pat.pattern if isinstance(pat, re.Pattern) else pat, flags)
        if pattern.groups == 0:
            raise exceptions.InvalidArgumentError("pattern contains no capture groups")
        if _parser.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0:
            raise exceptions.UnsupportedError(
                f"str.extractall of {pattern.pattern!r}, which can match an empty string, is not supported: the "
                "engine's RE2 finds empty matches at other places than Python's re; make it match a character")
        names = list(self._series._frame()._core.index_names)
        if not names:
            raise exceptions.NullIndexError(
                "str.extractall labels its rows by the index and the match number; this Series has a NULL index "
                "(ordering_mode=\"partial\"): set one with set_index() first")
        optional = _groups_taking_part(pattern.pattern, pattern.flags)
        groups = range(1, pattern.groups + 1)
        lists = [(f"__group_{g}__", self._call("str_findall", regex, g)) for g in groups]
        crossed = crossed_items(_frame_of(lists), lists[0][0])
        label = {i: name for name, i in pattern.groupindex.items()}
        levels = [f"__index_{i}__" for i in range(len(names))]
        if crossed is None:  # no rows: the columns, of strings
            out = _frame_of([(label.get(g, g - 1), self._series) for g in groups]).assign(__item__=0)
            return out.set_index("__item__", append=True).rename_axis(names + ["match"])
        number = crossed["__item__"]
        keep = number < ListAccessor(crossed[lists[0][0]]).len()
        out = crossed[levels + ["__item__"]]
        for g, (column, _) in zip(groups, lists):
            item = ListAccessor(crossed[column])._call("list_at", other=number)
            if optional[g]:  # RE2 gives "" for a group that took no part (pandas: <NA>)
                item = item.mask(item == "")
            out = DataFrame(out._assigned(label.get(g, g - 1), item))
        out = out[keep].set_index(levels + ["__item__"])
        return DataFrame(out._core.rename_axis(names + ["match"]))

    # -- transformations ---------------------------------------------------------------
    def _strip(self, function: str, to_strip):
        if to_strip is not None and not isinstance(to_strip, str):
            raise exceptions.DTypeError(f"to_strip must be a str or None, not {type(to_strip).__name__}")
        return self._call(function, to_strip)

    def strip(self, to_strip=None):
        return self._strip("str_strip", to_strip)

    def lstrip(self, to_strip=None):
        return self._strip("str_lstrip", to_strip)

    def rstrip(self, to_strip=None):
        return self._strip("str_rstrip", to_strip)

    def replace(self, pat, repl, n: int = -1, case=None, flags: int = 0, regex: bool = False):
        if callable(repl):
            raise exceptions.UnsupportedError("a callable replacement cannot run in the engine; use a string")
        if not isinstance(repl, str):
            raise exceptions.DTypeError("repl must be a string or callable")
        compiled = isinstance(pat, re.Pattern)
        if compiled and (case is not None or flags != 0):
            raise exceptions.InvalidArgumentError(
                "case and flags cannot be set when pat is a compiled regex")
        if compiled and not regex:
            raise exceptions.InvalidArgumentError("Cannot use a compiled regex as replacement pattern with regex=False")
        n = -1 if n is None or n == -1 else _int(n, "n")
        if n not in (-1, 1):
            raise exceptions.UnsupportedError("str.replace supports n=-1 (all) and n=1 (the first) only")
        case = True if case is None else bool(case)
        if regex or compiled:
            pattern = _regex(pat, flags, case=case)
            groups = re.compile(pat if compiled else pat, 0 if compiled else flags).groupindex
            # Python's \g<name> and \g<1> as RE2's \1 (RE2 knows \0 to \9 only); not after an
            # escaped backslash (\\g<1> is a backslash and the text g<1>, as pandas' RE2 reads it).
            repl = re.sub(r"(?<!\\)((?:\\\\)*)\\g<(\w+)>",
                          lambda m: m.group(1) + "\\" + str(groups.get(m.group(2), m.group(2))), repl)
            return self._call("str_replace", pattern, repl, True, case, n)
        if flags:
            raise exceptions.UnsupportedError("flags need regex=True")
        return self._call("str_replace", _str(pat, "pat"), repl, False, case, n)

    def slice(self, start=None, stop=None, step=None):
        params = (_opt_int(start, "start"), _opt_int(stop, "stop"), _opt_int(step, "step"))
        if params[2] == 0:
            raise exceptions.InvalidArgumentError("slice step cannot be zero")
        return self._call("str_slice", *params)

    def get(self, i):
        return self._call("str_get", _int(i, "i"))

    def translate(self, table):
        """pandas' str.translate (Python's str.translate): `table` maps code points (as
        str.maketrans gives them; other keys never match, as in Python) to one character (or
        its code point), or to None or "" to delete them. A character mapped to several
        characters is not supported."""
        if not isinstance(table, Mapping):
            raise exceptions.DTypeError(f"translate takes a mapping (str.maketrans), not {type(table).__name__}")
        mapped_from, mapped_to, deleted = [], [], []

        def char(x, what):
            if isinstance(x, int) and not isinstance(x, bool):
                return chr(x)
            if isinstance(x, str) and len(x) == 1:
                return x
            raise exceptions.DTypeError(f"translate: {what} {x!r} must be one character or a code point")

        for key, value in table.items():
            if not isinstance(key, int) or isinstance(key, bool):
                continue  # Python looks characters up by code point: other keys never match
            c = chr(key)
            if value is None or value == "":
                deleted.append(c)
            elif isinstance(value, str) and len(value) > 1:
                raise exceptions.UnsupportedError(
                    f"translate: {c!r} maps to {value!r}; mapping a character to several is not supported")
            else:
                mapped_from.append(c)
                mapped_to.append(char(value, "value"))
        return self._call("str_translate", "".join(mapped_from + deleted), "".join(mapped_to))

    def slice_replace(self, start=None, stop=None, repl=None):
        """pandas' str.slice_replace: the characters start:stop replaced by `repl` (inserted at
        `start` when that slice is empty)."""
        from cormorant.series import Series

        if repl is not None and not isinstance(repl, str):
            raise exceptions.DTypeError(f"repl must be a string, not {type(repl).__name__}")
        s = self._series
        left = s.str.slice(None, start) if start is not None else s.str.slice(0, 0)
        middle = s.str.slice(start, stop)
        rest_after_start = s.str.slice(start, None) if start is not None else s
        rest = (s.str.slice(stop, None).case_when([(middle == "", rest_after_start)]) if stop is not None
                else s.str.slice(0, 0))
        out = left + (repl or "") + rest
        return Series(out._core).rename(s.name)

    def get_dummies(self, sep: str = "|", dtype=None):
        """pandas' str.get_dummies: a column per distinct part of the values split at `sep`
        (sorted; pandas' Arrow strings keep the empty part), 1 where a value has that part. The
        parts are read first (one query)."""
        from cormorant.frame import DataFrame

        if not isinstance(sep, str) or not sep:
            raise exceptions.InvalidArgumentError("sep must be a non-empty string")
        s = self._series
        parts = s.str.split(sep, regex=False).explode().dropna().unique()
        tokens = sorted(str(t) for t in parts)
        wrapped = sep + s + sep
        out = None
        for token in tokens:
            flag = wrapped.str.contains(sep + token + sep, regex=False).fillna(False)
            column = flag.astype(dtype if dtype is not None else "Int64")
            out = column.rename(token).to_frame() if out is None else DataFrame(out._assigned(token, column))
        if out is None:
            raise exceptions.UnsupportedError("str.get_dummies of a Series without values gives no columns; "
                                              "cormorant frames need one")
        return out

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self.slice(key.start, key.stop, key.step)
        return self.get(key)

    def wrap(self, width: int, **kwargs):
        """pandas' str.wrap: each value broken into lines of at most `width` characters, joined
        by newlines, by Python's textwrap.TextWrapper (its keywords: expand_tabs,
        break_long_words, ...), as pandas does; run as a plain Python function of each value."""
        import textwrap

        if self._series._core.dtype != "string":
            raise StringAccessorError("str.wrap takes string values")
        if not _convert.is_int(width) or width <= 0:
            raise exceptions.InvalidArgumentError(f"invalid width {width!r} (must be > 0)")
        try:
            wrapper = textwrap.TextWrapper(width=int(width), **kwargs)
        except TypeError as e:
            raise exceptions.InvalidArgumentError(f"str.wrap: {e}") from None
        return self._series.map(lambda value: "\n".join(wrapper.wrap(value)), na_action="ignore")

    def pad(self, width, side: str = "left", fillchar: str = " "):
        if not isinstance(fillchar, str):
            raise exceptions.DTypeError(f"fillchar must be a character, not {type(fillchar).__name__}")
        if len(fillchar) != 1:
            raise exceptions.DTypeError("fillchar must be a character, not str")
        width = _length(width, "width")
        if side not in ("left", "right", "both"):
            raise exceptions.InvalidArgumentError("Invalid side")
        return self._call("str_pad", width, side, fillchar)

    def center(self, width, fillchar: str = " "):
        return self.pad(width, "both", fillchar)

    def ljust(self, width, fillchar: str = " "):
        return self.pad(width, "right", fillchar)

    def rjust(self, width, fillchar: str = " "):
        return self.pad(width, "left", fillchar)

    def zfill(self, width):
        return self._call("str_zfill", _length(width, "width"))

    def repeat(self, repeats):
        if not isinstance(repeats, numbers.Integral) or isinstance(repeats, bool):
            raise exceptions.UnsupportedError("str.repeat takes an int (repeating by a Series is not supported)")
        return self._call("str_repeat", _length(repeats, "repeats"))

    def removeprefix(self, prefix):
        return self._call("str_removeprefix", _str(prefix, "prefix"))

    def removesuffix(self, suffix):
        return self._call("str_removesuffix", _str(suffix, "suffix"))

    def join(self, sep):
        """The characters of each string joined by `sep` (pandas' join on strings)."""
        return self._call("str_join", _str(sep, "sep"))

    def cat(self, others=None, sep=None, na_rep=None, join: str = "left"):
        from cormorant.series import Series

        if others is None:
            return self._cat_all(sep, na_rep)
        if isinstance(others, Series):
            others = [others]
        if not isinstance(others, (list, tuple)) or not others or not all(isinstance(o, Series) for o in others):
            raise exceptions.UnsupportedError("str.cat takes others= as a cormorant Series or a list of them")
        sep = "" if sep is None else _str(sep, "sep")
        if na_rep is not None:
            _str(na_rep, "na_rep")
        if join not in ("left", "outer"):
            raise exceptions.UnsupportedError("str.cat supports join='left' and join='outer'")
        out = self._series
        for other in others:
            out = StringMethods(out)._call("str_cat", sep, na_rep, other=other)
        if join == "left" and len(out) != len(self._series):
            # The engine aligns on the union of the labels (join='outer').
            raise exceptions.UnsupportedError(
                "others has index labels that this Series lacks; str.cat(join='left') needs others to be "
                "indexed like the Series (reindex it first), or pass join='outer'")
        return out

    def _cat_all(self, sep, na_rep) -> str:
        """str.cat() without others: the values joined into one Python string in row order
        (missing ones left out, or na_rep), by pandas' own str.cat of the Series' values, which
        all come to Python as the string does."""
        sep = "" if sep is None else _str(sep, "sep")
        if na_rep is not None:
            _str(na_rep, "na_rep")
        if not self._series.to_frame()._core.ordered:
            raise exceptions.OrderRequiredError(
                "str.cat() without others joins the values in row order, and this Series has none "
                "(ordering_mode=\"partial\"); sort it first with sort_values()")
        return self._series.to_pandas().str.cat(sep=sep, na_rep=na_rep)

    def split(self, pat=None, *, n=-1, expand: bool = False, regex=None):
        return self._split(pat, n, expand, regex, "split")

    def rsplit(self, pat=None, *, n=-1, expand: bool = False):
        """pandas' str.rsplit: the parts split at `pat` (None: runs of whitespace) counted from
        the right, at most n splits. A separator that can overlap itself ("aa", "--") is refused
        (UnsupportedError): its occurrences counted from the right are not those the engine's
        split finds."""
        return self._split(pat, n, expand, False, "rsplit")

    def _split(self, pat, n, expand, regex, method):
        """The parts as a list column (pandas: object lists), or with expand a frame of the
        parts, one column per position (as many as the longest list)."""
        from cormorant.lists import ListAccessor

        if isinstance(pat, re.Pattern):
            if method == "rsplit":
                raise exceptions.DTypeError("str.rsplit takes a str separator, not a compiled pattern")
            pat, regex = _regex(pat), True
        elif pat is not None:
            _str(pat, "pat")
            if pat == "":
                raise exceptions.InvalidArgumentError("empty separator")
            if regex is None:
                regex = len(pat) > 1
            if regex:
                pat = _regex(pat)
        regex = bool(regex)
        n = -1 if n is None or n == 0 else _int(n, "n")
        if method == "rsplit":
            parts = self._call("str_rsplit", pat, n)
        else:
            parts = self._call("str_split", pat, regex, n)
        if not expand:
            return parts
        items = ListAccessor(parts)
        count = items.len().max()
        count = 0 if count is pd.NA or count is None else int(count)
        if count == 0:
            raise exceptions.UnsupportedError(f"str.{method}(expand=True) of a Series without any string")
        return _frame_of([(i, items.get(i)) for i in range(count)])

    def findall(self, pat, flags: int = 0):
        """pandas' findall: the list of the non-overlapping matches of `pat` in each string (the
        group's text when the pattern has one group; RE2 matching, see the module's doc)."""
        groups = re.compile(pat, flags).groups if not isinstance(pat, re.Pattern) else pat.groups
        if groups > 1:
            raise exceptions.UnsupportedError(
                "str.findall of a pattern with several groups gives tuples in pandas; cormorant has no tuple dtype: "
                "use one group")
        regex = _regex(pat, flags)
        _refuse_empty_match_at_assertion(pat, flags, "str.findall")
        return self._call("str_findall", regex, groups)

    # -- Unicode and bytes ---------------------------------------------------------------
    def normalize(self, form):
        """pandas' str.normalize (unicodedata.normalize); the engine has NFC only: NFD, NFKC
        and NFKD raise UnsupportedError."""
        return self._call("str_normalize", _str(form, "form"))

    def encode(self, encoding, errors: str = "strict"):
        """pandas' str.encode: each string's bytes, as a binary[pyarrow] Series (pandas gives an
        object Series of the same bytes). UTF-8 only: other encodings raise UnsupportedError."""
        _str(errors, "errors")
        if _codec(encoding) != "utf-8":
            raise exceptions.UnsupportedError(
                f"str.encode({encoding!r}) is not supported: the engine encodes to UTF-8 only")
        return self._call("str_encode")

    def decode(self, encoding, errors: str = "strict", dtype=None):
        """pandas' str.decode of a bytes (binary[pyarrow]) Series: the strings the UTF-8 bytes
        spell; bytes that are not UTF-8 fail the query (InvalidArgumentError, where Python raises
        UnicodeDecodeError). Other encodings, errors= other than 'strict' and dtype= other than
        a string dtype raise UnsupportedError."""
        if self._series._core.dtype != _convert.BINARY:
            raise exceptions.DTypeError(
                f"str.decode applies to bytes (binary[pyarrow]); this Series holds {self._series._core.dtype}")
        if _codec(encoding) != "utf-8":
            raise exceptions.UnsupportedError(
                f"str.decode({encoding!r}) is not supported: the engine decodes UTF-8 only")
        if errors != "strict":
            raise exceptions.UnsupportedError(
                f"str.decode(errors={errors!r}) is not supported: the engine decodes strictly (bytes that are not "
                "UTF-8 fail the query)")
        if dtype is not None and str(dtype) not in ("str", "string"):
            raise exceptions.UnsupportedError(f"str.decode(dtype={dtype!r}): the result is strings only")
        return self._call("bytes_decode")


def _codec(encoding) -> str:
    """The canonical name of an encoding (e.g. "utf8" and "UTF-8" are "utf-8")."""
    import codecs

    _str(encoding, "encoding")
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise exceptions.InvalidArgumentError(f"unknown encoding: {encoding}") from None
