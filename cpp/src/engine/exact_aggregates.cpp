#include "exact_aggregates.hpp"

#include <cmath>
#include <exception>
#include <new>
#include <string>

#include "cormorant/common/error.hpp"
#include "cormorant/common/exact_sum.hpp"

namespace cormorant::engine_detail {

namespace {

template <typename State>
State& state(duckdb_aggregate_state s) {
  return *reinterpret_cast<State*>(s);
}

/// Whether `row` is present in a validity mask (the C API's layout, read inline: a call per row costs more than the sum).
bool present_row(const uint64_t* valid, idx_t row) { return !valid || ((valid[row >> 6] >> (row & 63)) & 1); }

template <typename State>
idx_t state_size(duckdb_function_info) {
  return sizeof(State);
}

template <typename State>
void init(duckdb_function_info, duckdb_aggregate_state s) {
  new (s) State();
}

template <typename State>
void destroy(duckdb_aggregate_state* states, idx_t count) {
  for (idx_t i = 0; i < count; ++i) state<State>(states[i]).~State();
}

/// One state per row (the engine passes the state of each row's group); missing rows are skipped.
template <typename State>
void update(duckdb_function_info info, duckdb_data_chunk input, duckdb_aggregate_state* states) {
  idx_t n = duckdb_data_chunk_get_size(input);
  duckdb_vector v = duckdb_data_chunk_get_vector(input, 0);
  const auto* x = static_cast<const double*>(duckdb_vector_get_data(v));
  uint64_t* valid = duckdb_vector_get_validity(v);
  try {
    if (!valid) {
      for (idx_t row = 0; row < n; ++row) state<State>(states[row]).add(x[row]);
    } else {
      for (idx_t row = 0; row < n; ++row) {
        if (present_row(valid, row)) state<State>(states[row]).add(x[row]);
      }
    }
  } catch (const std::exception& e) {  // (memory for a wide sum)
    duckdb_aggregate_function_set_error(info, e.what());
  }
}

/// Two arguments: rows where either is missing are skipped.
template <typename State>
void update_pairs(duckdb_function_info info, duckdb_data_chunk input, duckdb_aggregate_state* states) {
  idx_t n = duckdb_data_chunk_get_size(input);
  duckdb_vector vx = duckdb_data_chunk_get_vector(input, 0), vy = duckdb_data_chunk_get_vector(input, 1);
  const auto* x = static_cast<const double*>(duckdb_vector_get_data(vx));
  const auto* y = static_cast<const double*>(duckdb_vector_get_data(vy));
  uint64_t* valid_x = duckdb_vector_get_validity(vx);
  uint64_t* valid_y = duckdb_vector_get_validity(vy);
  try {
    for (idx_t row = 0; row < n; ++row) {
      if (present_row(valid_x, row) && present_row(valid_y, row)) {
        state<State>(states[row]).add(x[row], y[row]);
      }
    }
  } catch (const std::exception& e) {
    duckdb_aggregate_function_set_error(info, e.what());
  }
}

template <typename State>
void combine(duckdb_function_info info, duckdb_aggregate_state* source, duckdb_aggregate_state* target, idx_t count) {
  try {
    for (idx_t i = 0; i < count; ++i) state<State>(target[i]).merge(state<State>(source[i]));
  } catch (const std::exception& e) {
    duckdb_aggregate_function_set_error(info, e.what());
  }
}

/// Writes `result(state)` for each state, or NULL where `present(state)` is false.
template <typename State, bool (*present)(const State&), double (*result)(const State&)>
void finalize(duckdb_function_info info, duckdb_aggregate_state* source, duckdb_vector out, idx_t count,
              idx_t offset) {
  auto* data = static_cast<double*>(duckdb_vector_get_data(out));
  try {
    for (idx_t i = 0; i < count; ++i) {
      const State& s = state<State>(source[i]);
      if (present(s)) {
        data[offset + i] = result(s);
      } else {
        duckdb_vector_ensure_validity_writable(out);
        duckdb_validity_set_row_invalid(duckdb_vector_get_validity(out), offset + i);
      }
    }
  } catch (const std::exception& e) {
    duckdb_aggregate_function_set_error(info, e.what());
  }
}

/// A variance with its divisor's ddof, the second argument of every row (a constant, never
/// missing: update_pairs skips the rows whose value is).
struct VarianceState {
  ExactVariance values;
  double ddof = 1;
  void add(double x, double d) {
    values.add(x);
    ddof = d;
  }
  void merge(const VarianceState& other) {
    if (other.values.count() > 0) ddof = other.ddof;
    values.merge(other.values);
  }
  int64_t count() const { return values.count(); }
};

template <typename State>
bool always(const State&) {
  return true;
}
template <typename State>
bool some(const State& s) {
  return s.count() > 0;
}
template <typename State>
bool two(const State& s) {
  return s.count() > 1;
}
/// The central moments of the values (count, mean and the sums of the 2nd, 3rd and 4th powers of
/// the deviations), updated one value at a time and merged by Pebay's formulas, over the values
/// less the first one (`shift`, exact for values close to it): stable where the values are far
/// from zero and close together (the engine's skewness and kurtosis take power sums of the values
/// themselves: skew 0.0 instead of 0.72 for 1e6 plus [1, 2, 4, 8, 3, 5.5], 0.0 from 1e52;
/// unshifted updates are off by 2e-5 near 1e12). Deviations whose powers overflow give an infinity or NaN, and the result
/// is then missing, as pandas' (its moments overflow alike). The result depends on the order of
/// the values in the last bits: queries holding it run on one thread (compile::order_sensitive).
struct MomentState {
  double n = 0, shift = 0, mean = 0, m2 = 0, m3 = 0, m4 = 0;  // (mean: of the values less shift)
  void add(double x) {
    if (n == 0) shift = x;
    double n1 = n;
    n += 1;
    double delta = (x - shift) - mean, dn = delta / n, dn2 = dn * dn, term = delta * dn * n1;
    mean += dn;
    m4 += term * dn2 * (n * n - 3 * n + 3) + 6 * dn2 * m2 - 4 * dn * m3;
    m3 += term * dn * (n - 2) - 3 * dn * m2;
    m2 += term;
  }
  void merge(const MomentState& o) {
    if (o.n == 0) return;
    if (n == 0) {
      *this = o;
      return;
    }
    double total = n + o.n, delta = (o.shift - shift) + o.mean - mean, d2 = delta * delta;
    double m2_ = m2 + o.m2 + d2 * n * o.n / total;
    double m3_ = m3 + o.m3 + d2 * delta * n * o.n * (n - o.n) / (total * total) + 3 * delta * (n * o.m2 - o.n * m2) / total;
    double m4_ = m4 + o.m4 + d2 * d2 * n * o.n * (n * n - n * o.n + o.n * o.n) / (total * total * total) +
                 6 * d2 * (n * n * o.m2 + o.n * o.n * m2) / (total * total) + 4 * delta * (n * o.m3 - o.n * m3) / total;
    mean += delta * o.n / total;
    n = total;
    m2 = m2_;
    m3 = m3_;
    m4 = m4_;
  }
  /// pandas' skew (G1) and kurt (G2, excess), bias-adjusted; NaN under 3 (4) values, with no
  /// spread, or where a moment overflowed.
  double skew() const {
    if (n < 3 || !(m2 > 0)) return NAN;
    return std::sqrt(n * (n - 1)) / (n - 2) * (m3 / n) / std::pow(m2 / n, 1.5);
  }
  double kurt() const {
    if (n < 4 || !(m2 > 0)) return NAN;
    double ratio = (m4 / n) / ((m2 / n) * (m2 / n));
    return (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * ratio - 3 * (n - 1));
  }
};

bool finite_skew(const MomentState& s) { return std::isfinite(s.skew()); }
bool finite_kurt(const MomentState& s) { return std::isfinite(s.kurt()); }
double skew(const MomentState& s) { return s.skew(); }
double kurt(const MomentState& s) { return s.kurt(); }
double sum(const CompactExactSum& s) { return s.value(); }
double variance(const VarianceState& s) { return s.values.variance(s.ddof); }
double deviation(const VarianceState& s) { return std::sqrt(s.values.variance(s.ddof)); }
double covariance(const ExactCovariance& s) { return s.covariance(); }
double correlation(const ExactCovariance& s) { return s.correlation(); }

template <typename State, bool (*present)(const State&), double (*result)(const State&), int arguments = 1>
void add(duckdb_connection conn, const char* name) {
  duckdb_aggregate_function f = duckdb_create_aggregate_function();
  duckdb_aggregate_function_set_name(f, name);
  duckdb_logical_type type = duckdb_create_logical_type(DUCKDB_TYPE_DOUBLE);
  for (int i = 0; i < arguments; ++i) duckdb_aggregate_function_add_parameter(f, type);
  duckdb_aggregate_function_set_return_type(f, type);
  duckdb_destroy_logical_type(&type);
  duckdb_aggregate_update_t updater;
  if constexpr (arguments == 1) {
    updater = update<State>;
  } else {
    updater = update_pairs<State>;
  }
  duckdb_aggregate_function_set_functions(f, state_size<State>, init<State>, updater, combine<State>,
                                          finalize<State, present, result>);
  duckdb_aggregate_function_set_destructor(f, destroy<State>);
  duckdb_state ok = duckdb_register_aggregate_function(conn, f);
  duckdb_destroy_aggregate_function(&f);
  if (ok == DuckDBError) throw ExecutionError(std::string("could not register the engine function ") + name);
}

}  // namespace

void register_exact_aggregates(duckdb_connection conn) {
  add<CompactExactSum, always<CompactExactSum>, sum>(conn, "cormorant_sum_exact");
  // (x, ddof): NumPy's n - ddof divisor, clipped at 0; no values give NULL
  add<VarianceState, some<VarianceState>, variance, 2>(conn, "cormorant_var_exact");
  add<VarianceState, some<VarianceState>, deviation, 2>(conn, "cormorant_std_exact");
  add<ExactCovariance, two<ExactCovariance>, covariance, 2>(conn, "cormorant_cov_exact");
  add<ExactCovariance, two<ExactCovariance>, correlation, 2>(conn, "cormorant_corr_exact");
  // pandas' skew and kurt; NULL under 3 (4) values, with no spread, or past overflow
  add<MomentState, finite_skew, skew>(conn, "cormorant_skew");
  add<MomentState, finite_kurt, kurt>(conn, "cormorant_kurt");
}

}  // namespace cormorant::engine_detail
