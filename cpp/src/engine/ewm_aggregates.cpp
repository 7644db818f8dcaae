#include "ewm_aggregates.hpp"

#include <cmath>
#include <cstdint>
#include <new>
#include <string>

#include "cormorant/common/error.hpp"

namespace cormorant::engine_detail {

namespace {

/// A run of consecutive rows of one partition (see the header).
struct EwmRun {
  // the options, as every row gives them (a run that has seen no row has none yet)
  bool set = false;
  double com = 0;
  double alpha = 0;  ///< 1 / (1 + com)
  bool adjust = true;
  bool ignore_na = false;
  int64_t min_periods = 1;
  // the run
  int64_t steps = 0;     ///< its steps: rows, or present values with ignore_na
  int64_t n = 0;         ///< present values
  int64_t trailing = 0;  ///< steps after its last present value
  // adjust: weights (1 - alpha)**(steps from the value to the run's last value)
  double weight = 0;  ///< their sum
  double cross = 0;   ///< the sum of their pairwise products (i < j)
  double mean = 0;    ///< the weighted mean
  double m2 = 0;      ///< the weighted sum of squared deviations from it
  // without adjust: value at the run's end = scale * (value after its first present value) + shift
  int64_t lead = 0;   ///< steps up to its first present value, itself included
  double first = 0;   ///< the first present value
  double scale = 1;
  double shift = 0;

  double decay(int64_t k) const { return std::pow(1.0 - alpha, static_cast<double>(k)); }

  /// This run followed by `b`.
  void append(const EwmRun& b) {
    if (!b.set) return;
    if (!set) {
      *this = b;
      return;
    }
    if (b.n == 0) {  // only missing rows: the values so far weigh less, relative to what comes later
      steps += b.steps;
      trailing += b.steps;
      return;
    }
    if (n == 0) {  // nothing before b's first value counts but its steps
      int64_t before = steps;
      *this = b;
      steps += before;
      lead += before;
      return;
    }
    if (adjust) {
      double s = decay(trailing + b.steps - b.trailing);  // this run's weights relative to b's last value
      double wa = s * weight, wb = b.weight, w = wa + wb;
      double delta = b.mean - mean;
      m2 = s * m2 + b.m2 + delta * delta * (wa * wb / w);
      mean = wa == 0 ? b.mean : (wa * mean + wb * b.mean) / w;
      cross = s * s * cross + b.cross + wa * wb;
      weight = w;
    } else {
      // pandas at b's first value: (u * y + alpha * x) / (u + alpha), u = (1 - alpha)**(steps since y's
      // value); with com 1, u * y + (1 - u) * x
      double u = decay(trailing + b.lead);
      double r = com == 1 ? u : u / (u + alpha);
      shift = b.scale * (r * shift + (1 - r) * b.first) + b.shift;
      scale = b.scale * r * scale;
    }
    steps += b.steps;
    n += b.n;
    trailing = b.trailing;
  }

  /// One row: a value, or a missing one (x null).
  void add(const double* x) {
    if (!x && ignore_na) return;
    EwmRun row;
    row.set = true;
    row.com = com;
    row.alpha = alpha;
    row.adjust = adjust;
    row.ignore_na = ignore_na;
    row.min_periods = min_periods;
    row.steps = 1;
    if (x) {
      row.n = 1;
      row.weight = 1;
      row.mean = *x;
      row.lead = 1;
      row.first = *x;
    } else {
      row.trailing = 1;
    }
    if (!set) {
      *this = row;
    } else {
      append(row);
    }
  }

