/// User functions as DuckDB scalar functions: one callback per chunk, arguments and result
/// crossing as Arrow arrays.
#include <time.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "connection_impl.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/engine/engine.hpp"

namespace cormorant::engine {

namespace detail {

/// What the engine's callback needs: the function, the argument types and Arrow settings.
struct UdfState {
  std::shared_ptr<const ScalarUdf> udf;
  ConnectionState* connection = nullptr;
  duckdb_arrow_options options = nullptr;
  std::vector<duckdb_logical_type> arg_types;
  std::vector<std::string> arg_names;
  DType result_type;

  ~UdfState() {
    for (auto& t : arg_types) duckdb_destroy_logical_type(&t);
    if (options) duckdb_destroy_arrow_options(&options);
  }
};

ConnectionState::ConnectionState() = default;
ConnectionState::~ConnectionState() = default;

}  // namespace detail

namespace {

/// Releases an Arrow struct when it goes out of scope, unless it was moved away.
template <typename T>
struct Released {
  T value{};
  ~Released() {
    if (value.release) value.release(&value);
  }
};

/// Computes one chunk with `udf` (st.udf or its large_input).
void run_udf(detail::UdfState& st, const ScalarUdf& udf, duckdb_data_chunk input, duckdb_vector output) {
  idx_t rows = duckdb_data_chunk_get_size(input);
  Released<ArrowSchema> schema;
  std::vector<const char*> names;
  for (const auto& n : st.arg_names) names.push_back(n.c_str());
  auto types = st.arg_types;
  check_error_data(duckdb_to_arrow_schema(st.options, types.data(), names.data(), names.size(), &schema.value));
  Released<ArrowArray> args;
  check_error_data(duckdb_data_chunk_to_arrow(st.options, input, &args.value));

  Released<ArrowSchema> result_schema;
  ArrowArray result{};
  udf.call(&schema.value, &args.value, &result_schema.value, &result);
  if (result.release == nullptr) {
    throw InternalError("internal error: function " + udf.engine_name + " returned no result");
  }
  duckdb_arrow_converted_schema converted = nullptr;
  duckdb_error_data e = duckdb_schema_from_arrow(st.connection->conn, &result_schema.value, &converted);
  if (e != nullptr && duckdb_error_data_has_error(e)) {
    result.release(&result);
    duckdb_destroy_arrow_converted_schema(&converted);
  }
  check_error_data(e);
  duckdb_data_chunk chunk = nullptr;
  // The chunk takes ownership of `result`'s data.
  e = duckdb_data_chunk_from_arrow(st.connection->conn, &result, converted, &chunk);
  duckdb_destroy_arrow_converted_schema(&converted);
  check_error_data(e);
  struct ChunkGuard {
    duckdb_data_chunk* c;
    ~ChunkGuard() { duckdb_destroy_data_chunk(c); }
  } guard{&chunk};
  if (duckdb_data_chunk_get_column_count(chunk) != 1 || duckdb_data_chunk_get_size(chunk) != rows) {
    throw InternalError("internal error: function " + udf.engine_name + " returned " +
                        std::to_string(duckdb_data_chunk_get_size(chunk)) + " values for " + std::to_string(rows) +
                        " rows");
  }
  duckdb_vector column = duckdb_data_chunk_get_vector(chunk, 0);
  duckdb_logical_type type = duckdb_vector_get_column_type(column);
  std::optional<DType> got = canonical_dtype(type);
  duckdb_destroy_logical_type(&type);
  if (!got || got->kind() != st.result_type.kind() || got->element().kind() != st.result_type.element().kind()) {
    throw InternalError("internal error: function " + udf.engine_name + " returned values of another type");
  }
  duckdb_vector_reference_vector(output, column);
}

/// What one query (one bound call of the function) has fed to it, shared by the copies the
/// engine makes of the bound call for its threads and by the function's latest_run.
using QueryCounts = std::shared_ptr<UdfRunCounts>;

void bind_counted(duckdb_bind_info info) {
  static std::atomic<int64_t> sequence{0};
  auto* st = static_cast<detail::UdfState*>(duckdb_scalar_function_bind_get_extra_info(info));
  auto counts = std::make_shared<UdfRunCounts>();
  counts->sequence = ++sequence;
  {
    std::lock_guard<std::mutex> lock(st->udf->latest_run->mutex);
    st->udf->latest_run->counts = counts;
  }
  duckdb_scalar_function_set_bind_data(info, new QueryCounts(std::move(counts)),
                                       [](void* p) { delete static_cast<QueryCounts*>(p); });
  duckdb_scalar_function_set_bind_data_copy(info, [](void* p) -> void* {
    return new QueryCounts(*static_cast<QueryCounts*>(p));
  });
}

/// This thread's CPU time in nanoseconds (not the time it waited for a lock or the GIL).
int64_t thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

/// Whether the batches of `q` computed by the function itself cost `cost` seconds per row.
bool costly(const UdfRunCounts& q, double cost) {
  if (cost <= 0) return true;
  int64_t rows = q.measured_rows.load();
  return rows > 0 && static_cast<double>(q.cpu_ns.load()) >= cost * 1e9 * static_cast<double>(rows);
}

void udf_callback(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  auto* st = static_cast<detail::UdfState*>(duckdb_scalar_function_get_extra_info(info));
  try {
    if (st->udf->large_input) {
      UdfRunCounts& q = **static_cast<QueryCounts*>(duckdb_scalar_function_get_bind_data(info));
      auto n = static_cast<int64_t>(duckdb_data_chunk_get_size(input));
      auto before = q.rows.fetch_add(n);
      if (before >= st->udf->large_input_rows && costly(q, st->udf->large_input_cost)) {
        q.large_input_rows += n;
        run_udf(*st, *st->udf->large_input, input, output);
        return;
      }
      udf_call_cpu_ns() = -1;
      int64_t start = thread_cpu_ns();
      run_udf(*st, *st->udf, input, output);
      q.cpu_ns += udf_call_cpu_ns() >= 0 ? udf_call_cpu_ns() : thread_cpu_ns() - start;
      q.measured_rows += n;
      return;
    }
    run_udf(*st, *st->udf, input, output);
  } catch (...) {
    std::string message = "user function failed";
    try {
      throw;
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
    }
    {
      std::lock_guard<std::mutex> lock(st->connection->udf_error_mutex);
      if (!st->connection->udf_error) st->connection->udf_error = std::current_exception();
    }
    duckdb_scalar_function_set_error(info, message.c_str());
  }
}

}  // namespace

void Connection::register_function(std::shared_ptr<const ScalarUdf> udf) {
  if (impl_->udfs.count(udf->engine_name)) return;
  auto st = std::make_unique<detail::UdfState>();
  st->connection = impl_.get();
  duckdb_connection_get_arrow_options(impl_->conn, &st->options);
  for (size_t i = 0; i < udf->arg_types.size(); ++i) {
    st->arg_types.push_back(logical_type(udf->arg_types[i]));
    st->arg_names.push_back("a" + std::to_string(i));
  }
  st->result_type = udf->result_type;

  duckdb_scalar_function f = duckdb_create_scalar_function();
  duckdb_scalar_function_set_name(f, udf->engine_name.c_str());
  for (auto t : st->arg_types) duckdb_scalar_function_add_parameter(f, t);
  duckdb_logical_type result = logical_type(st->result_type);
  duckdb_scalar_function_set_return_type(f, result);
  duckdb_destroy_logical_type(&result);
  // Missing values reach the function (as None), which decides what they give.
  duckdb_scalar_function_set_special_handling(f);
  // Called on the query's rows and nothing else, once per row: a consistent function would be
  // evaluated on a Parquet column's dictionary, whose extra NULL entry reaches the function as
  // a None that no row holds (a function that raises on None then fails the query), and its
  // call could be copied into each expression that uses its result.
  duckdb_scalar_function_set_volatile(f);
  duckdb_scalar_function_set_function(f, udf_callback);
  if (udf->large_input) duckdb_scalar_function_set_bind(f, bind_counted);
  duckdb_scalar_function_set_extra_info(f, st.get(), nullptr);
  st->udf = std::move(udf);
  duckdb_state state = duckdb_register_scalar_function(impl_->conn, f);
  duckdb_destroy_scalar_function(&f);
  if (state == DuckDBError) {
    throw InternalError("internal error: the engine refused function " + st->udf->engine_name);
  }
  std::string name = st->udf->engine_name;
  impl_->udfs.emplace(std::move(name), std::move(st));
}

}  // namespace cormorant::engine
