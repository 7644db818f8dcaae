// The golden SQL cases: each builds a plan through the public C++ API over a fixture file;
// golden_sql_test.cpp compares its SQL (DuckDB's and Spark's) with cpp/tests/golden.
#include "golden_cases.hpp"

#include <cmath>
#include <optional>

namespace cormorant_golden {

using cormorant::AggFunc;
using cormorant::DType;
using cormorant::NA;
using cormorant::Series;
using cormorant::Value;
using cormorant_test::floordiv;
using cormorant_test::power;

namespace {

/// What a groupby over the fixture must compile to without any window or join: the default
/// index is never observed, and group order comes from the source's own row positions. (A
/// function: golden_cases() runs while golden_sql_test.cpp's statics are made, maybe before
/// this file's.)
std::vector<std::string> no_window_no_join() { return {"OVER (", "JOIN"}; }

}  // namespace

/// A filter, then a sorted groupby with several aggregations: the same plan over each source.
DataFrame filter_then_groupby(const DataFrame& df) {
  DataFrame f = df[df["id"] > 1];
  return f.groupby({"flag"}).agg({{"total", "x", AggFunc::Sum},
                                  {"avg", "y", AggFunc::Mean},
                                  {"n", "z", AggFunc::Count},
                                  {"hi", "name", AggFunc::Max}});
}

/// Unsorted groups (order of first appearance), <NA> keys kept, and the order-dependent
/// first/last.
DataFrame groupby_unsorted_first_last(const DataFrame& df) {
  return df[df["x"] != 10]
      .groupby({"flag", "name"}, /*as_index=*/true, /*dropna=*/false, /*sort=*/false)
      .agg({{"first", "y", AggFunc::First}, {"last", "z", AggFunc::Last}, {"u", "x", AggFunc::NUnique}});
}

namespace {

/// The fixture's Parquet rows merged with its CSV rows on "id" (two sources of one session).
DataFrame merged(const Fixture& f) {
  DataFrame right = f.df()[{"id", "name"}].rename({{"name", "label"}});
  return f.df("fixture.parquet").merge(right, {.on = {"id"}});
}

}  // namespace

const std::vector<GoldenCase>& golden_cases() {
  static const std::vector<GoldenCase> cases = {
      // ---- sources and column selection
      {"read_plain", [](const DataFrame& df) { return df; }},
      {"projection", [](const DataFrame& df) { return df[{"name", "x"}]; }},
      // ---- one filter per comparison operator
      {"filter_eq", [](const DataFrame& df) { return df[df["x"] == 10]; }},
      {"filter_ne", [](const DataFrame& df) { return df[df["name"] != "beta"]; }},
      {"filter_lt", [](const DataFrame& df) { return df[df["y"] < 1.5]; }},
      {"filter_le", [](const DataFrame& df) { return df[df["x"] <= df["id"]]; }},
      {"filter_gt", [](const DataFrame& df) { return df[df["x"] > 0]; }},
      {"filter_ge", [](const DataFrame& df) { return df[df["y"] >= -1]; }},
      // ---- Kleene logic
      {"filter_and_or_not",
       [](const DataFrame& df) { return df[((df["x"] > 0) & df["flag"]) | ~(df["y"] < 0)]; }},
      // isin of listed values in a filter: x IN (...), which the engine pushes into the scan
      // (a missing x gives NULL, dropped as isin's False; with a missing value listed, kept);
      // under ~ the value form stays (a missing x is kept)
      {.name = "filter_isin_values",
       .build =
           [](const DataFrame& df) {
             return df[df["name"].isin({Value("alpha"), Value("it's")}) &
                       (df["x"].isin({Value(int64_t{10}), Value(int64_t{0}), NA}, true) | ~df["id"].isin({Value(int64_t{1})}))];
           },
       .source = "fixture.parquet",
       .counts = {{" IN (", 2}, {"list_contains", 0}}},
      // a filter on a reduction of the same merge (TPC-H Q11): one statement, the reduction a
      // scalar subquery of the merge computed once
      {.name = "scalar_filter_sum_of_merge",
       .build_sources =
           [](const Fixture& f) {
             DataFrame j = merged(f);
             auto threshold = j["y"].reduction(AggFunc::Sum).binary(cormorant::plan::BinaryOp::Mul, Value(0.25));
             DataFrame g = j.groupby({"flag"}, /*as_index=*/false).agg({{"value", "y", AggFunc::Sum}});
             return g[g["value"].binary(cormorant::plan::BinaryOp::Gt, threshold)];
           },
       .counts = {{"(SELECT ", 1}, {"JOIN", 1}}},
      // the rows of a grouped result equal to its maximum (TPC-H Q15)
      {.name = "scalar_filter_max_of_groups",
       .build =
           [](const DataFrame& df) {
             DataFrame g = df.groupby({"flag"}, /*as_index=*/false).agg({{"total", "x", AggFunc::Sum}});
             return g[g["total"].binary(cormorant::plan::BinaryOp::Eq, g["total"].reduction(AggFunc::Max))];
           },
       .source = "fixture.parquet",
       .counts = {{"(SELECT ", 1}, {"GROUP BY", 1}}},
      // a sort of a groupby's result by a value (TPC-H Q3, Q16): ties keep the group keys'
      // order, keys the ORDER BY has once (the index numbers the groups in key order)
      {.name = "groupby_sorted_by_value",
       .build =
           [](const DataFrame& df) {
             DataFrame g = df.groupby({"flag", "name"}, /*as_index=*/false).agg({{"total", "x", AggFunc::Sum}});
             return g.sort_values({"total", "flag"}, {false, true});
           },
       .source = "fixture.parquet",
       .counts = {{"row_number() OVER", 1}}},
      {"logical_xor", [](const DataFrame& df) { return df.assign("v", (df["x"] > 0) ^ df["flag"]); }},
      // ---- arithmetic, with pandas' sign rules for // and %
      {"arith_basic",
       [](const DataFrame& df) {
         return df[{"id", "x", "y"}]
             .assign("add", df["x"] + df["id"])
             .assign("sub", df["x"] - 1)
             .assign("mul", df["y"] * 2.5)
             .assign("div", df["x"] / df["id"])
             .assign("rsub", 100 - df["x"])
             .assign("neg", -df["x"])
             .assign("abs", df["y"].abs());
       }},
      {"arith_floordiv_mod",
       [](const DataFrame& df) {
         return df[{"x", "y"}]
             .assign("ifloordiv", floordiv(df["x"], 3))
             .assign("imod", df["x"] % -3)
             .assign("ffloordiv", floordiv(df["y"], 0.5))
             .assign("fmod", df["y"] % 0.5)
             .assign("sfloordiv", floordiv(df["x"], df["id"]));
       }},
      // Chained operations whose SQL repeats an operand: each large repeated operand is
      // computed once in a projection below (compile/shared_sql.cpp), so the SQL stays linear.
      {"arith_floordiv_chain",
       [](const DataFrame& df) {
         Series f = df["y"], i = df["x"];
         for (int k = 0; k < 3; ++k) {
           f = floordiv(f, df["z"]);
           i = floordiv(i, df["id"]);
         }
         return df[{"x", "y"}].assign("fchain", f).assign("ichain", i);
       }},
      {"filter_floordiv_chain",
       [](const DataFrame& df) { return df[floordiv(floordiv(df["y"], df["z"]), df["z"]) > 0.0]; }},
      {"arith_pow",
       [](const DataFrame& df) {
         return df[{"x", "y"}]
             .assign("ipow", power(df["x"], 2))
             .assign("fpow", power(df["y"], 0.5))
             .assign("mixed", power(df["x"], df["y"]));
       }},
      {"string_concat", [](const DataFrame& df) { return df.assign("label", df["name"] + "-" + df["name"]); }},
      // ---- astype, each kind of conversion
      {"astype_int_to_float_and_string",
       [](const DataFrame& df) { return df.astype({{"x", DType::Float64}, {"id", DType::String}}); }},
      {"astype_float_to_int", [](const DataFrame& df) { return df.astype({{"z", DType::Int64}}); }},
      {"astype_bool_to_string", [](const DataFrame& df) { return df.astype({{"flag", DType::String}}); }},
      {"astype_bool_and_int",
       [](const DataFrame& df) { return df.astype({{"flag", DType::Int64}, {"x", DType::Boolean}}); }},
      {"astype_from_string",
       [](const DataFrame& df) {
         auto text = df.astype({{"x", DType::String}, {"y", DType::String}});
         return text.astype({{"x", DType::Int64}, {"y", DType::Float64}, {"name", DType::String}});
       }},
      {"astype_all", [](const DataFrame& df) { return df[{"id", "x"}].astype(DType::Float64); }},
      // ---- column labels and row limits
      {"rename", [](const DataFrame& df) { return df.rename({{"x", "ex"}, {"name", "label"}, {"absent", "no"}}); }},
      {"drop", [](const DataFrame& df) { return df.drop({"y", "flag"}); }},
      {"head", [](const DataFrame& df) { return df.head(2); }},
      {"head_negative", [](const DataFrame& df) { return df.head(-1); }},
      // ---- assign and rebasing through projections
      {"assign_new", [](const DataFrame& df) { return df.assign("w", df["x"] * 2); }},
      {"assign_replace", [](const DataFrame& df) { return df.assign("x", df["x"] + 1); }},
      {"assign_scalar", [](const DataFrame& df) { return df[{"id"}].assign("k", 7); }},
      {"filter_then_assign",
       [](const DataFrame& df) {
         DataFrame f = df[df["x"] > 0];
         return f.assign("w", f["y"] * 2.0);
       }},
      {"mask_from_projection",
       [](const DataFrame& df) {
         DataFrame sub = df[{"x", "y"}];
         return df[sub["x"] > 0];
       }},
      {"mask_from_computed_projection",
       [](const DataFrame& df) {
         DataFrame derived = df.assign("w", df["x"] * 2)[{"w", "name"}];
         return df[derived["w"] > 0];
       }},
      {"projection_filtered_by_parent",
       [](const DataFrame& df) {
         DataFrame sub = df[{"x", "y"}];
         return sub[df["flag"]].head(3);
       }},
      {"series_unnamed", [](const DataFrame& df) { return (df["x"] + df["id"]).to_frame(); }},
      // ---- literals of each type, <NA> of each dtype, special floats
      {"literals_scalar",
       [](const DataFrame& df) {
         return df[{"id"}]
             .assign("k_int", -42)
             .assign("k_float", 0.1)
             .assign("k_str", "plain")
             .assign("k_true", true)
             .assign("k_false", false);
       }},
      {"literals_na",
       [](const DataFrame& df) {
         return df[{"id"}]
             .assign("int_na", df["x"] + NA)
             .assign("float_na", df["y"] * NA)
             .assign("str_na", df["name"] + NA)
             .assign("bool_na", df["flag"] & NA)
             .assign("cmp_na", df["x"] == NA);
       }},
      {"literals_float_special",
       [](const DataFrame& df) {
         return df[{"y"}]
             .assign("big", df["y"] + 1e20)
             .assign("tiny", df["y"] + 1e-300)
             .assign("nan", df["y"] + std::nan(""))
             .assign("below_inf", df["y"] < HUGE_VAL)
             .assign("above_minus_inf", df["y"] > -HUGE_VAL);
       }},
      // ---- quoting
      {"quoting_identifier",
       [](const DataFrame& df) {
         // Source columns named `say "hi"` and `it's`, and labels renamed to such names.
         DataFrame r = df[df["say \"hi\""] > 0].rename({{"plain", "new \"label\""}});
         return r[{"it's", "new \"label\"", "say \"hi\""}];
       },
       "", "quoted.csv"},
      {"quoting_string_literal",
       [](const DataFrame& df) {
         DataFrame f = df[df["name"] == "it's"];
         return f.assign("q", f["name"] + "'\"'");
       }},
      // backslashes and quotes in text: DuckDB takes a backslash as itself, Spark escapes with it
      // (its golden runs on Spark in tests/spark/test_golden.py: the same values come back)
      {"quoting_backslash_literal",
       [](const DataFrame& df) {
         DataFrame f = df[df["name"] != "a\\'b"];
         return f[{"id", "name"}].assign("q", f["name"] + "\\n\\'\\\\").assign("r", std::string("C:\\x\\"));
       }},
      // ---- window operations (api/window.cpp): one WindowNode, frames over the row order
      {.name = "window_cumsum_rolling_sorted",
       .build =
           [](const DataFrame& df) {
             DataFrame sorted = df.sort_values({"y"}, {false});
             DataFrame out = sorted.window({.op = "cumsum"}, {"x"});
             return out.assign("r", sorted["y"].window({.op = "rolling", .periods = 2, .agg = AggFunc::Mean}));
           },
       .require = {"ROWS BETWEEN 1 PRECEDING AND CURRENT ROW"}},
      // float sums and std over a window (Spark: its sum and var_pop over the same window)
      {.name = "window_groupby_float_transforms",
       .build =
           [](const DataFrame& df) {
             cormorant::GroupBy g = df.groupby({"flag"});
             return df[{"y"}]
                 .assign("s", g.window({.op = "transform", .agg = AggFunc::Sum}, {"y"})["y"])
                 .assign("d", g.window({.op = "transform", .agg = AggFunc::Std}, {"z"})["z"])
                 .assign("n", g.window({.op = "transform", .agg = AggFunc::NUnique}, {"x"})["x"]);
           }},
      {.name = "window_groupby_rank_shift",
       .build =
           [](const DataFrame& df) {
             cormorant::GroupBy g = df.groupby({"flag"});
             return g.window({.op = "rank", .method = cormorant::plan::RankMethod::Max}, {"x"})
                 .assign("s", g.window({.op = "shift"}, {"y"})["y"]);
           }},
      // ---- groupby (no window, no join: positions come from the source)
      {.name = "groupby_filter_csv", .build = filter_then_groupby, .forbid = no_window_no_join()},
      {.name = "groupby_filter_parquet", .build = filter_then_groupby, .source = "fixture.parquet",
       .forbid = no_window_no_join()},
      {.name = "groupby_unsorted_first_last_csv", .build = groupby_unsorted_first_last, .forbid = no_window_no_join()},
      {.name = "groupby_unsorted_first_last_parquet", .build = groupby_unsorted_first_last,
       .source = "fixture.parquet", .forbid = no_window_no_join()},
      // first/last after a sort: ordered by the sort key and the row position (Spark: min_by /
      // max_by of a struct of both, missing keys placed as in each direction)
      {.name = "groupby_sorted_first_last",
       .build =
           [](const DataFrame& df) {
             return df.sort_values({"y"}, {true})
                 .groupby({"flag"}, true, false, false)
                 .agg({{"first", "name", AggFunc::First}, {"last", "z", AggFunc::Last}});
           }},
      {.name = "groupby_sorted_desc_first_last",
       .build =
           [](const DataFrame& df) {
             return df.sort_values({"z"}, {false})
                 .groupby({"flag"}, true, false, false)
                 .agg({{"first", "name", AggFunc::First}, {"last", "x", AggFunc::Last}});
           }},
      // without a filter, the source's positions order the groups
      {.name = "groupby_parquet",
       .build =
           [](const DataFrame& df) {
             return df.groupby({"name"}, true, true, false)
                 .agg({{"first", "y", AggFunc::First}, {"total", "x", AggFunc::Sum}});
           },
       .source = "fixture.parquet",
       .forbid = no_window_no_join()},
      {.name = "groupby_size",
       .build = [](const DataFrame& df) { return df.groupby({"flag"}, true, false).size(); },
       .forbid = no_window_no_join()},
      // keys as columns: the result's new default index (0, 1, ...) over the groups is a window
      {.name = "groupby_as_index_false",
       .build =
           [](const DataFrame& df) {
             return df.groupby({"flag"}, false, false, false).agg({{"m", "y", AggFunc::Median}});
           },
       .forbid = {"JOIN"}},
      // ---- index semantics
      {.name = "filter_parquet",
       .build = [](const DataFrame& df) { return df[df["x"] > 0][{"id", "name"}]; },
       .source = "fixture.parquet",
       .forbid = no_window_no_join()},
      {.name = "align_same_source",
       .build =
           [](const DataFrame& df) {
             Series a = df["x"];
             return (a[a > -5] + a[a < 5]).to_frame();
           },
       .forbid = {"JOIN"}},
      {.name = "align_different_sources",
       .build_sources =
           [](const Fixture& f) {
             DataFrame csv = f.df();
             DataFrame parquet = f.df("fixture.parquet");
             return (csv["x"] + parquet["x"]).to_frame();
           },
       .require = {"JOIN"}},
      // ---- DataFrame arithmetic: columns aligned by label, rows of one source without a join,
      // fill_value filling one side; two sources: one join for every column
      {.name = "frame_add_fill",
       .build =
           [](const DataFrame& df) {
             cormorant::BinaryOptions o;
             o.fill_value = Value(int64_t{0});
             return df[{"x", "y"}].binary(cormorant::plan::BinaryOp::Add, df[df["id"] > 1][{"y", "z"}], o);
           },
       .forbid = {"JOIN"}},
      {.name = "frame_sub_different_sources",
       .build_sources =
           [](const Fixture& f) {
             DataFrame csv = f.df();
             DataFrame parquet = f.df("fixture.parquet");
             return csv[{"x", "y"}].binary(cormorant::plan::BinaryOp::Sub, parquet[{"x", "y"}]);
           },
       .require = {"JOIN"}},
      {.name = "sort_values",
       .build = [](const DataFrame& df) { return df.sort_values({"flag", "y"}, {true, false}, false); },
       .forbid = {"JOIN"}},
      {.name = "tail", .build = [](const DataFrame& df) { return df.tail(2); }, .forbid = {"JOIN"}},
      {.name = "iloc_step",
       .build = [](const DataFrame& df) { return df.iloc(1, std::nullopt, 2); },
       .forbid = {"JOIN"}},
      // the new default index numbers the rows in the order they come: no window (issue 12)
      {.name = "reset_index",
       .build = [](const DataFrame& df) { return df[df["x"] >= 0].reset_index(); },
       .forbid = {"JOIN", "OVER ("}},
      {.name = "set_index", .build = [](const DataFrame& df) { return df.set_index({"name"}); },
       .forbid = no_window_no_join()},
      // ---- order and the default index only where observed (issue 12)
      // merge -> groupby -> sort_values -> head: the groupby re-orders, the sort and the limit use
      // its keys: no window, and neither source's row positions are read
      // float sum, mean (the exact sum / count), std and var: the engine's exact aggregates (an Int64 var through a cast)
      {.name = "groupby_float_aggregates",
       .build =
           [](const DataFrame& df) {
             return df.groupby({"flag"}).agg({{"s", "y", AggFunc::Sum},
                                              {"m", "y", AggFunc::Mean},
                                              {"sd", "y", AggFunc::Std},
                                              {"v", "x", AggFunc::Var},
                                              {"xs", "x", AggFunc::Sum}});
           },
       .forbid = {"avg(", "stddev_samp(", "var_samp("},
       .require = {"cormorant_sum_exact(", "/ CAST(count(", "cormorant_std_exact(", "cormorant_var_exact(CAST("}},
      {.name = "groupby_reduce_options",  // pandas' min_count, skipna=False and ddof
       .build =
           [](const DataFrame& df) {
             return df.groupby({"name"}).agg({{"s", "y", AggFunc::Sum, 0.5, std::nullopt, {true, 2, 1}},
                                              {"m", "x", AggFunc::Max, 0.5, std::nullopt, {false, 0, 1}},
                                              {"v", "y", AggFunc::Var, 0.5, std::nullopt, {true, 1, 0}},
                                              {"a", "flag", AggFunc::Any, 0.5, std::nullopt, {false, 0, 1}}});
           },
       .require = {"count(\"c", "< CAST(2 AS BIGINT)", "< count(*)", "cormorant_var_exact(\"", "CAST(0e+00 AS DOUBLE)"}},
      {.name = "merge_groupby_sort_head",
       .build_sources =
           [](const Fixture& f) {
             return merged(f)
                 .groupby({"flag"})
                 .agg({{"total", "x", AggFunc::Sum}, {"avg", "y", AggFunc::Mean}})
                 .sort_values({"total"}, {false})
                 .head(2);
           },
       .forbid = {"OVER (", "file_row_number", "\"rowid\""}},
      // a groupby's result sorted by its own keys (TPC-H Q1, Q4, Q7, Q12, Q22): the default index
      // numbers the groups in the order the result gives them, a RangeIndex: no window
      {.name = "groupby_sorted_by_keys",
       .build =
           [](const DataFrame& df) {
             DataFrame g = df.groupby({"flag", "name"}, /*as_index=*/false).agg({{"total", "x", AggFunc::Sum}});
             return g.sort_values({"flag", "name"}, {true});
           },
       .source = "fixture.parquet",
       .forbid = {"OVER ("},
       .counts = {{"ORDER BY", 1}}},
      // sort_values(ignore_index=True): a new default index in the sort's order: no window
      {.name = "sort_values_new_index",
       .build = [](const DataFrame& df) { return df.sort_values({"y"}, {false}).reset_index(true); },
       .source = "fixture.parquet",
       .forbid = {"OVER ("}},
      // the default index observed after it is made: a filter keeps the rows' labels (1, 3, ...),
      // a sort by a value keeps the groups' labels: both still number the rows
      {.name = "groupby_filtered_keeps_labels",
       .build =
           [](const DataFrame& df) {
             DataFrame g = df.groupby({"flag", "name"}, /*as_index=*/false).agg({{"total", "x", AggFunc::Sum}});
             return g[g["total"] > 0];
           },
       .source = "fixture.parquet",
       .counts = {{"row_number() OVER", 1}}},
      // merge -> head: the first rows by both sides' positions (a top-n); their default index is
      // their positions in the result, which the result leaves out: no numbering at all
      {.name = "merge_head",
       .build_sources = [](const Fixture& f) { return merged(f).head(2); },
       .counts = {{"OVER (", 0}, {"LIMIT", 1}, {"JOIN", 1}}},
      // a slice with an offset numbers its rows from the offset
      {.name = "merge_iloc_slice",
       .build_sources = [](const Fixture& f) { return merged(f).iloc(1, 3); },
       .in_order = {"LIMIT 2", "OFFSET 1", "row_number() OVER"},
       .counts = {{"OVER (", 1}, {"JOIN", 1}}},
      // join keys: `=` where one side is never missing (the Parquet id has no nulls in its
      // statistics; a comparison drops missing x), pandas' NULL-matches-NULL rule where both may be
      {.name = "merge_keys_never_missing",
       .build_sources = [](const Fixture& f) { return merged(f)[{"id", "label"}]; },
       .forbid = {"IS NOT DISTINCT FROM"},
       .require = {"ON (\"c"}},
      {.name = "merge_keys_maybe_missing",
       .build_sources =
           [](const Fixture& f) {
             DataFrame left = f.df("fixture.parquet"), right = f.df()[{"x", "name"}];
             DataFrame filtered = left[left["x"] > 0][{"x", "y"}];
             return left[{"x", "z"}].merge(right, {.on = {"x"}}).merge(filtered, {.on = {"x"}});
           },
       .counts = {{"IS NOT DISTINCT FROM", 1}, {"JOIN", 2}}},
      // a chain of inner merges is one FROM of its leaves (the engine orders them together),
      // a source joined twice under two aliases (and read twice, not kept in memory); the
      // merges in between need no CTE
      {.name = "merge_chain_one_from",
       .build_sources =
           [](const Fixture& f) {
             DataFrame p = f.df("fixture.parquet");
             DataFrame right = f.df()[{"id", "name"}].rename({{"name", "label"}});
             DataFrame again = p[{"id", "z"}].rename({{"z", "z2"}});
             return p.merge(right, {.on = {"id"}}).merge(again, {.on = {"id"}});
           },
       .require = {"AS \"j2\"", "AS NOT MATERIALIZED ("},
       .counts = {{"JOIN", 2}}},
      // a filter over a scan that two nodes read (TPC-H Q21's late lineitems, grouped and
      // merged back): computed again at each reference, as the scan is, not kept in memory
      {.name = "filtered_scan_read_twice",
       .build_sources =
           [](const Fixture& f) {
             DataFrame p = f.df("fixture.parquet")[{"id", "x", "y"}];
             DataFrame late = p[p["x"] > p["y"]];
             DataFrame counts = late.groupby({"id"}, /*as_index=*/false).agg({{"n", "x", AggFunc::Count}});
             return late.merge(counts, {.on = {"id"}});
           },
       .require = {"AS NOT MATERIALIZED ("}},
      // TPC-H Q1: sums and means of DECIMAL columns and of their +, -, * chains with exact
      // literals are summed in DECIMAL and cast to DOUBLE once; the scan casts nothing
      {.name = "decimal_sums_chain",
       .build =
           [](const DataFrame& df) {
             DataFrame li = df[df["day"] <= 5];
             li = li.assign("disc_price", li["price"] * (Value(int64_t{1}) - li["disc"]));
             li = li.assign("charge", li["disc_price"] * (Value(int64_t{1}) + li["tax"]));
             li = li.assign("weighted", li["price"] * li["day"]);  // (an Int64 column its statistics bound: Q11)
             return li.groupby({"flag"}).agg({{"sum_qty", "qty", AggFunc::Sum},
                                              {"weighted", "weighted", AggFunc::Sum},
                                              {"days", "day", AggFunc::Sum},
                                              {"sum_disc_price", "disc_price", AggFunc::Sum},
                                              {"sum_charge", "charge", AggFunc::Sum},
                                              {"avg_disc", "disc", AggFunc::Mean},
                                              {"n", "charge", AggFunc::Count}});
           },
       .source = "decimals.parquet",
       .forbid = {"cormorant_sum_exact", "AS DOUBLE) AS"},
       .counts = {{"CAST(CAST(sum(", 5}}},
      // TPC-H Q6: comparisons with literals of the column's DECIMAL type compare decimals (the
      // engine's Parquet scan filters); 0.055 has more digits than the column: compared as
      // doubles; a chain read as a value (the max) is computed in doubles, its sum too
      {.name = "decimal_filters_and_doubles",
       .build =
           [](const DataFrame& df) {
             DataFrame li = df[(df["disc"] >= 0.05) & (df["disc"] <= 0.07) & (df["qty"] < 24) & (df["tax"] != 0.055)];
             li = li.assign("revenue", li["price"] * li["disc"]);
             return li.groupby({"flag"}).agg({{"revenue", "revenue", AggFunc::Sum},
                                              {"top", "revenue", AggFunc::Max},
                                              {"price", "price", AggFunc::Sum}});
           },
       .source = "decimals.parquet",
       .require = {"\" >= CAST('0.05' AS DECIMAL(15,2)))", "\" < CAST('24' AS DECIMAL(15,2)))",
                   "AS DOUBLE) <> CAST(5.5e-02 AS DOUBLE))", "cormorant_sum_exact(\""}},
      // groupby's dropna tests no key the Parquet statistics show without missing values (id;
      // flag has some): the test would reach the scan and change the engine's join order
      {.name = "groupby_keys_never_missing",
       .build = [](const DataFrame& df) { return df.groupby({"id", "flag"}).agg({{"total", "x", AggFunc::Sum}}); },
       .source = "fixture.parquet",
       .require = {"(\"flag\" IS NOT NULL)"},
       .counts = {{"IS NOT NULL", 1}}},
      // a merge key kept twice by its side (as the key and as its column, TPC-H Q9's l_partkey)
      // is one column to the join tree: both joins that compare it name the same column, so the
      // engine sees the filtered side's keys equal the third side's and joins the filter first
      {.name = "merge_key_copies_one_column",
       .build_sources =
           [](const Fixture& f) {
             DataFrame keys = f.df("fixture.parquet")[{"id", "flag"}].rename({{"id", "k"}});
             DataFrame facts = f.df()[{"id", "x", "y"}];
             DataFrame third = f.df()[{"id", "x", "z"}].rename({{"id", "id2"}, {"x", "x2"}});
             return keys[keys["flag"] == Value(true)]
                 .merge(facts, {.left_on = {"k"}, .right_on = {"id"}})
                 .merge(third, {.left_on = {"id", "x"}, .right_on = {"id2", "x2"}});
           },
       .counts = {{"JOIN", 2}}},
      // a groupby-aggregate merged on its group key with a filtered side: the aggregate's input
      // is first reduced to that side's keys (a semi-join), its numbering is read by nothing
      {.name = "merge_aggregate_semijoin",
       .build_sources =
           [](const Fixture& f) {
             DataFrame dims = f.df("fixture.parquet")[{"id", "flag"}];
             DataFrame totals = f.df().groupby({"id"}, false).agg({{"total", "y", AggFunc::Sum}});
             return dims[dims["flag"] == Value(true)].merge(totals, {.on = {"id"}});
           },
       .counts = {{" IN (SELECT ", 1}, {"JOIN", 1}}},
      // the same inside the relation of an isin (TPC-H Q20: suppliers isin the merge's keys):
      // rewrite passes reach the plans expressions test membership in
      {.name = "merge_aggregate_semijoin_in_isin",
       .build_sources =
           [](const Fixture& f) {
             DataFrame dims = f.df("fixture.parquet")[{"id", "flag"}];
             DataFrame totals = f.df().groupby({"id"}, false).agg({{"total", "y", AggFunc::Sum}});
             DataFrame met = dims[dims["flag"] == Value(true)].merge(totals, {.on = {"id"}});
             DataFrame names = f.df()[{"id", "name"}];
             return names[names["id"].isin(met["id"])];
           },
       .counts = {{" IN (SELECT ", 2}, {"JOIN", 1}}},
      // a merge read twice (an aggregate of it merged back, as TPC-H Q17) is computed once: the
      // merge above reads it as a leaf, not joining its sources again
      {.name = "merge_shared_join_once",
       .build_sources =
           [](const Fixture& f) {
             DataFrame m = merged(f);
             DataFrame avg = m.groupby({"id"}, false).agg({{"avg_y", "y", AggFunc::Mean}});
             return m.merge(avg, {.on = {"id"}});
           },
       .counts = {{"JOIN", 2}}},
      // a merge whose right side is a chain of merges it joins only at the chain's end (TPC-H
      // Q2: part with region, nation, supplier and partsupp): the one join lists its sources
      // connected, each with its own keys (no ON true, a cross join the engine must undo);
      // read twice (a per-id minimum and the merge back to it), the join is computed once
      {.name = "merge_chain_right_connected",
       .build_sources =
           [](const Fixture& f) {
             DataFrame ids = f.df("fixture.parquet")[{"id", "x"}];
             DataFrame names = f.df()[{"name", "flag"}];
             DataFrame rows = f.df()[{"name", "id", "y"}].rename({{"name", "n2"}, {"id", "id2"}});
             DataFrame chain = names.merge(rows, {.left_on = {"name"}, .right_on = {"n2"}});
             DataFrame j = ids.merge(chain, {.left_on = {"id"}, .right_on = {"id2"}});
             DataFrame lowest = j.groupby({"id"}, false).agg({{"low", "y", AggFunc::Min}});
             return j.merge(lowest, {.on = {"id"}});
           },
       .forbid = {"ON true"},
       .require = {"AS MATERIALIZED ("},
       .in_order = {"AS \"j0\"", "AS \"j2\" ON", "AS \"j1\" ON"}},
      // a grouped result reduced eagerly to a scalar and then filtered by it (TPC-H Q15): the
      // statement after the reduction reads the session's kept table, not the file again
      {.name = "kept_grouped_result_after_max",
       .build_sources =
           [](const Fixture& f) {
             DataFrame totals = f.df("fixture.parquet").groupby({"id"}, false).agg({{"total", "y", AggFunc::Sum}});
             Value best = totals["total"].aggregate(AggFunc::Max);
             DataFrame names = f.df()[{"id", "name"}];
             return names.merge(totals[totals["total"] == best], {.on = {"id"}});
           },
       .forbid = {"fixture.parquet"},
       .require = {"FROM \"cormorant_<SESSION>_0\""}},
      // two Series of one table, filtered and sorted differently: aligned without a join or a window
      {.name = "align_same_table_series",
       .build =
           [](const DataFrame& df) {
             Series positive = df[df["x"] > 0]["y"];
             Series doubled = df.sort_values({"z"})["z"] * 2;
             return (positive + doubled).to_frame();
           },
       .forbid = no_window_no_join()},
      // two Series of one merge result: only the merge's join, and its default index once
      {.name = "align_merged_series",
       .build_sources =
           [](const Fixture& f) {
             DataFrame m = merged(f);
             return (m[m["x"] > 0]["y"] + m["z"]).to_frame();
           },
       .counts = {{"JOIN", 1}, {"OVER (", 1}}},
      {.name = "loc_label_list",
       .build = [](const DataFrame& df) { return df.set_index({"name"}).loc({Value("beta"), Value("alpha")}); }},
      // ---- isin of another source's column: a semi-join in the one query (issue 13)
      // a mask: x's rows with an IN subquery over the other source's CTE; no join, no window
      {.name = "isin_series_filter",
       .build_sources =
           [](const Fixture& f) {
             DataFrame left = f.df(), right = f.df("fixture.parquet");
             DataFrame keys = right[right["flag"] == Value(true)];
             return left[left["x"].isin(keys["x"])];
           },
       .forbid = {"JOIN", "OVER ("},
       .counts = {{" IN (SELECT ", 1}}},
      // ~isin and isin as filters: a row whose predicate is NULL is dropped, so no coalesce (the engine's
      // anti- and semi-joins); a missing x stays in the ~isin rows, as in pandas
      {.name = "isin_series_anti_filter",
       .build_sources =
           [](const Fixture& f) {
             DataFrame left = f.df(), right = f.df("fixture.parquet");
             return left[~left["x"].isin(right["x"]) & left["id"].isin(right["id"])];
           },
       .forbid = {"NOT EXISTS", "OVER (", "coalesce", "IS NOT NULL"},
       // ~isin is the engine's anti-join over a filter of the isin (not a mark join under an OR)
       .counts = {{" IN (SELECT ", 1}, {"ANTI JOIN", 1}, {" JOIN ", 1}}},
      // a filter of ~isin tests alone: the engine's anti-joins building on the relations (TPC-H Q16, Q22);
      // the first relation is a filter of the same source, holding x under the same name: the
      // input's columns are qualified
      {.name = "isin_series_anti_join",
       .build_sources =
           [](const Fixture& f) {
             DataFrame left = f.df(), right = f.df("fixture.parquet");
             DataFrame positive = left[left["y"] > 0];
             return left[~left["x"].isin(positive["x"]) & ~left["id"].isin(right["id"])];
           },
       .forbid = {"NOT EXISTS", "OVER ("},
       .counts = {{"ANTI JOIN", 2}}},
      // ~isin tests beside other conditions (an isin among them): the rest is a filter of its own
      // (a WHERE, the isin an IN subquery, which the engine plans as a semi-join), the ~isin the
      // engine's anti-join over it, not NOT EXISTS
      {.name = "isin_series_mixed_anti_join",
       .build_sources =
           [](const Fixture& f) {
             DataFrame left = f.df(), right = f.df("fixture.parquet");
             DataFrame positive = right[right["y"] > 0];
             return left[(left["y"] > 1) & ~left["x"].isin(positive["x"]) & left["id"].isin(right["id"]) &
                         (left["z"] < 100.0)];
           },
       .forbid = {"NOT EXISTS", "OVER ("},
       .counts = {{"ANTI JOIN", 1}, {" JOIN ", 1}, {" IN (SELECT ", 1}, {"WHERE", 2}}},
      // ~isin as a column: Int64 against Float64 values compares as doubles; string values hold
      // pandas' <NA> for a masked x, so a missing x is found when the values have one
      {.name = "isin_series_anti_mask",
       .build_sources =
           [](const Fixture& f) {
             DataFrame left = f.df(), right = f.df("fixture.parquet");
             DataFrame out = left.assign("not_in", ~left["x"].isin(right["y"]));
             return out.assign("name_in", left["id"].isin(right["name"]));
           },
       .forbid = {"JOIN", "OVER ("},
       .counts = {{" IN (SELECT ", 2}}},
      // ---- where engines part ways (issue 14): edges.parquet's zero divisors of both signs,
      // NaN, infinities, -0.0 and <NA>s through /, //, % (divmod is the two), int and float
      {.name = "edges_division_by_zero",
       .build =
           [](const DataFrame& df) {
             return df[{"i", "d", "f", "g"}]
                 .assign("i_div", df["i"] / df["d"])
                 .assign("i_floordiv", floordiv(df["i"], df["d"]))
                 .assign("i_mod", df["i"] % df["d"])
                 .assign("f_div", df["f"] / df["g"])
                 .assign("f_floordiv", floordiv(df["f"], df["g"]))
                 .assign("f_mod", df["f"] % df["g"])
                 .assign("f_by_int", floordiv(df["f"], df["d"]))
                 .assign("by_literal_zero", df["i"] / 0.0)
                 .assign("int_by_literal_zero", floordiv(df["i"], Value(int64_t{0})));
           },
       .source = "edges.parquet"},
      // NaN, infinities and -0.0 as operands of the float // and % (their signbit chain) and of
      // comparisons and sums with finite values
      {.name = "edges_special_floats",
       .build =
           [](const DataFrame& df) {
             return df[{"f", "g"}]
                 .assign("floordiv_half", floordiv(df["f"], 0.5))
                 .assign("mod_neg", df["f"] % -2.0)
                 .assign("by_f", floordiv(df["g"], df["f"]))
                 .assign("g_mod_f", df["g"] % df["f"])
                 .assign("sum", df["f"] + df["g"])
                 .assign("gt", df["f"] > df["g"])
                 .assign("neg", -df["f"]);
           },
       .source = "edges.parquet"},
      // round: half to even (numpy's rint) at 0, 1 and -1 decimals, and of a product
      {.name = "edges_round_half_even",
       .build =
           [](const DataFrame& df) {
             auto round = [](const Series& s, int64_t decimals) {
               return s.call("round", std::nullopt, {Value(decimals)});
             };
             return df[{"r"}]
                 .assign("r0", round(df["r"], 0))
                 .assign("r1", round(df["r"], 1))
                 .assign("r2", round(df["r"], 2))
                 .assign("r_neg1", round(df["r"] * 10.0, -1))
                 .assign("int_neg1", round(df["i"], -1));
           },
       .source = "edges.parquet"},
      // text past ASCII (case mappings, lengths, Unicode spaces), patterns with regex
      // metacharacters taken literally and as regexes, negative slices and steps
      {.name = "edges_strings",
       .build =
           [](const DataFrame& df) {
             Series s = df["s"];
             auto str = [&s](const std::string& method, std::vector<Value> params = {}) {
               return s.call("str_" + method, std::nullopt, params);
             };
             return df[{"s"}]
                 .assign("len", str("len"))
                 .assign("strip", str("strip", {NA}))
                 .assign("strip_chars", str("strip", {Value("x-")}))
                 .assign("rstrip", str("rstrip", {NA}))
                 .assign("contains_text", str("contains", {Value(".b*"), Value(true), Value(false), NA}))
                 .assign("contains_regex", str("contains", {Value("a.b"), Value(true), Value(true), NA}))
                 .assign("startswith", str("startswith", {NA, Value("a.")}))
                 .assign("replace_first", str("replace", {Value("(\\w)"), Value("<\\1>"), Value(true), Value(true), Value(int64_t{1})}))
                 .assign("replace_all", str("replace", {Value("-"), Value("+$"), Value(false), Value(true), Value(int64_t{-1})}))
                 .assign("tail", str("slice", {Value(int64_t{-3}), NA, NA}));
           },
       .source = "edges.parquet"},
      // a slice with a step picks characters by position (list_select: refused on Spark)
      {.name = "edges_slice_step",
       .build =
           [](const DataFrame& df) {
             return df[{"s"}].assign("reversed", df["s"].call("str_slice", std::nullopt, {NA, NA, Value(int64_t{-2})}));
           },
       .source = "edges.parquet"},
      // Python's case mappings (cormorant's own functions; on Spark its upper/lower, but Python's
      // mapping of the letters where Spark's differ: 'ƛ'.upper() is '꟝' there)
      {.name = "edges_case_mapping",
       .build =
           [](const DataFrame& df) {
             return df[{"s"}]
                 .assign("upper", df["s"].call("str_upper"))
                 .assign("lower", df["s"].call("str_lower"));
           },
       .source = "edges.parquet"},
      {.name = "edges_split",
       .build =
           [](const DataFrame& df) {
             return df[{"s"}]
                 .assign("parts", df["s"].call("str_split", std::nullopt, {Value("-"), Value(false), Value(int64_t{-1})}))
                 .assign("joined", df["s"].call("str_join", std::nullopt, {Value("|")}));
           },
       .source = "edges.parquet"},
      // dates: Monday-based weekdays, day names, month ends of a leap year, strftime patterns
      {.name = "edges_dates",
       .build =
           [](const DataFrame& df) {
             Series day = df["day"];
             Series ts = day.astype(DType::Timestamp);
             auto dt = [](const Series& x, const std::string& name, std::vector<Value> params = {}) {
               return x.call("dt_" + name, std::nullopt, params);
             };
             return df[{"day"}]
                 .assign("dayofweek", dt(day, "dayofweek"))
                 .assign("day_name", dt(day, "day_name"))
                 .assign("month_end", dt(day, "is_month_end"))
                 .assign("days_in_month", dt(day, "days_in_month"))
                 .assign("dayofyear", dt(day, "dayofyear"))
                 .assign("isoweek", dt(day, "isoweek"))
                 .assign("text", dt(ts, "strftime", {Value("%Y/%m/%d %A %j %% %H:%M")}))
                 .assign("microsecond", dt(ts, "microsecond"));
           },
       .source = "edges.parquet"},
      // groups with a <NA> key, all-<NA> values, one row: counts, first/last, min/max, sums
      {.name = "edges_groupby",
       .build =
           [](const DataFrame& df) {
             return df.groupby({"d"}, /*as_index=*/true, /*dropna=*/false)
                 .agg({{"n", "f", AggFunc::Count},
                       {"rows", "f", AggFunc::CountAll},
                       {"lo", "f", AggFunc::Min},
                       {"hi", "f", AggFunc::Max},
                       {"first", "s", AggFunc::First},
                       {"last", "s", AggFunc::Last},
                       {"total", "i", AggFunc::Sum}});
           },
       .source = "edges.parquet"},
  };
  return cases;
}

}  // namespace cormorant_golden
