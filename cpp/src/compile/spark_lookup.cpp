/// Spark's forms of DuckDB's list_position and list_extract over a long list of literals: a
/// categorical's encoding (a value's position among the categories) and decoding (the category
/// at a code). Spark evaluates `array(...)` anew for every row where it interprets a projection
/// (over rows read from pandas, ConvertToLocalRelation does), and searches an array item by
/// item: 100,000 categories of 100,000 rows did not finish in minutes. Here a long list becomes
/// a search tree of CASEs over its sorted values (positions) whose leaves are arrays of at most
/// kLeaf items, so a row builds and searches one leaf; DuckDB's SQL is unchanged.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "spark_forms.hpp"

namespace cormorant::compile {

namespace {

using Args = std::vector<SqlExprPtr>;

/// Lists of at most this many items stay one array; the leaves of a tree hold at most this many.
constexpr size_t kLeaf = 64;

SqlExprPtr bigint(int64_t v) { return sql_literal(Value(v), DType::Int64); }
SqlExprPtr as_int(SqlExprPtr x) { return sql_cast(std::move(x), DType::integer(32, false)); }

/// Whether `list` is a list literal of more than kLeaf literals all holding T.
template <typename T>
bool long_literal_list_of(const SqlExpr& list) {
  if (list.kind != SqlExpr::Kind::List || list.args.size() <= kLeaf) return false;
  return std::all_of(list.args.begin(), list.args.end(),
                     [](const SqlExprPtr& a) { return a->kind == SqlExpr::Kind::Literal && a->value.holds<T>(); });
}

/// The list's items in the order Spark's `<` puts them (text by its UTF-8 bytes, as std::string
/// compares; numbers by value), as positions into the list.
template <typename T>
std::vector<size_t> sorted_positions(const SqlExpr& list) {
  std::vector<size_t> order(list.args.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return list.args[a]->value.template get<T>() < list.args[b]->value.template get<T>();
  });
  return order;
}

/// `x`'s 1-based position in `list` (NULL where no item equals it), searching the items
/// sorted[lo, hi) (positions into `list`).
SqlExprPtr position_tree(const SqlExpr& list, const std::vector<size_t>& sorted, size_t lo, size_t hi,
                         const SqlExprPtr& x) {
  if (hi - lo <= kLeaf) {
    Args values, positions;
    for (size_t i = lo; i < hi; ++i) {
      values.push_back(list.args[sorted[i]]);
      positions.push_back(bigint(static_cast<int64_t>(sorted[i]) + 1));
    }
    // (try_element_at: Spark's element_at of a NULL index gives an item or 0, not NULL)
    auto at = sql_function("nullif", {sql_function("array_position", {sql_list(std::move(values)), x}), bigint(0)});
    return sql_function("try_element_at", {sql_list(std::move(positions)), as_int(at)});
  }
  size_t mid = lo + (hi - lo) / 2;
  return sql_case({{sql_infix("<", x, list.args[sorted[mid]]), position_tree(list, sorted, lo, mid, x)}},
                  position_tree(list, sorted, mid, hi, x));
}

/// The item of `list` at the 1-based position `i` (1 <= i <= its length), searching
/// positions (lo, hi].
SqlExprPtr item_tree(const SqlExpr& list, size_t lo, size_t hi, const SqlExprPtr& i) {
  if (hi - lo <= kLeaf) {
    Args items(list.args.begin() + static_cast<std::ptrdiff_t>(lo), list.args.begin() + static_cast<std::ptrdiff_t>(hi));
    auto at = lo == 0 ? i : sql_infix("-", i, bigint(static_cast<int64_t>(lo)));
    return sql_function("try_element_at", {sql_list(std::move(items)), as_int(at)});
  }
  size_t mid = lo + (hi - lo) / 2;
  return sql_case({{sql_infix("<=", i, bigint(static_cast<int64_t>(mid))), item_tree(list, lo, mid, i)}},
                  item_tree(list, mid, hi, i));
}

}  // namespace

SqlExprPtr spark_list_position(const Args& a) {
  const SqlExpr& list = *a.at(0);
  auto tree = [&](auto sorted) {
    return sql_let(a.at(1), "cormorant_key", [&](const SqlExprPtr& x) { return position_tree(list, sorted, 0, sorted.size(), x); });
  };
  if (long_literal_list_of<std::string>(list)) return tree(sorted_positions<std::string>(list));
  if (long_literal_list_of<int64_t>(list)) return tree(sorted_positions<int64_t>(list));
  if (long_literal_list_of<double>(list)) return tree(sorted_positions<double>(list));
  // (Spark's 0 where no item equals the value: NULL, as DuckDB's)
  return sql_function("nullif", {sql_function("array_position", a), bigint(0)});
}

SqlExprPtr spark_list_extract(const Args& a) {
  const SqlExpr& list = *a.at(0);
  if (list.kind == SqlExpr::Kind::List && list.args.size() > kLeaf) {
    auto n = bigint(static_cast<int64_t>(list.args.size()));
    // (1-based, from the end when negative, as DuckDB's; NULL out of range and at 0)
    return sql_let(a.at(1), "cormorant_key", [&](const SqlExprPtr& i) {
      auto from_start = sql_case({{sql_infix("<", i, bigint(0)), sql_infix("+", i, sql_infix("+", n, bigint(1)))}}, i);
      return sql_let(from_start, "cormorant_at", [&](const SqlExprPtr& at) {
        auto inside = sql_infix("AND", sql_infix(">=", at, bigint(1)), sql_infix("<=", at, n));
        return sql_case({{inside, item_tree(list, 0, list.args.size(), at)}}, nullptr);
      });
    });
  }
  // (1-based, from the end when negative, NULL out of range; Spark's element_at of position 0
  // fails, DuckDB's list_extract gives NULL)
  auto at = sql_function("try_element_at", {a[0], as_int(a[1])});
  return sql_case({{sql_infix("<>", a[1], bigint(0)), at}}, nullptr);
}

}  // namespace cormorant::compile