  bool has_value() const { return set && n > 0 && n >= min_periods; }
  double value_mean() const { return adjust ? mean : scale * first + shift; }
  double value_sum() const { return mean * weight * decay(trailing); }
  double value_var() const { return cross > 0 ? weight * m2 / (2 * cross) : std::nan(""); }
};

EwmRun& run(duckdb_aggregate_state s) { return *reinterpret_cast<EwmRun*>(s); }

idx_t state_size(duckdb_function_info) { return sizeof(EwmRun); }

void init(duckdb_function_info, duckdb_aggregate_state s) { new (s) EwmRun(); }

void destroy(duckdb_aggregate_state* states, idx_t count) {
  for (idx_t i = 0; i < count; ++i) run(states[i]).~EwmRun();
}

bool present_row(const uint64_t* valid, idx_t row) { return !valid || ((valid[row >> 6] >> (row & 63)) & 1); }

/// The rows of each state, in the order given (the engine gives a run's rows in order).
void update(duckdb_function_info info, duckdb_data_chunk input, duckdb_aggregate_state* states) {
  idx_t count = duckdb_data_chunk_get_size(input);
  duckdb_vector vx = duckdb_data_chunk_get_vector(input, 0);
  const auto* x = static_cast<const double*>(duckdb_vector_get_data(vx));
  uint64_t* valid = duckdb_vector_get_validity(vx);
  const auto* com = static_cast<const double*>(duckdb_vector_get_data(duckdb_data_chunk_get_vector(input, 1)));
  const auto* adjust = static_cast<const bool*>(duckdb_vector_get_data(duckdb_data_chunk_get_vector(input, 2)));
  const auto* ignore_na = static_cast<const bool*>(duckdb_vector_get_data(duckdb_data_chunk_get_vector(input, 3)));
  const auto* min_periods = static_cast<const int64_t*>(duckdb_vector_get_data(duckdb_data_chunk_get_vector(input, 4)));
  for (idx_t row = 0; row < count; ++row) {
    EwmRun& r = run(states[row]);
    if (!r.set) {
      r.com = com[row];
      r.alpha = 1. / (1. + com[row]);
      r.adjust = adjust[row];
      r.ignore_na = ignore_na[row];
      r.min_periods = min_periods[row];
    }
    r.add(present_row(valid, row) ? &x[row] : nullptr);
  }
  (void)info;
}

/// target (the earlier run) followed by source (the later one).
void combine(duckdb_function_info, duckdb_aggregate_state* source, duckdb_aggregate_state* target, idx_t count) {
  for (idx_t i = 0; i < count; ++i) run(target[i]).append(run(source[i]));
}

template <double (*result)(const EwmRun&)>
void finalize(duckdb_function_info, duckdb_aggregate_state* source, duckdb_vector out, idx_t count, idx_t offset) {
  auto* data = static_cast<double*>(duckdb_vector_get_data(out));
  for (idx_t i = 0; i < count; ++i) {
    const EwmRun& r = run(source[i]);
    if (r.has_value()) {
      data[offset + i] = result(r);
    } else {
      duckdb_vector_ensure_validity_writable(out);
      duckdb_validity_set_row_invalid(duckdb_vector_get_validity(out), offset + i);
    }
  }
}

double mean_of(const EwmRun& r) { return r.value_mean(); }
double sum_of(const EwmRun& r) { return r.value_sum(); }
double var_of(const EwmRun& r) { return r.value_var(); }
double std_of(const EwmRun& r) { return std::sqrt(r.value_var()); }

template <double (*result)(const EwmRun&)>
void add_function(duckdb_connection conn, const char* name) {
  duckdb_aggregate_function f = duckdb_create_aggregate_function();
  duckdb_aggregate_function_set_name(f, name);
  duckdb_logical_type dbl = duckdb_create_logical_type(DUCKDB_TYPE_DOUBLE);
  duckdb_logical_type boolean = duckdb_create_logical_type(DUCKDB_TYPE_BOOLEAN);
  duckdb_logical_type bigint = duckdb_create_logical_type(DUCKDB_TYPE_BIGINT);
  for (duckdb_logical_type t : {dbl, dbl, boolean, boolean, bigint}) duckdb_aggregate_function_add_parameter(f, t);
  duckdb_aggregate_function_set_return_type(f, dbl);
  duckdb_destroy_logical_type(&dbl);
  duckdb_destroy_logical_type(&boolean);
  duckdb_destroy_logical_type(&bigint);
  duckdb_aggregate_function_set_functions(f, state_size, init, update, combine, finalize<result>);
  duckdb_aggregate_function_set_destructor(f, destroy);
  duckdb_state ok = duckdb_register_aggregate_function(conn, f);
  duckdb_destroy_aggregate_function(&f);
  if (ok == DuckDBError) throw ExecutionError(std::string("could not register the engine function ") + name);
}

}  // namespace

void register_ewm_aggregates(duckdb_connection conn) {
  add_function<mean_of>(conn, "cormorant_ewm_mean");
  add_function<sum_of>(conn, "cormorant_ewm_sum");
  add_function<var_of>(conn, "cormorant_ewm_var");
  add_function<std_of>(conn, "cormorant_ewm_std");
}

}  // namespace cormorant::engine_detail
