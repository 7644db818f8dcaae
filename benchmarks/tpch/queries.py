"""The 22 TPC-H queries written with the pandas API, as a pandas user would write them:
merges, boolean masks, groupby-agg, sort_values, head; no SQL.

Each query is a function of `t`, a mapping from table name ("lineitem", "orders", ...) to a
DataFrame, and of the scale factor (Q11's threshold depends on it). The same code runs on
cormorant's DataFrames (cormorant.pandas.read_parquet) and on pandas' (pd.read_parquet); it
returns a DataFrame, or a number for the queries that compute one value (Q6, Q14, Q17, Q19).
The parameters are the specification's validation parameters, as in sql_queries.py.
"""

from datetime import date


def q1(t, scale):
    li = t["lineitem"]
    li = li[li["l_shipdate"] <= date(1998, 9, 2)]  # DATE '1998-12-01' - 90 days
    li = li.assign(disc_price=li["l_extendedprice"] * (1 - li["l_discount"]))
    li = li.assign(charge=li["disc_price"] * (1 + li["l_tax"]))
    out = li.groupby(["l_returnflag", "l_linestatus"], as_index=False).agg(
        sum_qty=("l_quantity", "sum"),
        sum_base_price=("l_extendedprice", "sum"),
        sum_disc_price=("disc_price", "sum"),
        sum_charge=("charge", "sum"),
        avg_qty=("l_quantity", "mean"),
        avg_price=("l_extendedprice", "mean"),
        avg_disc=("l_discount", "mean"),
        count_order=("l_orderkey", "count"),
    )
    return out.sort_values(["l_returnflag", "l_linestatus"])


def q2(t, scale):
    region, nation, supplier, part, partsupp = (t[n] for n in ("region", "nation", "supplier", "part", "partsupp"))
    europe = region[region["r_name"] == "EUROPE"]
    suppliers = (
        europe.merge(nation, left_on="r_regionkey", right_on="n_regionkey")
        .merge(supplier, left_on="n_nationkey", right_on="s_nationkey")
        .merge(partsupp, left_on="s_suppkey", right_on="ps_suppkey")
    )
    brass = part[(part["p_size"] == 15) & part["p_type"].str.endswith("BRASS")]
    j = brass.merge(suppliers, left_on="p_partkey", right_on="ps_partkey")
    cheapest = j.groupby("p_partkey", as_index=False).agg(min_cost=("ps_supplycost", "min"))
    j = j.merge(cheapest, on="p_partkey")
    j = j[j["ps_supplycost"] == j["min_cost"]]
    j = j.sort_values(["s_acctbal", "n_name", "s_name", "p_partkey"], ascending=[False, True, True, True]).head(100)
    return j[["s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment"]]


def q3(t, scale):
    customer, orders, lineitem = t["customer"], t["orders"], t["lineitem"]
    c = customer[customer["c_mktsegment"] == "BUILDING"]
    o = orders[orders["o_orderdate"] < date(1995, 3, 15)]
    li = lineitem[lineitem["l_shipdate"] > date(1995, 3, 15)]
    j = c.merge(o, left_on="c_custkey", right_on="o_custkey").merge(li, left_on="o_orderkey", right_on="l_orderkey")
    j = j.assign(revenue=j["l_extendedprice"] * (1 - j["l_discount"]))
    out = j.groupby(["l_orderkey", "o_orderdate", "o_shippriority"], as_index=False).agg(revenue=("revenue", "sum"))
    out = out.sort_values(["revenue", "o_orderdate"], ascending=[False, True]).head(10)
    return out[["l_orderkey", "revenue", "o_orderdate", "o_shippriority"]]


def q4(t, scale):
    orders, lineitem = t["orders"], t["lineitem"]
    o = orders[(orders["o_orderdate"] >= date(1993, 7, 1)) & (orders["o_orderdate"] < date(1993, 10, 1))]
    late = lineitem[lineitem["l_commitdate"] < lineitem["l_receiptdate"]]
    # EXISTS: a semi-join, the orders with a late line.
    o = o[o["o_orderkey"].isin(late["l_orderkey"])]
    out = o.groupby("o_orderpriority", as_index=False).agg(order_count=("o_orderkey", "count"))
    return out.sort_values("o_orderpriority")


