"""The 22 TPC-H queries in Polars' lazy API (the benchmark's Polars side): each a function of
`t`, a mapping from table name to a LazyFrame (pl.scan_parquet), and of the scale factor,
returning a LazyFrame (collected by the benchmark). Parameters as in sql_queries.py."""

from datetime import date

import polars as pl

c = pl.col


def rev():
    return c("l_extendedprice") * (1 - c("l_discount"))


def q1(t, scale):
    return (
        t["lineitem"].filter(c("l_shipdate") <= date(1998, 9, 2))
        .group_by("l_returnflag", "l_linestatus")
        .agg(
            sum_qty=c("l_quantity").sum(),
            sum_base_price=c("l_extendedprice").sum(),
            sum_disc_price=rev().sum(),
            sum_charge=(rev() * (1 + c("l_tax"))).sum(),
            avg_qty=c("l_quantity").mean(),
            avg_price=c("l_extendedprice").mean(),
            avg_disc=c("l_discount").mean(),
            count_order=pl.len(),
        )
        .sort("l_returnflag", "l_linestatus")
    )


def q2(t, scale):
    europe = (
        t["region"].filter(c("r_name") == "EUROPE")
        .join(t["nation"], left_on="r_regionkey", right_on="n_regionkey")
        .join(t["supplier"], left_on="n_nationkey", right_on="s_nationkey")
        .join(t["partsupp"], left_on="s_suppkey", right_on="ps_suppkey")
    )
    j = t["part"].filter((c("p_size") == 15) & c("p_type").str.ends_with("BRASS")).join(
        europe, left_on="p_partkey", right_on="ps_partkey")
    return (
        j.filter(c("ps_supplycost") == c("ps_supplycost").min().over("p_partkey"))
        .sort(["s_acctbal", "n_name", "s_name", "p_partkey"], descending=[True, False, False, False])
        .head(100)
        .select("s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment")
    )


def q3(t, scale):
    return (
        t["customer"].filter(c("c_mktsegment") == "BUILDING")
        .join(t["orders"].filter(c("o_orderdate") < date(1995, 3, 15)), left_on="c_custkey", right_on="o_custkey")
        .join(t["lineitem"].filter(c("l_shipdate") > date(1995, 3, 15)), left_on="o_orderkey", right_on="l_orderkey")
        .group_by(c("o_orderkey").alias("l_orderkey"), "o_orderdate", "o_shippriority")
        .agg(revenue=rev().sum())
        .sort(["revenue", "o_orderdate"], descending=[True, False])
        .head(10)
        .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
    )


def q4(t, scale):
    late = t["lineitem"].filter(c("l_commitdate") < c("l_receiptdate"))
    return (
        t["orders"].filter(c("o_orderdate").is_between(date(1993, 7, 1), date(1993, 10, 1), closed="left"))
        .join(late, left_on="o_orderkey", right_on="l_orderkey", how="semi")
        .group_by("o_orderpriority")
        .agg(order_count=pl.len())
        .sort("o_orderpriority")
    )


def q5(t, scale):
    return (
        t["region"].filter(c("r_name") == "ASIA")
        .join(t["nation"], left_on="r_regionkey", right_on="n_regionkey")
        .join(t["customer"], left_on="n_nationkey", right_on="c_nationkey")
        .join(t["orders"].filter(c("o_orderdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left")),
              left_on="c_custkey", right_on="o_custkey")
        .join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
        .join(t["supplier"], left_on=["l_suppkey", "n_nationkey"], right_on=["s_suppkey", "s_nationkey"])
        .group_by("n_name")
        .agg(revenue=rev().sum())
        .sort("revenue", descending=True)
    )


def q6(t, scale):
    return t["lineitem"].filter(
        c("l_shipdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left")
        & c("l_discount").is_between(0.05, 0.07)
        & (c("l_quantity") < 24)
    ).select(revenue=(c("l_extendedprice") * c("l_discount")).sum())


