#pragma once
/// Window functions: columns computed from each row's neighbours in the input's row order
/// (pandas' cumulative, shift, rank, rolling, expanding and groupby transform operations).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/plan/node.hpp"

namespace cormorant::plan {

/// What a WindowCall computes.
enum class WindowFunc {
  CumSum,     ///< running sum; <NA> at <NA> rows, the sum continues past them (pandas' skipna)
  CumProd,    ///< running product, same <NA> rule
  CumMin,     ///< running minimum, same <NA> rule
  CumMax,     ///< running maximum, same <NA> rule
  Shift,      ///< the value `periods` rows before (after, when negative); <NA> past the ends
  Rank,       ///< rank of the value (1-based) by `rank_method`; <NA> for <NA> (na_option='keep')
  CumCount,   ///< 0-based position of the row within its partition
  Rolling,    ///< `agg` over the last `periods` rows, when at least `min_periods` count
  Expanding,  ///< `agg` over all rows so far, when at least `min_periods` count
  Transform,  ///< `agg` over the whole partition, repeated on each of its rows
  FFill,      ///< the last value present so far (pandas' ffill); <NA> before the first
  BFill,      ///< the next value present from here on (pandas' bfill); <NA> after the last
  Ewm,        ///< `agg` (Mean, Sum, Std, Var) of the exponentially weighted rows so far (pandas' ewm)
  /// The number of rows of the partition whose `arg` (Int64, never decreasing along the rows)
  /// is at most the row's own minus `periods`: where a rolling window by a time offset starts.
  CountThrough,
};

/// Which ends of a rolling window hold rows (pandas' closed): the window's last `periods` rows
/// (Right, or the rows in (t - offset, t]), one more before them (Both), the `periods` rows
/// before the row (Left), or those but the first (Neither).
enum class WindowClosed { Right, Both, Left, Neither };

/// Which missing values ffill/bfill may fill (pandas' limit_area): any, only those with values
/// on both sides (inside), or only those before the first or after the last value (outside).
enum class FillArea { Any, Inside, Outside };

/// How ties rank (pandas' rank method).
enum class RankMethod { Average, Min, Max, First, Dense };
/// Where rank puts missing values (pandas' na_option): they stay missing, or rank first or last.
enum class RankNa { Keep, Top, Bottom };

/// One window column: its id, what it computes, of what, and within which partition.
struct WindowCall {
  std::string id;
  WindowFunc func;
  ExprPtr arg;                         ///< null for CumCount
  std::vector<std::string> partition;  ///< column ids; empty: all rows
  AggFunc agg = AggFunc::Sum;          ///< Rolling, Expanding, Transform
  int64_t periods = 1;                 ///< Shift: offset; Rolling: window size (>= 1)
  int64_t min_periods = 1;             ///< Rolling, Expanding: non-<NA> values needed (Count: rows)
  RankMethod rank_method = RankMethod::Average;
  RankNa na_option = RankNa::Keep;     ///< Rank: missing values missing, first or last (tied)
  bool pct = false;                    ///< Rank: as a fraction of the ranked values (Float64)
  bool center = false;                 ///< Rolling: the window centred on the row (pandas' center)
  bool ascending = true;               ///< Rank; CumCount (false: counted from the partition's end)
  int64_t limit = 0;                   ///< FFill, BFill: at most this many missing rows in a row (0: any)
  FillArea limit_area = FillArea::Any; ///< FFill, BFill
  std::optional<Value> fill_value;     ///< Shift: the value of rows shifted in past the ends (none: <NA>)
  double com = 1;                      ///< Ewm: the center of mass, >= 0 (alpha = 1 / (1 + com), as pandas)
  bool adjust = true;                  ///< Ewm: pandas' adjust (weights (1 - alpha)**i, or the recursion)
  bool ignore_na = false;              ///< Ewm: weights count present values only (else every row)
  int64_t ddof = 1;                    ///< Rolling, Expanding: Std and Var divide by n - ddof (<NA> where n <= ddof)
  WindowClosed closed = WindowClosed::Right;  ///< Rolling by `periods` rows
  /// Rolling by a time offset: ids of Int64 input columns holding, for each row, how many rows
  /// before it its window starts and ends (both >= 0; start < end: an empty window). When set,
  /// `periods`, `closed` and `center` do not apply.
  std::string start_column, end_column;
  /// Rolling by a time offset: the id of a column ordering the rows by time, then position
  /// (rolling_order_key), and the offset in microseconds in `periods` and `closed`: the same
  /// window as a RANGE of literal bounds, for an engine whose frame bounds are literals (Spark).
  std::string order_column;
};

/// The dtype of a window call's result; throws DTypeError when it does not apply.
DType window_type(const WindowCall& call);

/// Appends window columns to each input row, computed over the input's ordering (each row's
/// neighbours are the rows before and after it in that order); rows and order unchanged.
class WindowNode final : public Node {
 public:
  WindowNode(NodePtr input, std::vector<WindowCall> calls);
  const std::vector<WindowCall>& calls() const { return calls_; }

 private:
  std::vector<WindowCall> calls_;
};

/// Whether a window call's values depend on the input's row order. Ranks by value (every
/// method but First) and transforms of order-free aggregates do not, so they run in partial
/// ordering mode too; a float product does (its bits follow the order of the factors).
bool follows_order(const WindowCall& call);

}  // namespace cormorant::plan
