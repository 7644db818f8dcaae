"""Sums and comparisons of Parquet DECIMAL columns computed in DECIMAL (issue 12, TPC-H Q1 and Q6).

cormorant reads a DECIMAL(p, s) column as Float64. A sum or mean of a +, -, * chain of such
columns and exact literals is summed in DECIMAL and cast to DOUBLE once, where no overflow is
possible; a comparison with a literal of the column's type compares decimals. Oracles: pandas
3.1 over the same file with the decimals read as float64 (values to RTOL: pandas rounds each
product and partial sum), DuckDB's own DECIMAL sum of the same chain (exact, then correctly
rounded by Python's float(Decimal): compared bit for bit), and the result of a second
execution (bit for bit).
"""

import decimal

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cormorant.pandas as cpd
from cormorant.session import Session
from conftest import ENGINE, assert_same

MODES = ["strict", "partial"]


def _decimals(rng, n, scale, high, missing):
    units = rng.integers(-high, high + 1, n) if high < 0 else rng.integers(0, high + 1, n)
    values = [None if m else decimal.Decimal(int(u)).scaleb(-scale) for u, m in zip(units, rng.random(n) < missing)]
    return values


@pytest.fixture(scope="module")
def lineitems(tmp_path_factory):
    """A lineitem-like file: DECIMAL(15,2) quantity, price, discount and tax (some missing), a
    flag with a group whose prices are all missing, a date; several row groups."""
    rng = np.random.default_rng(12)
    n = 3000
    flags = rng.choice(["A", "N", "R"], n)
    flags[:40] = "Z"
    t = pa.table({
        "flag": pa.array(flags.tolist(), pa.string()),
        "status": pa.array(rng.choice(["F", "O"], n).tolist(), pa.string()),
        "qty": pa.array(_decimals(rng, n, 2, 5000, 0.02), pa.decimal128(15, 2)),
        "price": pa.array([None if f == "Z" else v for f, v in zip(flags, _decimals(rng, n, 2, 10_000_000, 0.03))],
                          pa.decimal128(15, 2)),
        "disc": pa.array(_decimals(rng, n, 2, 10, 0.01), pa.decimal128(15, 2)),
        "tax": pa.array(_decimals(rng, n, 2, 8, 0.0), pa.decimal128(15, 2)),
        "day": pa.array(rng.integers(0, 100, n), pa.int64()),
    })
    path = tmp_path_factory.mktemp("decimals") / "lineitem.parquet"
    pq.write_table(t, path, row_group_size=700)
    return str(path)


def pandas_of(path):
    """pandas' frame of the file as cormorant reads it: decimals as Float64, nullable dtypes."""
    table = pq.read_table(path)
    fields = [pa.field(f.name, pa.float64() if pa.types.is_decimal(f.type) else f.type) for f in table.schema]
    mapping = {pa.float64(): pd.Float64Dtype(), pa.int64(): pd.Int64Dtype(), pa.string(): pd.StringDtype(na_value=pd.NA)}
    return table.cast(pa.schema(fields)).to_pandas(types_mapper=mapping.get)


def q1(li, cutoff=90):
    li = li[li["day"] <= cutoff]
    li = li.assign(disc_price=li["price"] * (1 - li["disc"]))
    li = li.assign(charge=li["disc_price"] * (1 + li["tax"]))
    out = li.groupby(["flag", "status"], as_index=False).agg(
        sum_qty=("qty", "sum"), sum_price=("price", "sum"), sum_disc_price=("disc_price", "sum"),
        sum_charge=("charge", "sum"), avg_qty=("qty", "mean"), avg_price=("price", "mean"),
        avg_disc=("disc", "mean"), count=("day", "count"))
    return out.sort_values(["flag", "status"])


def q6(li):
    li = li[(li["day"] >= 10) & (li["day"] < 60) & li["disc"].between(0.05, 0.07) & (li["qty"] < 24)]
    return (li["price"] * li["disc"]).sum()


def duckdb_sums(path, select, where="TRUE", group=None):
    """DuckDB's exact DECIMAL sums of the file, each rounded once to a float by Python."""
    con = duckdb.connect()
    keys = f"{group}, " if group else ""
    sql = f"SELECT {keys}{select} FROM read_parquet('{path}') WHERE {where}"
    if group:
        sql += f" GROUP BY {group} ORDER BY {group}"
    return [tuple(float(v) if isinstance(v, decimal.Decimal) else v for v in row) for row in con.sql(sql).fetchall()]