def q7(t, scale):
    pair = t["nation"].filter(c("n_name").is_in(["FRANCE", "GERMANY"]))
    s = t["supplier"].join(pair, left_on="s_nationkey", right_on="n_nationkey").select("s_suppkey", supp_nation="n_name")
    cu = t["customer"].join(pair, left_on="c_nationkey", right_on="n_nationkey").select("c_custkey", cust_nation="n_name")
    return (
        t["lineitem"].filter(c("l_shipdate").is_between(date(1995, 1, 1), date(1996, 12, 31)))
        .join(s, left_on="l_suppkey", right_on="s_suppkey")
        .join(t["orders"], left_on="l_orderkey", right_on="o_orderkey")
        .join(cu, left_on="o_custkey", right_on="c_custkey")
        .filter(c("supp_nation") != c("cust_nation"))
        .group_by("supp_nation", "cust_nation", l_year=c("l_shipdate").dt.year())
        .agg(revenue=rev().sum())
        .sort("supp_nation", "cust_nation", "l_year")
    )


def q8(t, scale):
    america = t["region"].filter(c("r_name") == "AMERICA").join(t["nation"], left_on="r_regionkey", right_on="n_regionkey")
    cu = t["customer"].join(america, left_on="c_nationkey", right_on="n_nationkey").select("c_custkey")
    s = t["supplier"].join(t["nation"], left_on="s_nationkey", right_on="n_nationkey").select("s_suppkey", "n_name")
    return (
        t["part"].filter(c("p_type") == "ECONOMY ANODIZED STEEL")
        .join(t["lineitem"], left_on="p_partkey", right_on="l_partkey")
        .join(t["orders"].filter(c("o_orderdate").is_between(date(1995, 1, 1), date(1996, 12, 31))),
              left_on="l_orderkey", right_on="o_orderkey")
        .join(cu, left_on="o_custkey", right_on="c_custkey")
        .join(s, left_on="l_suppkey", right_on="s_suppkey")
        .group_by(o_year=c("o_orderdate").dt.year())
        # (in floats: a quotient of Polars decimals keeps their scale, 2 digits)
        .agg(mkt_share=pl.when(c("n_name") == "BRAZIL").then(rev()).otherwise(0).sum().cast(pl.Float64)
             / rev().sum().cast(pl.Float64))
        .sort("o_year")
    )


def q9(t, scale):
    return (
        t["part"].filter(c("p_name").str.contains("green"))
        .join(t["lineitem"], left_on="p_partkey", right_on="l_partkey")
        .join(t["partsupp"], left_on=["l_suppkey", "p_partkey"], right_on=["ps_suppkey", "ps_partkey"])
        .join(t["supplier"], left_on="l_suppkey", right_on="s_suppkey")
        .join(t["orders"], left_on="l_orderkey", right_on="o_orderkey")
        .join(t["nation"], left_on="s_nationkey", right_on="n_nationkey")
        .group_by(nation=c("n_name"), o_year=c("o_orderdate").dt.year())
        .agg(sum_profit=(rev() - c("ps_supplycost") * c("l_quantity")).sum())
        .sort(["nation", "o_year"], descending=[False, True])
    )