def q5(t, scale):
    region, nation, customer, orders, lineitem, supplier = (
        t[n] for n in ("region", "nation", "customer", "orders", "lineitem", "supplier"))
    asia = region[region["r_name"] == "ASIA"]
    o = orders[(orders["o_orderdate"] >= date(1994, 1, 1)) & (orders["o_orderdate"] < date(1995, 1, 1))]
    j = (
        asia.merge(nation, left_on="r_regionkey", right_on="n_regionkey")
        .merge(customer, left_on="n_nationkey", right_on="c_nationkey")
        .merge(o, left_on="c_custkey", right_on="o_custkey")
        .merge(lineitem, left_on="o_orderkey", right_on="l_orderkey")
        .merge(supplier, left_on=["l_suppkey", "n_nationkey"], right_on=["s_suppkey", "s_nationkey"])
    )
    j = j.assign(revenue=j["l_extendedprice"] * (1 - j["l_discount"]))
    out = j.groupby("n_name", as_index=False).agg(revenue=("revenue", "sum"))
    return out.sort_values("revenue", ascending=False)


def q6(t, scale):
    li = t["lineitem"]
    li = li[
        (li["l_shipdate"] >= date(1994, 1, 1))
        & (li["l_shipdate"] < date(1995, 1, 1))
        & li["l_discount"].between(0.05, 0.07)
        & (li["l_quantity"] < 24)
    ]
    return (li["l_extendedprice"] * li["l_discount"]).sum()


def q7(t, scale):
    nation, supplier, customer, orders, lineitem = (t[n] for n in ("nation", "supplier", "customer", "orders", "lineitem"))
    pair = nation[nation["n_name"].isin(["FRANCE", "GERMANY"])]
    s = supplier.merge(pair, left_on="s_nationkey", right_on="n_nationkey")[["s_suppkey", "n_name"]]
    s = s.rename(columns={"n_name": "supp_nation"})
    c = customer.merge(pair, left_on="c_nationkey", right_on="n_nationkey")[["c_custkey", "n_name"]]
    c = c.rename(columns={"n_name": "cust_nation"})
    li = lineitem[(lineitem["l_shipdate"] >= date(1995, 1, 1)) & (lineitem["l_shipdate"] <= date(1996, 12, 31))]
    j = (
        li.merge(s, left_on="l_suppkey", right_on="s_suppkey")
        .merge(orders, left_on="l_orderkey", right_on="o_orderkey")
        .merge(c, left_on="o_custkey", right_on="c_custkey")
    )
    j = j[j["supp_nation"] != j["cust_nation"]]
    j = j.assign(l_year=j["l_shipdate"].dt.year, volume=j["l_extendedprice"] * (1 - j["l_discount"]))
    out = j.groupby(["supp_nation", "cust_nation", "l_year"], as_index=False).agg(revenue=("volume", "sum"))
    return out.sort_values(["supp_nation", "cust_nation", "l_year"])


def q8(t, scale):
    region, nation, customer, orders, lineitem, supplier, part = (
        t[n] for n in ("region", "nation", "customer", "orders", "lineitem", "supplier", "part"))
    america = region[region["r_name"] == "AMERICA"].merge(nation, left_on="r_regionkey", right_on="n_regionkey")
    c = customer.merge(america[["n_nationkey"]], left_on="c_nationkey", right_on="n_nationkey")[["c_custkey"]]
    s = supplier.merge(nation, left_on="s_nationkey", right_on="n_nationkey")[["s_suppkey", "n_name"]]
    p = part[part["p_type"] == "ECONOMY ANODIZED STEEL"]
    o = orders[(orders["o_orderdate"] >= date(1995, 1, 1)) & (orders["o_orderdate"] <= date(1996, 12, 31))]
    j = (
        p.merge(lineitem, left_on="p_partkey", right_on="l_partkey")
        .merge(o, left_on="l_orderkey", right_on="o_orderkey")
        .merge(c, left_on="o_custkey", right_on="c_custkey")
        .merge(s, left_on="l_suppkey", right_on="s_suppkey")
    )
    volume = j["l_extendedprice"] * (1 - j["l_discount"])
    j = j.assign(o_year=j["o_orderdate"].dt.year, volume=volume, brazil=volume.where(j["n_name"] == "BRAZIL", 0.0))
    out = j.groupby("o_year", as_index=False).agg(brazil=("brazil", "sum"), volume=("volume", "sum"))
    out = out.assign(mkt_share=out["brazil"] / out["volume"])
    return out[["o_year", "mkt_share"]].sort_values("o_year")