def bits(values):
    return [np.float64(v).tobytes() for v in values]


@pytest.mark.parametrize("mode", MODES)
def test_q1_shape_as_pandas_and_exact(lineitems, mode):
    s = Session(":memory:", threads=2, ordering_mode=mode)
    cdf = s.read_parquet(lineitems)
    got = q1(cdf)
    assert "DECIMAL" in got.sql and "cormorant_sum_exact" not in got.sql  # the decimal path is taken
    assert_same(got.reset_index(drop=True), q1(pandas_of(lineitems)).reset_index(drop=True))
    first, again = got.to_pandas(), got.to_pandas()
    for c in first.columns[2:]:
        assert bits(first[c].fillna(-1.0)) == bits(again[c].fillna(-1.0)), c
    sums = ["qty", "price", "price * (1 - disc)", "price * (1 - disc) * (1 + tax)"]  # (pandas: 0 for no values)
    exact = duckdb_sums(lineitems, ", ".join(f"coalesce(sum({x}), 0)" for x in sums), "day <= 90", "flag, status")
    assert [tuple(r[:2]) for r in exact] == list(zip(first["flag"], first["status"]))
    for i, name in enumerate(["sum_qty", "sum_price", "sum_disc_price", "sum_charge"]):
        assert bits(first[name]) == bits([r[2 + i] for r in exact]), name
    s.close()


@pytest.mark.parametrize("mode", MODES)
def test_q6_shape_as_pandas_and_exact(lineitems, mode):
    s = Session(":memory:", threads=2, ordering_mode=mode)
    cdf = s.read_parquet(lineitems)
    got, again = q6(cdf), q6(cdf)
    want = q6(pandas_of(lineitems))
    assert got == pytest.approx(want, rel=1e-12)
    assert bits([got]) == bits([again])
    [(exact,)] = duckdb_sums(lineitems, "sum(price * disc)",
                             "day >= 10 AND day < 60 AND disc BETWEEN 0.05 AND 0.07 AND qty < 24")
    assert bits([got]) == bits([exact])
    s.close()


@pytest.mark.parametrize("mode", MODES)
def test_missing_and_empty(lineitems, mode):
    """A group whose values are all missing sums to 0 with a missing mean; no rows sum to 0."""
    s = Session(":memory:", threads=2, ordering_mode=mode)
    cdf, pdf = s.read_parquet(lineitems), pandas_of(lineitems)
    for frame in (lambda d: d, lambda d: d[d["day"] < 0]):
        c, p = frame(cdf), frame(pdf)
        c = c.assign(v=c["price"] * 2 - c["qty"])
        p = p.assign(v=p["price"] * 2 - p["qty"])
        agg = dict(total=("v", "sum"), mean=("v", "mean"), n=("v", "count"))
        assert_same(c.groupby("flag").agg(**agg), p.groupby("flag").agg(**agg))
        assert c["v"].sum() == pytest.approx(p["v"].sum(), rel=1e-12, abs=0)
        assert (c["v"].mean() is pd.NA) == (p["v"].mean() is pd.NA) or c["v"].mean() == pytest.approx(p["v"].mean())
    s.close()


@pytest.mark.parametrize("mode", MODES)
def test_filters_keep_float_semantics(lineitems, mode):
    """Comparisons with literals of the column's type compare decimals; others (more digits,
    a float that is no short decimal, a column compared with a column) compare doubles, as
    pandas does: the same rows either way."""
    s = Session(":memory:", threads=2, ordering_mode=mode)
    cdf, pdf = s.read_parquet(lineitems), pandas_of(lineitems)
    cases = [
        lambda d: d["disc"] >= 0.05, lambda d: d["disc"] == 0.05, lambda d: d["disc"] != 0.07,
        lambda d: d["disc"] > 0.055, lambda d: d["disc"] <= 0.1 + 0.2 - 0.25, lambda d: d["qty"] < 24,
        lambda d: 24 > d["qty"], lambda d: d["qty"] >= 1 / 3, lambda d: d["price"] > 1e13,
        lambda d: d["disc"] == d["tax"], lambda d: d["price"].between(1000, 20000.5),
    ]
    for cond in cases:
        got = cdf[cond(cdf)]
        if mode == "strict":
            assert_same(got["day"], pdf[cond(pdf)]["day"])
        else:  # (no order, no index: the same rows)
            assert sorted(got["day"].to_pandas()) == sorted(pdf[cond(pdf)]["day"])
        pd.testing.assert_series_equal(got[["qty", "disc", "price"]].sum(), pdf[cond(pdf)][["qty", "disc", "price"]].sum(),
                                       rtol=1e-12)
    assert "AS DECIMAL(15,2))" in cdf[cdf["disc"] >= 0.05]["day"].sql  # (disc not shown: compared in DECIMAL)
    s.close()


