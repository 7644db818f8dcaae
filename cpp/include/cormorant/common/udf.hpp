#pragma once
/// A user-defined scalar function as the engine sees it: a name, a signature and a batch
/// callback over Arrow arrays. Where the code comes from (a Python function in this process,
/// a worker process, a remote service) is the caller's business.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/dtype.hpp"

namespace cormorant {

/// What one query fed to a function with `large_input` (ScalarUdf): its rows, the rows it ran
/// with `large_input`, and the rows computed by the function itself with the CPU time they took.
struct UdfRunCounts {
  int64_t sequence = 0;  ///< orders the queries that bound any function (later ones are larger)
  std::atomic<int64_t> rows{0}, large_input_rows{0}, measured_rows{0}, cpu_ns{0};
};

/// The counts of the latest query that bound a function (set when a query binds it).
struct UdfLatestRun {
  std::mutex mutex;
  std::shared_ptr<const UdfRunCounts> counts;
};

/// The CPU nanoseconds the last ScalarUdf::call on this thread took, for callees that measure
/// it themselves (the in-process Python binding runs a call's work on whichever engine thread
/// is running Python). The engine sets it to -1 before a call and, when the callee leaves it
/// so, counts the calling thread's CPU time instead.
inline int64_t& udf_call_cpu_ns() {
  thread_local int64_t ns = -1;
  return ns;
}

/// A scalar function the engine calls with batches of rows in Arrow form.
struct ScalarUdf {
  /// The engine's name for the function: an identifier unique to this routine version.
  std::string engine_name;
  std::vector<DType> arg_types;
  DType result_type = DType::Int64;
  /// Computes one batch. `args` is a struct array with one child per argument (described
  /// by `args_schema`); the callee moves a struct array with one child of `result_type`
  /// into `result` and its schema into `result_schema`. Runs on engine threads, several at
  /// once; throwing fails the query with that exception.
  std::function<void(ArrowSchema* args_schema, ArrowArray* args, ArrowSchema* result_schema, ArrowArray* result)>
      call;
  /// How another process runs the same function (the Spark engine's executors): its portable
  /// description, JSON made when first asked (functions/portable.hpp). Empty for a function
  /// that runs only in this process (a plain Python function: no stored code).
  std::function<std::string()> portable;
  /// When set, a query that has fed more than `large_input_rows` rows to this function runs
  /// its further batches with `large_input` instead (the same routine in worker processes:
  /// large inputs use every core, small ones skip the workers' start and transfer), if the
  /// batches the function computed itself cost at least `large_input_cost` seconds of CPU per
  /// row (0: whatever they cost; a function as cheap as the transfer gains nothing in workers).
  /// Either way the results are the same; `latest_run` says what the latest query did.
  std::shared_ptr<const ScalarUdf> large_input;
  int64_t large_input_rows = 0;
  double large_input_cost = 0;
  std::shared_ptr<UdfLatestRun> latest_run = std::make_shared<UdfLatestRun>();
};

}  // namespace cormorant
