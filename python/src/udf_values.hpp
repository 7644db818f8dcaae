#pragma once
// Python values <-> worker wire batches (cormorant/functions/wire.hpp) for the common dtypes,
// converted in C++ with one Python object per value and nothing else (no pyarrow scalars, no
// intermediate arrays). In-process UDFs and the worker processes both use it; the other
// dtypes (dates, timestamps, decimals, lists) go through pyarrow, as does any result value that
// is not exactly of its declared type, so that errors name the row.
#include <nanobind/nanobind.h>

#include <string>
#include <string_view>
#include <vector>

#include <cormorant/common/dtype.hpp>

namespace cormorant::python {

/// Whether columns of dtype `d` convert here (boolean, Int64, Float64, string, binary).
bool fast_dtype(const DType& d);

/// The columns of wire batch `batch` as a Python list of lists (None for missing values), or
/// None when a column has a dtype converted by pyarrow instead. Needs the GIL.
nanobind::object wire_to_lists(std::string_view batch);

/// Writes `values` (a Python list) as a one-column wire batch of `dtype` into `out`. False,
/// with `out` unspecified, when a value is not exactly what this conversion takes (an int
/// subclass or numpy scalar, an int past Int64, a str with lone surrogates, ...) or the dtype
/// is not a fast one: the caller converts with the careful path, which names the failing
/// row. Needs the GIL.
bool lists_to_wire(nanobind::handle values, const DType& dtype, std::string& out);

/// What calling a function on each row of a batch gave.
struct RowCalls {
  bool called = false;     ///< false: an argument has a dtype converted by pyarrow; nothing was called
  bool converted = false;  ///< every result was converted into the output batch
  nanobind::object values;  ///< the results, a list (None from the failing row on)
  int64_t failed_row = -1;  ///< the row whose call raised `error`, or -1
  nanobind::object error;
};

/// Calls `func` on the values of each row of wire batch `batch` in turn, straight from C++
/// (no lists of arguments, no Python loop), and converts the results into `out` (a one-column
/// wire batch of `dtype`) while they are all exactly of a kind converted here. Stops at the
/// first row whose call raises. Needs the GIL.
RowCalls call_each_row(nanobind::handle func, std::string_view batch, const DType& dtype, std::string& out);

/// Adds wire_columns() and wire_column() (the same conversions for the worker processes).
void bind_udf_values(nanobind::module_& m);

}  // namespace cormorant::python