@pytest.mark.parametrize("mode", MODES)
def test_double_path_where_decimal_is_not_safe(lineitems, tmp_path, mode):
    """Inexact literals, chains also read as values, and chains that could overflow keep the
    exact sum of doubles; each result as pandas'."""
    s = Session(":memory:", threads=2, ordering_mode=mode)
    cdf, pdf = s.read_parquet(lineitems), pandas_of(lineitems)
    assert (cdf["price"] * 1.1).sum() == pytest.approx((pdf["price"] * 1.1).sum(), rel=1e-12)
    # (1.1 is no short decimal: the doubles' exact sum; Spark's is its own sum, README: Spark engine)
    assert ENGINE == "spark" or "cormorant_sum_exact" in s.last_query.sql
    # a chain column that is also output keeps pandas' doubles, its sum too
    c = cdf.assign(v=cdf["price"] * (1 - cdf["disc"]))
    p = pdf.assign(v=pdf["price"] * (1 - pdf["disc"]))
    agg = dict(total=("v", "sum"), biggest=("v", "max"))
    assert_same(c.groupby("flag").agg(**agg), p.groupby("flag").agg(**agg))
    assert_same(c[["flag", "v"]], p[["flag", "v"]])
    # DECIMAL(18,2) values near 1e15: their products could pass 10**18 units
    big = pa.table({"a": pa.array([decimal.Decimal("9999999999999999.99"), decimal.Decimal("-12.5"), None],
                                  pa.decimal128(18, 2)),
                    "b": pa.array([decimal.Decimal("1234567890123456.78"), decimal.Decimal("3"), decimal.Decimal("1")],
                                  pa.decimal128(18, 2))})
    path = tmp_path / "big.parquet"
    pq.write_table(big, path)
    cb, pb = s.read_parquet(str(path)), pandas_of(str(path))
    assert (cb["a"] * cb["b"]).sum() == pytest.approx((pb["a"] * pb["b"]).sum(), rel=1e-12)
    assert ENGINE == "spark" or "cormorant_sum_exact" in s.last_query.sql
    assert cb["a"].sum() == pytest.approx(pb["a"].sum(), rel=1e-15)
    s.close()


@pytest.mark.parametrize("mode", MODES)
def test_decimals_times_integers(lineitems, mode):
    """TPC-H Q11's supplycost * availqty: an Int64 column its Parquet statistics bound joins the
    chain (summed in DECIMAL, bit for bit DuckDB's); the Int64 column's own sum stays Int64."""
    s = Session(":memory:", threads=2, ordering_mode=mode)
    cdf, pdf = s.read_parquet(lineitems), pandas_of(lineitems)
    c, p = cdf.assign(v=cdf["price"] * cdf["day"]), pdf.assign(v=pdf["price"] * pdf["day"])
    agg = dict(v=("v", "sum"), days=("day", "sum"), mean=("v", "mean"))
    got = c.groupby("flag").agg(**agg)
    assert "cormorant_sum_exact" not in got.sql
    assert_same(got, p.groupby("flag").agg(**agg))
    exact = duckdb_sums(lineitems, "coalesce(sum(price * day), 0)", group="flag")
    assert bits(got.to_pandas()["v"]) == bits([r[1] for r in exact])
    assert bits(got.to_pandas()["v"]) == bits(got.to_pandas()["v"])
    s.close()


