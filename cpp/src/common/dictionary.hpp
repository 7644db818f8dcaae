#pragma once
/// Arrow dictionary columns for categorical results (Table::export_to): the engine's codes
/// become the indices, the dtype's categories the dictionary, so pandas reads a Categorical
/// with pandas' categories, order and codes.
#include <memory>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/dtype.hpp"

namespace cormorant::detail {

/// The categories of one categorical column as an Arrow array and its schema; both are owned
/// here (their release callbacks do nothing), so they must outlive every batch that points at them.
class ArrowDictionary {
 public:
  explicit ArrowDictionary(const DType& categorical);
  ArrowDictionary(const ArrowDictionary&) = delete;
  ArrowDictionary& operator=(const ArrowDictionary&) = delete;
  ArrowSchema* schema() { return &schema_; }
  ArrowArray* array() { return &array_; }

 private:
  ArrowSchema schema_{};
  ArrowArray array_{};
  std::vector<int64_t> fixed_;    ///< int64 / double bits / int32 offsets, as the format needs
  std::vector<int32_t> offsets_;  ///< string offsets
  std::string chars_;             ///< string bytes
  const void* buffers_[3] = {nullptr, nullptr, nullptr};
};

/// Wraps a batch (a struct array) so that its children at `columns` carry `dictionaries`
/// (one per column, shared with the schema): the returned array owns `batch`.
ArrowArray with_dictionaries(ArrowArray batch, const std::vector<int64_t>& columns,
                             const std::vector<std::shared_ptr<ArrowDictionary>>& dictionaries);

}  // namespace cormorant::detail
