/// The Spark dialect's form of DuckDB's try_strptime(text, format | [formats]) (to_datetime
/// with a format, or the ISO layouts tried in turn): Spark's try_to_timestamp with the format in
/// java.time's letters, behind a regex of the text pandas accepts for the format. The regex
/// keeps java.time's laxer readings out (a day "005" for %d, a year of 5 digits for %Y), and a
/// run of white space in the format matches any run of white space, as in pandas and DuckDB.
/// Dates that do not exist (2024-02-30) are NULL in both. Spark keeps microseconds: %f reads 1
/// to 6 digits, as DuckDB's does. Codes with another meaning in java.time (%y's century,
/// %a/%A, which java.time checks against the date) or none are refused at compile time; %z reads
/// Z, +HH:MM and +HHMM.
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/sql.hpp"

namespace cormorant::compile {

namespace {

/// A strptime format as a java.time pattern, a Java regex of the text it accepts (anchored),
/// whether it has white space (the text's white space runs are read as one space) and whether
/// it reads a UTC offset (%z: then the stamps are instants).
struct ParseFormat {
  std::string pattern, regex;
  bool spaces = false, zoned = false;
};

/// Whether `c` is a strptime code that reads digits (then a code right before it must read a
/// fixed number of digits: java.time cannot split "20240105" between variable-width fields).
bool digit_code(char c) {
  return c == 'Y' || c == 'm' || c == 'd' || c == 'H' || c == 'M' || c == 'S' || c == 'f' || c == 'I' || c == 'j';
}

ParseFormat parse_format(const std::string& format) {
  struct Code {
    std::string letters, fixed, regex, fixed_regex;
  };
  static const std::map<char, Code> codes = {
      {'Y', {"yyyy", "yyyy", "\\d{4}", "\\d{4}"}},    {'m', {"M", "MM", "\\d{1,2}", "\\d{2}"}},
      {'d', {"d", "dd", "\\d{1,2}", "\\d{2}"}},       {'H', {"H", "HH", "\\d{1,2}", "\\d{2}"}},
      {'M', {"m", "mm", "\\d{1,2}", "\\d{2}"}},       {'S', {"s", "ss", "\\d{1,2}", "\\d{2}"}},
      {'I', {"h", "hh", "\\d{1,2}", "\\d{2}"}},       {'j', {"D", "DDD", "\\d{1,3}", "\\d{3}"}},
      {'f', {"SSSSSS", "SSSSSS", "\\d{1,6}", "\\d{6}"}}, {'b', {"MMM", "MMM", "[A-Za-z]{3}", "[A-Za-z]{3}"}},
      {'B', {"MMMM", "MMMM", "[A-Za-z]+", "[A-Za-z]+"}}, {'p', {"a", "a", "(?i:AM|PM)", "(?i:AM|PM)"}},
      // a UTC offset: Z, +HH:MM or +HHMM
      {'z', {"[XXX][XX]", "[XXX][XX]", "(?:Z|[+-]\\d{2}:?\\d{2})", "(?:Z|[+-]\\d{2}:?\\d{2})"}}};
  ParseFormat out;
  std::string quoted;
  auto flush = [&] {
    if (!quoted.empty()) out.pattern += "'" + quoted + "'";
    quoted.clear();
  };
  out.regex = "\\A";
  bool after_digits = false;  // (the previous piece is a code reading digits)
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      while (i + 1 < format.size() && (format[i + 1] == ' ' || format[i + 1] == '\t' || format[i + 1] == '\n' ||
                                       format[i + 1] == '\r')) {
        ++i;
      }
      flush();
      out.pattern += ' ';
      out.regex += "\\s+";
      out.spaces = true;
      after_digits = false;
      continue;
    }
    if (c != '%' || i + 1 == format.size() || format[i + 1] == '%') {
      if (c == '%') ++i;  // (%% is one %)
      quoted += c == '\'' ? "''" : std::string(1, c);
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x80 && !std::isalnum(u)) out.regex += '\\';
      out.regex += c;
      after_digits = false;
      continue;
    }
    char code = format[++i];
    auto it = codes.find(code);
    if (it == codes.end()) {
      throw NotImplementedError(std::string("to_datetime with the format code %") + code +
                                " is not yet on the Spark engine; run it on the DuckDB engine");
    }
    const bool fixed = digit_code(code) && (after_digits || (i + 2 < format.size() && format[i + 1] == '%' &&
                                                            digit_code(format[i + 2])));
    after_digits = digit_code(code);
    out.zoned = out.zoned || code == 'z';
    flush();
    out.pattern += fixed ? it->second.fixed : it->second.letters;
    out.regex += fixed ? it->second.fixed_regex : it->second.regex;
  }
  flush();
  out.regex += "\\z";
  return out;
}

SqlExprPtr text(std::string s) { return sql_literal(Value(std::move(s)), DType::String); }

/// One format's parse: NULL unless the text has the format's shape and is a real stamp.
SqlExprPtr parse_one(const SqlExprPtr& x, const SqlExprPtr& format) {
  if (format->kind != SqlExpr::Kind::Literal || !format->value.holds<std::string>()) {
    throw NotImplementedError("to_datetime with a format computed per row is not yet on the Spark engine; run it on "
                              "the DuckDB engine");
  }
  ParseFormat f = parse_format(format->value.get<std::string>());
  SqlExprPtr input = f.spaces ? sql_as_is(sql_function("regexp_replace", {x, text("\\s+"), text(" ")})) : x;
  // Spark's TIMESTAMP (an instant) in the session's zone (UTC) as the wall time it read, or as
  // the instant when the format has its offset
  const DType dtype = f.zoned ? DType(DType::TimestampTz) : DType(DType::Timestamp);
  SqlExprPtr parsed = sql_cast(sql_as_is(sql_function("try_to_timestamp", {input, text(f.pattern)})), dtype);
  return sql_case({{sql_as_is(sql_function("rlike", {x, text(f.regex)})), parsed}}, sql_literal(Value(), dtype));
}

}  // namespace

/// The Spark form of try_strptime (spark_dialect.cpp's function_forms): the first format that
/// reads the text, as TIMESTAMP_NTZ; NULL when none does.
SqlExprPtr spark_try_strptime(const std::vector<SqlExprPtr>& a) {
  if (a[1]->kind != SqlExpr::Kind::List) return parse_one(a[0], a[1]);
  std::vector<SqlExprPtr> tries;
  for (const auto& format : a[1]->args) tries.push_back(parse_one(a[0], format));
  return tries.size() == 1 ? tries[0] : sql_as_is(sql_function("coalesce", std::move(tries)));
}

}  // namespace cormorant::compile