def q9(t, scale):
    nation, orders, lineitem, supplier, part, partsupp = (
        t[n] for n in ("nation", "orders", "lineitem", "supplier", "part", "partsupp"))
    green = part[part["p_name"].str.contains("green")]
    j = (
        green.merge(lineitem, left_on="p_partkey", right_on="l_partkey")
        .merge(partsupp, left_on=["l_suppkey", "l_partkey"], right_on=["ps_suppkey", "ps_partkey"])
        .merge(supplier, left_on="l_suppkey", right_on="s_suppkey")
        .merge(orders, left_on="l_orderkey", right_on="o_orderkey")
        .merge(nation, left_on="s_nationkey", right_on="n_nationkey")
    )
    j = j.assign(
        o_year=j["o_orderdate"].dt.year,
        amount=j["l_extendedprice"] * (1 - j["l_discount"]) - j["ps_supplycost"] * j["l_quantity"],
    )
    out = j.groupby(["n_name", "o_year"], as_index=False).agg(sum_profit=("amount", "sum"))
    out = out.rename(columns={"n_name": "nation"})
    return out.sort_values(["nation", "o_year"], ascending=[True, False])


def q10(t, scale):
    nation, customer, orders, lineitem = (t[n] for n in ("nation", "customer", "orders", "lineitem"))
    o = orders[(orders["o_orderdate"] >= date(1993, 10, 1)) & (orders["o_orderdate"] < date(1994, 1, 1))]
    li = lineitem[lineitem["l_returnflag"] == "R"]
    j = (
        customer.merge(o, left_on="c_custkey", right_on="o_custkey")
        .merge(li, left_on="o_orderkey", right_on="l_orderkey")
        .merge(nation, left_on="c_nationkey", right_on="n_nationkey")
    )
    j = j.assign(revenue=j["l_extendedprice"] * (1 - j["l_discount"]))
    keys = ["c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment"]
    out = j.groupby(keys, as_index=False).agg(revenue=("revenue", "sum"))
    out = out.sort_values("revenue", ascending=False).head(20)
    return out[["c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment"]]


def q11(t, scale):
    nation, supplier, partsupp = t["nation"], t["supplier"], t["partsupp"]
    germany = nation[nation["n_name"] == "GERMANY"]
    j = germany.merge(supplier, left_on="n_nationkey", right_on="s_nationkey").merge(
        partsupp, left_on="s_suppkey", right_on="ps_suppkey")
    j = j.assign(value=j["ps_supplycost"] * j["ps_availqty"])
    threshold = j["value"].sum() * (0.0001 / scale)
    out = j.groupby("ps_partkey", as_index=False).agg(value=("value", "sum"))
    out = out[out["value"] > threshold]
    return out.sort_values("value", ascending=False)


def q12(t, scale):
    orders, lineitem = t["orders"], t["lineitem"]
    li = lineitem[
        lineitem["l_shipmode"].isin(["MAIL", "SHIP"])
        & (lineitem["l_commitdate"] < lineitem["l_receiptdate"])
        & (lineitem["l_shipdate"] < lineitem["l_commitdate"])
        & (lineitem["l_receiptdate"] >= date(1994, 1, 1))
        & (lineitem["l_receiptdate"] < date(1995, 1, 1))
    ]
    j = orders.merge(li, left_on="o_orderkey", right_on="l_orderkey")
    high = j["o_orderpriority"].isin(["1-URGENT", "2-HIGH"])
    j = j.assign(high_line_count=high.astype("int64"), low_line_count=(~high).astype("int64"))
    out = j.groupby("l_shipmode", as_index=False).agg(
        high_line_count=("high_line_count", "sum"), low_line_count=("low_line_count", "sum"))
    return out.sort_values("l_shipmode")


