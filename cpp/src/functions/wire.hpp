#pragma once
/// The batch format between the worker pool and its Python workers (documented in
/// python/cormorant/_worker.py): Arrow columns in, one Arrow column out.
#include <string>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/dtype.hpp"

namespace cormorant::functions::wire {

/// Appends the batch `args` (a struct array described by `schema`, one child per argument of
/// the dtypes `types`) in the wire format.
void encode_batch(std::string& out, const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args);

/// Reads a worker's result batch (one column of dtype `expect`, `rows` rows) into a struct
/// array with one child that owns its buffers.
void decode_result(const std::string& in, const DType& expect, int64_t rows, ArrowSchema* schema, ArrowArray* out);

}  // namespace cormorant::functions::wire
