/// A long VALUES table in Spark SQL as the rows of range(0, n) where every column steps evenly
/// (reindex to a regular grid: resample's bins). Spark parses and analyzes a VALUES table row by
/// row and cell by cell: 2000 rows of a timestamp and a number take it seconds, 230,000 ran its
/// driver out of memory; a column that starts at s and steps by d is s + id * d.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/calendar.hpp"
#include "cormorant/compile/sql.hpp"
#include "spark_forms.hpp"

namespace cormorant::compile {

namespace {

/// Rows below this count stay a VALUES table.
constexpr size_t kFewRows = 64;

/// The microseconds since the epoch of a Moment's text "YYYY-MM-DD HH:MM:SS[.f{1,6}][+00:00]"
/// (an aware one is its UTC instant), or none for any other text.
std::optional<int64_t> micros_of(const std::string& iso) {
  auto digits = [&](size_t at, size_t n) -> std::optional<int64_t> {
    if (at + n > iso.size()) return std::nullopt;
    int64_t v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2), mi = digits(14, 2), s = digits(17, 2);
  if (!y || !mo || !d || !h || !mi || !s || iso[4] != '-' || iso[7] != '-' || iso[10] != ' ' || iso[13] != ':' ||
      iso[16] != ':') {
    return std::nullopt;
  }
  size_t at = 19;
  int64_t fraction = 0;
  if (at < iso.size() && iso[at] == '.') {
    size_t n = 0;
    while (at + 1 + n < iso.size() && iso[at + 1 + n] >= '0' && iso[at + 1 + n] <= '9') ++n;
    if (n == 0 || n > 6) return std::nullopt;
    fraction = *digits(at + 1, n);
    for (size_t i = n; i < 6; ++i) fraction *= 10;
    at += 1 + n;
  }
  if (iso.compare(at, std::string::npos, "") != 0 && iso.compare(at, std::string::npos, "+00:00") != 0) return std::nullopt;
  const int64_t seconds = days_from_civil(*y, *mo, *d) * 86400 + *h * 3600 + *mi * 60 + *s;
  return seconds * 1000000 + fraction;
}

/// A cell's number on its column's line: an integer, or a timestamp's microseconds.
std::optional<int64_t> position(const SqlExprPtr& cell) {
  if (!cell || cell->kind != SqlExpr::Kind::Literal) return std::nullopt;
  if (cell->value.holds<int64_t>() && cell->dtype == DType::Int64) return cell->value.get<int64_t>();
  if (cell->value.holds<Moment>()) {
    const Moment& m = cell->value.get<Moment>();
    if (m.dtype == DType::Timestamp || m.dtype == DType::TimestampTz) return micros_of(m.iso);
  }
  return std::nullopt;
}

/// Column c's step if every cell of it is the first plus its row times the step, else none.
std::optional<int64_t> step_of(const FromItem& from, size_t c) {
  auto first = position(from.rows[0][c]), second = position(from.rows[1][c]);
  if (!first || !second) return std::nullopt;
  const int64_t step = *second - *first;
  for (size_t r = 2; r < from.rows.size(); ++r) {
    auto v = position(from.rows[r][c]);
    if (!v || *v - *first != step * static_cast<int64_t>(r)) return std::nullopt;
  }
  return step;
}

/// An interval of `micros` microseconds in Spark's words (a day-time interval of seconds).
std::string seconds_interval(int64_t micros) {
  std::string sign = micros < 0 ? "-" : "";
  uint64_t m = micros < 0 ? uint64_t(0) - uint64_t(micros) : uint64_t(micros);
  std::string fraction = std::to_string(m % 1000000);
  fraction.insert(0, 6 - fraction.size(), '0');
  return "INTERVAL '" + sign + std::to_string(m / 1000000) + "." + fraction + "' SECOND";
}

}  // namespace

std::string spark_values_as_range(const FromItem& from, const Dialect& dialect) {
  if (from.rows.size() < kFewRows) return "";
  std::vector<int64_t> steps;
  for (size_t c = 0; c < from.column_names.size(); ++c) {
    auto step = step_of(from, c);
    if (!step) return "";
    steps.push_back(*step);
  }
  std::string out = "(SELECT ";
  for (size_t c = 0; c < steps.size(); ++c) {
    const auto& first = from.rows[0][c];
    const std::string by = first->value.holds<int64_t>() ? "CAST(" + std::to_string(steps[c]) + " AS BIGINT)"
                                                         : seconds_interval(steps[c]);
    out += (c ? ", " : "") + to_sql(first, dialect) + " + " + quote_identifier("id", dialect) + " * " + by + " AS " +
           quote_identifier(from.column_names[c], dialect);
  }
  return out + " FROM range(0, " + std::to_string(from.rows.size()) + ")) AS " + quote_identifier("v", dialect);
}

}  // namespace cormorant::compile