def q13(t, scale):
    customer, orders = t["customer"], t["orders"]
    o = orders[~orders["o_comment"].str.contains("special.*requests")]
    j = customer.merge(o, left_on="c_custkey", right_on="o_custkey", how="left")
    counts = j.groupby("c_custkey", as_index=False).agg(c_count=("o_orderkey", "count"))
    out = counts.groupby("c_count", as_index=False).agg(custdist=("c_custkey", "count"))
    return out.sort_values(["custdist", "c_count"], ascending=[False, False])


def q14(t, scale):
    lineitem, part = t["lineitem"], t["part"]
    li = lineitem[(lineitem["l_shipdate"] >= date(1995, 9, 1)) & (lineitem["l_shipdate"] < date(1995, 10, 1))]
    j = li.merge(part, left_on="l_partkey", right_on="p_partkey")
    revenue = j["l_extendedprice"] * (1 - j["l_discount"])
    j = j.assign(revenue=revenue, promo=revenue.where(j["p_type"].str.startswith("PROMO"), 0.0))
    sums = j[["promo", "revenue"]].sum()
    return 100.0 * sums["promo"] / sums["revenue"]


def q15(t, scale):
    lineitem, supplier = t["lineitem"], t["supplier"]
    li = lineitem[(lineitem["l_shipdate"] >= date(1996, 1, 1)) & (lineitem["l_shipdate"] < date(1996, 4, 1))]
    li = li.assign(revenue=li["l_extendedprice"] * (1 - li["l_discount"]))
    revenue = li.groupby("l_suppkey", as_index=False).agg(total_revenue=("revenue", "sum"))
    top = revenue[revenue["total_revenue"] == revenue["total_revenue"].max()]
    j = supplier.merge(top, left_on="s_suppkey", right_on="l_suppkey")
    return j[["s_suppkey", "s_name", "s_address", "s_phone", "total_revenue"]].sort_values("s_suppkey")


def q16(t, scale):
    part, partsupp, supplier = t["part"], t["partsupp"], t["supplier"]
    p = part[
        (part["p_brand"] != "Brand#45")
        & ~part["p_type"].str.startswith("MEDIUM POLISHED")
        & part["p_size"].isin([49, 14, 23, 45, 19, 3, 36, 9])
    ]
    complaints = supplier[supplier["s_comment"].str.contains("Customer.*Complaints")][["s_suppkey"]]
    # NOT IN: an anti-join, the partsupp rows of no complaining supplier.
    ps = partsupp[~partsupp["ps_suppkey"].isin(complaints["s_suppkey"])]
    j = p.merge(ps, left_on="p_partkey", right_on="ps_partkey")
    out = j.groupby(["p_brand", "p_type", "p_size"], as_index=False).agg(supplier_cnt=("ps_suppkey", "nunique"))
    return out.sort_values(["supplier_cnt", "p_brand", "p_type", "p_size"], ascending=[False, True, True, True])


def q17(t, scale):
    lineitem, part = t["lineitem"], t["part"]
    p = part[(part["p_brand"] == "Brand#23") & (part["p_container"] == "MED BOX")]
    j = p.merge(lineitem, left_on="p_partkey", right_on="l_partkey")
    avg = j.groupby("p_partkey", as_index=False).agg(avg_quantity=("l_quantity", "mean"))
    j = j.merge(avg, on="p_partkey")
    j = j[j["l_quantity"] < 0.2 * j["avg_quantity"]]
    return j["l_extendedprice"].sum() / 7.0


def q18(t, scale):
    customer, orders, lineitem = t["customer"], t["orders"], t["lineitem"]
    qty = lineitem.groupby("l_orderkey", as_index=False).agg(sum_qty=("l_quantity", "sum"))
    big = qty[qty["sum_qty"] > 300]
    j = orders.merge(big, left_on="o_orderkey", right_on="l_orderkey").merge(
        customer, left_on="o_custkey", right_on="c_custkey")
    j = j.sort_values(["o_totalprice", "o_orderdate"], ascending=[False, True]).head(100)
    return j[["c_name", "c_custkey", "o_orderkey", "o_orderdate", "o_totalprice", "sum_qty"]]


