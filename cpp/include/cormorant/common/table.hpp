#pragma once
/// A materialized query result: named, typed columns held as Arrow record batches.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/dtype.hpp"
#include "cormorant/common/value.hpp"

namespace cormorant {

/// A named, typed column of a schema.
struct Field {
  std::string name;
  DType dtype;
  bool operator==(const Field&) const = default;
};

/// The columns of a relation, in order.
using Schema = std::vector<Field>;

/// A query result. Owns its Arrow batches (struct arrays, one child per column); it can be
/// read value by value in C++, printed like pandas prints a DataFrame, or handed to another
/// Arrow consumer (Python) as an ArrowArrayStream without copying.
class Table {
 public:
  /// Takes ownership of `arrow_schema` (a struct schema) and of every batch in `batches`.
  Table(Schema schema, ArrowSchema arrow_schema, std::vector<ArrowArray> batches);
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;
  Table(Table&&) noexcept;
  Table& operator=(Table&&) noexcept;
  ~Table();

  const Schema& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int64_t num_columns() const { return static_cast<int64_t>(schema_.size()); }
  /// Renames the columns (the result's labels); `names` has one entry per column.
  void set_names(const std::vector<std::string>& names);
  /// Gives the columns the plan's `dtypes` (one per column) where the engine's type says less:
  /// the engine returns every aware timestamp as a UTC instant (the plan knows the zone it is
  /// read in) and a timedelta as its BIGINT microseconds. Exported Arrow columns carry the
  /// zone ("tsu:<zone>", as pandas' datetime64[us, <zone>]) and the duration ("tDu").
  void restore_dtypes(const std::vector<DType>& dtypes);
  /// Index of the column named `name`; throws ColumnNotFoundError.
  int64_t column_index(std::string_view name) const;

  /// The value at (row, column), <NA> when missing. Dates and timestamps come back as their
  /// ISO text, timedeltas as a Moment (Moment::timedelta).
  Value at(int64_t row, int64_t column) const;
  bool is_null(int64_t row, int64_t column) const;

  /// Formats the table as pandas prints a DataFrame with a default index. At most
  /// `max_rows` rows are shown (the first and last halves, like pandas) before the
  /// "[N rows x M columns]" footer.
  std::string to_string(int64_t max_rows = 60) const;

  /// Appends rows [first, first + count) to per-column cell lists, labelling them
  /// first_label, first_label + 1, ... (for format_frame).
  void append_cells(std::vector<std::string>& index, std::vector<std::vector<Value>>& columns, int64_t first,
                    int64_t count, int64_t first_label) const;

  /// Moves the batches out into an ArrowArrayStream (the Table is empty afterwards).
  void export_to(ArrowArrayStream* out);

 private:
  struct Locator {
    const ArrowArray* column;
    int64_t index;  ///< row index inside `column`, offsets applied
  };
  Locator locate(int64_t row, int64_t column) const;
  void release();

  Schema schema_;
  ArrowSchema arrow_schema_{};
  std::vector<ArrowArray> batches_;
  std::vector<int64_t> batch_starts_;
  int64_t num_rows_ = 0;
};

/// How many rows from each end a frame longer than `max_rows` shows (pandas: min_rows / 2,
/// at most max_rows / 2).
int64_t truncated_half(int64_t max_rows);

/// Formats cells as pandas prints a DataFrame: a left-aligned index, right-aligned values,
/// floats with a common number of decimals, <NA> for missing. When `total_rows` is larger
/// than the rows given, a "..." row splits them in two halves and a shape footer follows.
std::string format_frame(const Schema& schema, const std::vector<std::string>& index,
                         const std::vector<std::vector<Value>>& columns, int64_t total_rows);

}  // namespace cormorant
