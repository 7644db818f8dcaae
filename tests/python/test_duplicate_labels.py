"""Alignment on an index that repeats labels (after concat, or set_index on a column with
duplicates), compared with pandas.

pandas pairs two objects row by row when their indexes are equal and by label otherwise. A
window result (shift, cumsum, rank, ...) has its frame's index, so it pairs row by row; cormorant
combines it with its frame in one projection. Two different selections of the same rows, or two
sources whose indexes both repeat a label, are joined on the labels as pandas joins them
(test_duplicate_alignment.py has more); assigning a Series that repeats a label onto another
index raises, as pandas does.
"""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions


def _frames():
    p = pd.DataFrame({
        "k": pd.array([1, 1, 2, None, 2], dtype="Int64"),
        "v": pd.array([10, 20, None, 40, 50], dtype="Int64"),
        "f": pd.array([0.5, None, 2.5, -1.0, 3.0], dtype="Float64"),
    })
    return p, cpd.read_pandas(p)


def _check(got, expected):
    got = got.to_pandas()
    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected, check_index_type=False)
    else:
        pd.testing.assert_series_equal(got, expected, check_index_type=False)


WINDOWS = {
    "shift": lambda s: s.shift(),
    "shift-2": lambda s: s.shift(-2),
    "diff": lambda s: s.diff(),
    "cumsum": lambda s: s.cumsum(),
    "cummax": lambda s: s.cummax(),
    "rank": lambda s: s.rank(),
    "ffill": lambda s: s.ffill(),
}


@pytest.mark.parametrize("window", list(WINDOWS))
def test_window_of_concat_assigned_pairs_row_by_row(window):
    p, c = _frames()
    pc, cc = pd.concat([p, p.head(3)]), cpd.concat([c, c.head(3)])
    fn = WINDOWS[window]
    pc["w"] = fn(pc["v"])
    cc["w"] = fn(cc["v"])
    _check(cc, pc)
    # the row count stays, and later aggregates see each row once
    assert cc["v"].sum() == pc["v"].sum()
    _check(cc["v"] + fn(cc["f"]), pc["v"] + fn(pc["f"]))


@pytest.mark.parametrize("window", ["shift", "cumsum", "rank"])
def test_window_on_repeated_set_index(window):
    p, c = _frames()
    pi, ci = p.set_index("k"), c.set_index("k")
    fn = WINDOWS[window]
    _check(ci.assign(w=fn(ci["v"]), z=fn(ci["f"]) * 2), pi.assign(w=fn(pi["v"]), z=fn(pi["f"]) * 2))
    _check(ci["v"] - fn(ci["v"]), pi["v"] - fn(pi["v"]))


def test_groupby_transform_on_concat():
    p, c = _frames()
    pc, cc = pd.concat([p, p]), cpd.concat([c, c])
    pc["g"] = pc.groupby("k")["v"].cumsum()
    cc["g"] = cc.groupby("k")["v"].cumsum()
    pc["m"] = pc["v"] - pc.groupby("k")["v"].transform("mean")
    cc["m"] = cc["v"] - cc.groupby("k")["v"].transform("mean")
    _check(cc, pc)


def test_window_of_a_filtered_frame_combines_with_it():
    p, c = _frames()
    pc, cc = pd.concat([p, p]), cpd.concat([c, c])
    pf, cf = pc[pc["f"] > 0], cc[cc["f"] > 0]
    _check(cf.assign(w=cf["v"].shift()), pf.assign(w=pf["v"].shift()))


def test_two_selections_with_unique_labels_pair_by_label():
    p, c = _frames()
    pu, cu = p.set_index("f"), c.set_index("f")  # unique labels (one missing)
    _check(cu["v"] + cu[cu["v"] > 15]["v"], pu["v"] + pu[pu["v"] > 15]["v"])
    _check(cu.assign(w=cu.sort_values("v")["v"]), pu.assign(w=pu.sort_values("v")["v"]))


@pytest.mark.parametrize("case", ["binop filtered", "binop sorted", "assign filtered", "assign sorted"])
def test_two_selections_with_repeated_labels(case):
    p, c = _frames()
    pc, cc = pd.concat([p, p.head(2)]), cpd.concat([c, c.head(2)])
    op = {
        "binop filtered": lambda d: d["v"] + d[d["v"] > 15]["v"],
        "binop sorted": lambda d: d["v"] + d.sort_values("v")["v"],
        "assign filtered": lambda d: d.assign(w=d[d["v"] > 15]["v"]),
        "assign sorted": lambda d: d.assign(w=d.sort_values("f")["v"]),
    }[case]
    if case.startswith("assign"):
        with pytest.raises(ValueError, match="duplicate labels"):  # pandas refuses to reindex on repeated labels
            op(pc)
        with pytest.raises(exceptions.InvalidArgumentError, match="duplicate labels"):
            op(cc).to_pandas()
    else:
        _check(op(cc), op(pc))


def test_assigning_a_series_with_repeated_labels_from_another_source():
    p, c = _frames()
    q = pd.DataFrame({"k": pd.array([1, 1, 3], dtype="Int64"), "x": pd.array([7, 8, 9], dtype="Int64")})
    d = cpd.read_pandas(q)
    with pytest.raises(ValueError, match="duplicate"):
        p.set_index("v").assign(x=q.set_index("k")["x"])
    with pytest.raises(exceptions.InvalidArgumentError, match="duplicate labels"):
        c.set_index("v").assign(x=d.set_index("k")["x"]).to_pandas()
    # unique labels on the assigned side: pandas looks each row up by label
    qu, du = q.drop_duplicates("k", keep="last"), d.drop_duplicates("k", keep="last")
    _check(c.set_index("k").assign(x=du.set_index("k")["x"]), p.set_index("k").assign(x=qu.set_index("k")["x"]))


def test_two_sources_that_both_repeat_a_label():
    p, c = _frames()
    q = pd.DataFrame({"k": pd.array([2, 1, 1, 3], dtype="Int64"), "x": pd.array([1, 2, 3, 4], dtype="Int64")})
    d = cpd.read_pandas(q)
    # labels 1 and 2 repeat on both sides (and <NA> on one): pandas' many-to-many join
    _check(c.set_index("k")["v"] + d.set_index("k")["x"], p.set_index("k")["v"] + q.set_index("k")["x"])
    # only one side repeats its labels: pandas' join on labels
    qu, du = q.drop_duplicates("k"), d.drop_duplicates("k")
    _check(c.set_index("k")["v"] + du.set_index("k")["x"], p.set_index("k")["v"] + qu.set_index("k")["x"])


def test_reexecution_gives_the_same_rows():
    p, c = _frames()
    cc = cpd.concat([c, c])
    cc["w"] = cc["v"].shift()
    first = cc.to_pandas()
    pd.testing.assert_frame_equal(cc.to_pandas(), first)
    assert len(first) == 2 * len(p)