def q10(t, scale):
    return (
        t["customer"]
        .join(t["orders"].filter(c("o_orderdate").is_between(date(1993, 10, 1), date(1994, 1, 1), closed="left")),
              left_on="c_custkey", right_on="o_custkey")
        .join(t["lineitem"].filter(c("l_returnflag") == "R"), left_on="o_orderkey", right_on="l_orderkey")
        .join(t["nation"], left_on="c_nationkey", right_on="n_nationkey")
        .group_by("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
        .agg(revenue=rev().sum())
        .sort("revenue", descending=True)
        .head(20)
        .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
    )


def q11(t, scale):
    j = (
        t["nation"].filter(c("n_name") == "GERMANY")
        .join(t["supplier"], left_on="n_nationkey", right_on="s_nationkey")
        .join(t["partsupp"], left_on="s_suppkey", right_on="ps_suppkey")
        .with_columns(value=c("ps_supplycost") * c("ps_availqty"))
    )
    return (
        j.group_by("ps_partkey").agg(value=c("value").sum())
        .join(j.select(threshold=c("value").sum() * (0.0001 / scale)), how="cross")
        .filter(c("value") > c("threshold"))
        .select("ps_partkey", "value")
        .sort("value", descending=True)
    )


def q12(t, scale):
    high = c("o_orderpriority").is_in(["1-URGENT", "2-HIGH"])
    return (
        t["orders"].join(
            t["lineitem"].filter(
                c("l_shipmode").is_in(["MAIL", "SHIP"])
                & (c("l_commitdate") < c("l_receiptdate"))
                & (c("l_shipdate") < c("l_commitdate"))
                & c("l_receiptdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left")
            ),
            left_on="o_orderkey", right_on="l_orderkey")
        .group_by("l_shipmode")
        .agg(high_line_count=high.sum(), low_line_count=(~high).sum())
        .sort("l_shipmode")
    )


def q13(t, scale):
    return (
        t["customer"]
        .join(t["orders"].filter(~c("o_comment").str.contains("special.*requests")),
              left_on="c_custkey", right_on="o_custkey", how="left")
        .group_by("c_custkey")
        .agg(c_count=c("o_orderkey").count())
        .group_by("c_count")
        .agg(custdist=pl.len())
        .sort(["custdist", "c_count"], descending=[True, True])
    )


def q14(t, scale):
    return (
        t["lineitem"].filter(c("l_shipdate").is_between(date(1995, 9, 1), date(1995, 10, 1), closed="left"))
        .join(t["part"], left_on="l_partkey", right_on="p_partkey")
        .select(promo_revenue=100.0 * pl.when(c("p_type").str.starts_with("PROMO")).then(rev()).otherwise(0).sum()
                / rev().sum())
    )


def q15(t, scale):
    revenue = (
        t["lineitem"].filter(c("l_shipdate").is_between(date(1996, 1, 1), date(1996, 4, 1), closed="left"))
        .group_by("l_suppkey")
        .agg(total_revenue=rev().sum())
    )
    return (
        t["supplier"].join(revenue, left_on="s_suppkey", right_on="l_suppkey")
        .filter(c("total_revenue") == c("total_revenue").max())
        .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
        .sort("s_suppkey")
    )


def q16(t, scale):
    complaints = t["supplier"].filter(c("s_comment").str.contains("Customer.*Complaints")).select("s_suppkey")
    return (
        t["part"].filter(
            (c("p_brand") != "Brand#45")
            & ~c("p_type").str.starts_with("MEDIUM POLISHED")
            & c("p_size").is_in([49, 14, 23, 45, 19, 3, 36, 9])
        )
        .join(t["partsupp"], left_on="p_partkey", right_on="ps_partkey")
        .join(complaints, left_on="ps_suppkey", right_on="s_suppkey", how="anti")
        .group_by("p_brand", "p_type", "p_size")
        .agg(supplier_cnt=c("ps_suppkey").n_unique())
        .sort(["supplier_cnt", "p_brand", "p_type", "p_size"], descending=[True, False, False, False])
    )


def q17(t, scale):
    return (
        t["part"].filter((c("p_brand") == "Brand#23") & (c("p_container") == "MED BOX"))
        .join(t["lineitem"], left_on="p_partkey", right_on="l_partkey")
        .filter(c("l_quantity") < 0.2 * c("l_quantity").mean().over("p_partkey"))
        .select(avg_yearly=c("l_extendedprice").sum() / 7.0)
    )


def q18(t, scale):
    big = t["lineitem"].group_by("l_orderkey").agg(sum_qty=c("l_quantity").sum()).filter(c("sum_qty") > 300)
    return (
        t["orders"].join(big, left_on="o_orderkey", right_on="l_orderkey")
        .join(t["customer"], left_on="o_custkey", right_on="c_custkey")
        .sort(["o_totalprice", "o_orderdate"], descending=[True, False])
        .head(100)
        .select("c_name", c("o_custkey").alias("c_custkey"), "o_orderkey", "o_orderdate", "o_totalprice", "sum_qty")
    )


def q19(t, scale):
    def case(brand, containers, lo, size):
        return ((c("p_brand") == brand) & c("p_container").is_in(containers)
                & c("l_quantity").is_between(lo, lo + 10) & c("p_size").is_between(1, size))

    return (
        t["lineitem"].filter(c("l_shipmode").is_in(["AIR", "AIR REG"]) & (c("l_shipinstruct") == "DELIVER IN PERSON"))
        .join(t["part"], left_on="l_partkey", right_on="p_partkey")
        .filter(case("Brand#12", ["SM CASE", "SM BOX", "SM PACK", "SM PKG"], 1, 5)
                | case("Brand#23", ["MED BAG", "MED BOX", "MED PKG", "MED PACK"], 10, 10)
                | case("Brand#34", ["LG CASE", "LG BOX", "LG PACK", "LG PKG"], 20, 15))
        .select(revenue=rev().sum())
    )


def q20(t, scale):
    shipped = (
        t["lineitem"].filter(c("l_shipdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left"))
        .group_by("l_partkey", "l_suppkey")
        .agg(sum_quantity=c("l_quantity").sum())
    )
    forest = t["part"].filter(c("p_name").str.starts_with("forest")).select("p_partkey")
    suppliers = (
        t["partsupp"].join(forest, left_on="ps_partkey", right_on="p_partkey", how="semi")
        .join(shipped, left_on=["ps_partkey", "ps_suppkey"], right_on=["l_partkey", "l_suppkey"])
        .filter(c("ps_availqty") > 0.5 * c("sum_quantity"))
        .select("ps_suppkey")
    )
    return (
        t["supplier"].join(t["nation"].filter(c("n_name") == "CANADA"), left_on="s_nationkey", right_on="n_nationkey")
        .join(suppliers, left_on="s_suppkey", right_on="ps_suppkey", how="semi")
        .select("s_name", "s_address")
        .sort("s_name")
    )


def q21(t, scale):
    li = t["lineitem"].select("l_orderkey", "l_suppkey", "l_receiptdate", "l_commitdate")
    late = li.filter(c("l_receiptdate") > c("l_commitdate"))
    multi = li.group_by("l_orderkey").agg(n_supp=c("l_suppkey").n_unique()).filter(c("n_supp") > 1)
    only_late = late.group_by("l_orderkey").agg(n_late=c("l_suppkey").n_unique()).filter(c("n_late") == 1)
    return (
        late.join(multi, on="l_orderkey", how="semi")
        .join(only_late, on="l_orderkey", how="semi")
        .join(t["supplier"], left_on="l_suppkey", right_on="s_suppkey")
        .join(t["nation"].filter(c("n_name") == "SAUDI ARABIA"), left_on="s_nationkey", right_on="n_nationkey")
        .join(t["orders"].filter(c("o_orderstatus") == "F"), left_on="l_orderkey", right_on="o_orderkey")
        .group_by("s_name")
        .agg(numwait=pl.len())
        .sort(["numwait", "s_name"], descending=[True, False])
        .head(100)
    )


def q22(t, scale):
    codes = ["13", "31", "23", "29", "30", "18", "17"]
    cu = t["customer"].with_columns(cntrycode=c("c_phone").str.slice(0, 2)).filter(c("cntrycode").is_in(codes))
    average = cu.filter(c("c_acctbal") > 0.0).select(avg=c("c_acctbal").mean())
    return (
        cu.join(average, how="cross")
        .filter(c("c_acctbal") > c("avg"))
        .join(t["orders"], left_on="c_custkey", right_on="o_custkey", how="anti")
        .group_by("cntrycode")
        .agg(numcust=pl.len(), totacctbal=c("c_acctbal").sum())
        .sort("cntrycode")
    )


QUERIES = {n: globals()[f"q{n}"] for n in range(1, 23)}
