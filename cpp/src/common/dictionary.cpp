#include "dictionary.hpp"

#include <cstring>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"

namespace cormorant::detail {

namespace {

void release_nothing(ArrowSchema* s) { s->release = nullptr; }
void release_nothing(ArrowArray* a) { a->release = nullptr; }

/// A wrapped batch: the engine's batch (released with the wrapper), shallow copies of the
/// categorical children pointing at their dictionaries, and the dictionaries kept alive.
struct Wrapped {
  ArrowArray original{};
  std::vector<ArrowArray*> children;
  std::vector<std::unique_ptr<ArrowArray>> copies;
  std::vector<std::shared_ptr<ArrowDictionary>> dictionaries;
};

}  // namespace

ArrowDictionary::ArrowDictionary(const DType& categorical) {
  const Categories& c = categorical.categories();
  const int64_t n = static_cast<int64_t>(c.values.size());
  schema_.name = "";
  schema_.flags = 0;
  schema_.release = release_nothing;
  array_.length = n;
  array_.n_buffers = 2;
  array_.buffers = buffers_;
  array_.release = release_nothing;
  switch (c.dtype.kind()) {
    case DType::Int64:
      schema_.format = "l";
      for (const auto& v : c.values) fixed_.push_back(v.get<int64_t>());
      break;
    case DType::Float64:
      schema_.format = "g";
      for (const auto& v : c.values) {
        int64_t bits;
        double d = v.get<double>();
        std::memcpy(&bits, &d, sizeof bits);
        fixed_.push_back(bits);
      }
      break;
    case DType::String:
      schema_.format = "u";
      offsets_.push_back(0);
      for (const auto& v : c.values) {
        chars_ += v.get<std::string>();
        if (chars_.size() > 0x7fffffff) throw NotImplementedError("the categories' text is longer than 2 GiB");
        offsets_.push_back(static_cast<int32_t>(chars_.size()));
      }
      array_.n_buffers = 3;
      buffers_[1] = offsets_.data();
      buffers_[2] = chars_.data();
      return;
    default: throw InternalError("internal error: categories of dtype " + dtype_name(c.dtype) + " in Arrow");
  }
  buffers_[1] = fixed_.data();
}

ArrowArray with_dictionaries(ArrowArray batch, const std::vector<int64_t>& columns,
                             const std::vector<std::shared_ptr<ArrowDictionary>>& dictionaries) {
  auto* w = new Wrapped;
  w->original = batch;
  w->dictionaries = dictionaries;
  w->children.assign(batch.children, batch.children + batch.n_children);
  for (size_t k = 0; k < columns.size(); ++k) {
    auto copy = std::make_unique<ArrowArray>(*batch.children[columns[k]]);
    copy->dictionary = dictionaries[k]->array();
    copy->release = release_nothing;  // the original child is released with the original batch
    w->children[columns[k]] = copy.get();
    w->copies.push_back(std::move(copy));
  }
  ArrowArray out = batch;
  out.children = w->children.data();
  out.private_data = w;
  out.release = [](ArrowArray* self) {
    auto* wrapped = static_cast<Wrapped*>(self->private_data);
    if (wrapped->original.release) wrapped->original.release(&wrapped->original);
    delete wrapped;
    self->release = nullptr;
  };
  return out;
}

}  // namespace cormorant::detail