@pytest.mark.parametrize("mode", MODES)
def test_through_a_merge(lineitems, tmp_path, mode):
    """Columns keep their DECIMAL through a merge (new names of the same columns): TPC-H Q11's
    join of partsupp, supplier and nation, summed per group as DuckDB sums the join in DECIMAL."""
    weights = pa.table({"flag": ["A", "N", "R", "Z"], "weight": pa.array([3, -2, 7, 1], pa.int64()),
                        "rate": pa.array([decimal.Decimal(x) for x in ("0.25", "1.50", "-0.75", "2.00")],
                                         pa.decimal128(9, 2))})
    wpath = str(tmp_path / "weights.parquet")
    pq.write_table(weights, wpath)
    s = Session(":memory:", threads=2, ordering_mode=mode)
    c = s.read_parquet(lineitems).merge(s.read_parquet(wpath), on="flag")
    p = pandas_of(lineitems).merge(pandas_of(wpath), on="flag")
    c = c.assign(v=c["price"] * c["weight"] * c["rate"])
    p = p.assign(v=p["price"] * p["weight"] * p["rate"])
    got = c.groupby("status").agg(v=("v", "sum"), rate=("rate", "mean"))
    assert "cormorant_sum_exact" not in got.sql
    assert_same(got, p.groupby("status").agg(v=("v", "sum"), rate=("rate", "mean")))
    con = duckdb.connect()
    exact = con.sql(f"SELECT status, coalesce(sum(price * weight * rate), 0) FROM read_parquet('{lineitems}') "
                    f"JOIN read_parquet('{wpath}') USING (flag) GROUP BY status ORDER BY status").fetchall()
    assert bits(got.to_pandas()["v"]) == bits([float(r[1]) for r in exact])
    s.close()


@pytest.mark.parametrize("mode", MODES)
def test_sums_either_side_of_the_engine_cast(tmp_path, mode):
    """A DECIMAL sum of at most 2**52 units reaches DOUBLE through the engine's cast (exact
    units over a power of ten: one rounding), a larger one through its digits (the cast would
    round twice): either way the correctly rounded sum, bit for bit, at the bound, on either
    side of it, far above it, negative, and filtered on as TPC-H Q18 filters its 1.5 million
    sums (pandas' rows)."""
    bound = 2**52
    groups = {
        "below": [bound - 8, 7], "at": [bound - 1, 1], "above": [bound, 1], "odd": [bound + 2**40 + 3, 2**50 + 7],
        "far": [4 * 10**17 + 3, 4 * 10**17 + 1, 4 * 10**17 + 7], "neg_at": [-bound + 5, -5],
        "neg_far": [-(9 * 10**17 + 1), -(9 * 10**17 + 3)], "mixed": [9 * 10**17 + 1, -(10**17) - 9, 3],
        "tenths": [1, 2, 3], "none": [None, None],
        "rounds_twice": [585251303526226698, 585251303526226699],  # the engine's cast: 1.1705026070524532e16
    }
    keys, values = [], []
    for k, units in groups.items():
        keys += [k] * len(units)
        values += [None if u is None else decimal.Decimal(u).scaleb(-2) for u in units]
    path = str(tmp_path / "sums.parquet")
    pq.write_table(pa.table({"k": pa.array(keys, pa.string()), "v": pa.array(values, pa.decimal128(18, 2))}), path)
    s = Session(":memory:", threads=2, ordering_mode=mode)
    c, p = s.read_parquet(path), pandas_of(path)
    got = c.groupby("k", as_index=False).agg(total=("v", "sum"), mean=("v", "mean"))
    assert "DECIMAL" in got.sql and "cormorant_sum_exact" not in got.sql
    first = got.to_pandas()
    exact = duckdb_sums(path, "coalesce(sum(v), 0)", group="k")
    assert list(first["k"]) == [r[0] for r in exact]
    assert bits(first["total"]) == bits([r[1] for r in exact])
    assert bits(got.to_pandas()["total"]) == bits(first["total"])
    assert_same(got, p.groupby("k", as_index=False).agg(total=("v", "sum"), mean=("v", "mean")))
    for threshold in (bound / 100, -bound / 100, 4.5e15):
        c_big = got[got["total"] > threshold]
        p_big = p.groupby("k", as_index=False).agg(total=("v", "sum"), mean=("v", "mean"))
        assert_same(c_big, p_big[p_big["total"] > threshold])
    s.close()