def q19(t, scale):
    lineitem, part = t["lineitem"], t["part"]
    li = lineitem[lineitem["l_shipmode"].isin(["AIR", "AIR REG"]) & (lineitem["l_shipinstruct"] == "DELIVER IN PERSON")]
    j = li.merge(part, left_on="l_partkey", right_on="p_partkey")
    small = ((j["p_brand"] == "Brand#12") & j["p_container"].isin(["SM CASE", "SM BOX", "SM PACK", "SM PKG"])
             & j["l_quantity"].between(1, 11) & j["p_size"].between(1, 5))
    medium = ((j["p_brand"] == "Brand#23") & j["p_container"].isin(["MED BAG", "MED BOX", "MED PKG", "MED PACK"])
              & j["l_quantity"].between(10, 20) & j["p_size"].between(1, 10))
    large = ((j["p_brand"] == "Brand#34") & j["p_container"].isin(["LG CASE", "LG BOX", "LG PACK", "LG PKG"])
             & j["l_quantity"].between(20, 30) & j["p_size"].between(1, 15))
    j = j[small | medium | large]
    return (j["l_extendedprice"] * (1 - j["l_discount"])).sum()


def q20(t, scale):
    nation, supplier, part, partsupp, lineitem = (t[n] for n in ("nation", "supplier", "part", "partsupp", "lineitem"))
    forest = part[part["p_name"].str.startswith("forest")]
    li = lineitem[(lineitem["l_shipdate"] >= date(1994, 1, 1)) & (lineitem["l_shipdate"] < date(1995, 1, 1))]
    shipped = li.groupby(["l_partkey", "l_suppkey"], as_index=False).agg(sum_quantity=("l_quantity", "sum"))
    ps = partsupp[partsupp["ps_partkey"].isin(forest["p_partkey"])]
    j = ps.merge(shipped, left_on=["ps_partkey", "ps_suppkey"], right_on=["l_partkey", "l_suppkey"])
    j = j[j["ps_availqty"] > 0.5 * j["sum_quantity"]]
    canada = nation[nation["n_name"] == "CANADA"]
    s = supplier.merge(canada, left_on="s_nationkey", right_on="n_nationkey")
    s = s[s["s_suppkey"].isin(j["ps_suppkey"])]
    return s[["s_name", "s_address"]].sort_values("s_name")


def q21(t, scale):
    nation, supplier, orders, lineitem = (t[n] for n in ("nation", "supplier", "orders", "lineitem"))
    saudi = nation[nation["n_name"] == "SAUDI ARABIA"]
    s = supplier.merge(saudi, left_on="s_nationkey", right_on="n_nationkey")
    o = orders[orders["o_orderstatus"] == "F"]
    li = lineitem[["l_orderkey", "l_suppkey", "l_receiptdate", "l_commitdate"]]
    late = li[li["l_receiptdate"] > li["l_commitdate"]]
    suppliers = li.groupby("l_orderkey", as_index=False).agg(n_supp=("l_suppkey", "nunique"))
    late_suppliers = late.groupby("l_orderkey", as_index=False).agg(n_late=("l_suppkey", "nunique"))
    late = late[late["l_orderkey"].isin(o["o_orderkey"])]  # lines of finished orders: a semi-join
    j = (
        late.merge(s, left_on="l_suppkey", right_on="s_suppkey")
        .merge(suppliers, on="l_orderkey")
        .merge(late_suppliers, on="l_orderkey")
    )
    # Another supplier had a line in the order, and only this supplier was late.
    j = j[(j["n_supp"] > 1) & (j["n_late"] == 1)]
    out = j.groupby("s_name", as_index=False).agg(numwait=("l_orderkey", "count"))
    return out.sort_values(["numwait", "s_name"], ascending=[False, True]).head(100)


def q22(t, scale):
    customer, orders = t["customer"], t["orders"]
    c = customer.assign(cntrycode=customer["c_phone"].str.slice(0, 2))
    c = c[c["cntrycode"].isin(["13", "31", "23", "29", "30", "18", "17"])]
    average = c[c["c_acctbal"] > 0.0]["c_acctbal"].mean()
    c = c[c["c_acctbal"] > average]
    # NOT EXISTS: an anti-join, the customers without orders.
    c = c[~c["c_custkey"].isin(orders["o_custkey"])]
    out = c.groupby("cntrycode", as_index=False).agg(numcust=("c_acctbal", "count"), totacctbal=("c_acctbal", "sum"))
    return out.sort_values("cntrycode")


QUERIES = {n: globals()[f"q{n}"] for n in range(1, 23)}
