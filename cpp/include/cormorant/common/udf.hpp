#pragma once
/// A user-defined scalar function as the engine sees it: a name, a signature and a batch
/// callback over Arrow arrays. Where the code comes from (a Python function in this process,
/// a worker process, a remote service) is the caller's business.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/dtype.hpp"

namespace cormorant {

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
  /// When set, a query that has fed more than `large_input_rows` rows to this function runs
  /// its further batches with `large_input` instead (the same routine in worker processes:
  /// large inputs use every core, small ones skip the workers' start and transfer).
  std::shared_ptr<const ScalarUdf> large_input;
  int64_t large_input_rows = 0;
};

}  // namespace cormorant
