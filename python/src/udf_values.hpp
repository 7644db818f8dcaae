#pragma once
// Python values <-> Arrow arrays (in-process UDFs, and the worker processes' record batches,
// which come and go in Arrow IPC: cormorant/functions/wire.hpp) for the common dtypes, converted in C++
// with one Python object per value and nothing else (no pyarrow scalars, no intermediate
// arrays or copies: values are read in place and results written once). The other
// dtypes (dates, timestamps, decimals, lists) go through pyarrow, as does any result value that
// is not exactly of its declared type, so that errors name the row.
#include <nanobind/nanobind.h>

#include <string>
#include <string_view>
#include <vector>

#include <cormorant/common/arrow_c.hpp>
#include <cormorant/common/dtype.hpp>

namespace cormorant::python {

/// Whether columns of dtype `d` convert here (boolean, Int64, Float64, string, binary).
bool fast_dtype(const DType& d);

/// One column of a fast dtype, read in place from an Arrow array (bitmaps, 4- or 8-byte
/// offsets).
struct ColumnView {
  uint8_t tag = 0;                 ///< its kind (functions::wire::Tag)
  bool narrow = false;             ///< 4-byte offsets (Arrow's utf8 and binary), else 8-byte ones
  int64_t offset = 0;              ///< the buffer position of row 0 (Arrow's offset)
  const uint8_t* valid = nullptr;  ///< present flags; nullptr: no missing values
  const char* values = nullptr;    ///< bools, 8-byte values, or n + 1 offsets
  const char* data = nullptr;      ///< the bytes of strings and bytes

  /// A new reference to the Python value of row `i` (None when missing); nullptr with a
  /// Python error set on failure. Needs the GIL.
  PyObject* value(size_t i) const;

 private:
  int64_t item_start(int64_t j) const;
};

/// The argument columns of an engine call (an Arrow struct array), read in place.
class ArrowColumns {
 public:
  /// Reads the children of `args` as columns of dtypes `types`; false when one is not of a
  /// fast dtype or not in the Arrow format read here (pyarrow converts those). No GIL needed.
  bool read(const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args);
  /// The columns as a Python list of lists (None for missing values). Needs the GIL.
  nanobind::object to_lists() const;
  const std::vector<ColumnView>& columns() const { return columns_; }

  size_t rows = 0;

 private:
  std::vector<ColumnView> columns_;
};

/// Writes `values` (a Python list) of `dtype` as a struct array with one child (`out`,
/// described by `schema`) that owns its buffers. False, with `out` unset, when a value is not
/// exactly what this conversion takes (an int subclass or numpy scalar, an int past Int64, a
/// str with lone surrogates, ...) or the dtype is not a fast one: the caller converts with the
/// careful path, which names the failing row. Needs the GIL.
bool lists_to_arrow(nanobind::handle values, const DType& dtype, ArrowSchema* schema, ArrowArray* out);

/// Adds arrow_lists() and arrow_result() (the same conversions for the worker processes).
void bind_udf_values(nanobind::module_& m);

}  // namespace cormorant::python
