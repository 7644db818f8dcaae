/// The Spark SQL dialect (Spark 4, ANSI mode) of the Spark engine (issue 14): the tables of
/// what Spark spells differently from DuckDB, for the shared generator in sql.cpp.
///
/// The compiler writes DuckDB's functions and operators; where Spark's of the same name means
/// something else (ANSI mode's division by zero, trunc of a date, concat's NULLs, regexes run
/// by java.util.regex, group 1 by default) or is missing, a form (function_forms,
/// operator_forms) writes DuckDB's result out in Spark's terms, so both engines give the same
/// rows. Functions listed in `unsupported_functions` have no such form yet: a plan that needs
/// one is refused at compile time (UnsupportedError), never sent.
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/compile/sql.hpp"

namespace cormorant::compile {

namespace {

using Args = std::vector<SqlExprPtr>;

SqlExprPtr dbl(double v) { return sql_literal(v, DType::Float64); }

/// The engine's own function `name` (no form of this dialect applies to it).
SqlExprPtr as_is(std::string name, Args args) { return sql_as_is(sql_function(std::move(name), std::move(args))); }

/// DuckDB's signbit(x) of a double: the sign bit, so true for -0.0 and -inf, false for NaN.
/// Spark has none (and its atan2 drops the sign of a zero); it writes a double with its sign
/// ("-0.0", "-Infinity", "NaN").
SqlExprPtr signbit(const Args& a) {
  return sql_function("startswith", {sql_cast(a[0], DType::String), sql_literal(std::string("-"), DType::String)});
}

/// DuckDB's trunc(x) of a double (Spark's trunc truncates dates): x where it is already whole
/// (|x| >= 2**52, infinite, NaN: NaN orders above every number on Spark), the zero of x's sign
/// where |x| < 1, else x less its fractional part (the remainder of x by 1, exact).
SqlExprPtr trunc(const Args& a) {
  const SqlExprPtr& x = a[0];
  auto magnitude = sql_function("abs", {x});
  return sql_case({{sql_infix(">=", magnitude, dbl(4503599627370496.0)), x},
                   {sql_infix("<", magnitude, dbl(1.0)), sql_infix("*", x, dbl(0.0))}},
                  sql_infix("-", x, sql_infix("%", x, dbl(1.0))));
}

/// DuckDB's floor(x) of a double (Spark's floor is a BIGINT, clamped): trunc(x), one less
/// where that is above x.
SqlExprPtr floor(const Args& a) {
  auto t = sql_function("trunc", {a[0]});
  return sql_case({{sql_infix(">", t, a[0]), sql_infix("-", t, dbl(1.0))}}, t);
}

/// DuckDB's round(x) of a double, half away from zero as Spark's: a zero result keeps x's sign
/// (round(-0.4) is -0.0), which Spark's, through a decimal, drops.
SqlExprPtr round(const Args& a) {
  auto rounded = as_is("round", a);
  if (a.size() != 1) return rounded;
  return sql_case({{sql_infix("=", rounded, dbl(0.0)), sql_infix("*", a[0], dbl(0.0))}}, rounded);
}

/// a / b as DuckDB divides doubles: by a zero of either sign, a times the infinity of that
/// sign (0 / 0 and NaN / 0 are NaN). Spark's ANSI mode fails a division by zero, and its
/// CASE evaluates only the branch it takes.
SqlExprPtr divide(const Args& a) {
  auto quotient = sql_as_is(sql_infix("/", a[0], a[1]));
  if (nonzero_literal(a[1])) return quotient;
  auto infinity = sql_case({{sql_function("signbit", {a[1]}), dbl(-HUGE_VAL)}}, dbl(HUGE_VAL));
  return sql_case({{sql_infix("=", a[1], dbl(0.0)), sql_infix("*", a[0], infinity)}}, quotient);
}

/// DuckDB's concat: a missing argument counts as empty text (Spark's concat is NULL then).
SqlExprPtr concat(const Args& a) {
  Args filled;
  for (const auto& x : a) filled.push_back(sql_function("coalesce", {x, sql_literal(std::string(), DType::String)}));
  return as_is("concat", std::move(filled));
}

/// cormorant_var_exact(x, ddof) (the engine's exact variance, NumPy's n - ddof divisor clipped
/// at 0, NULL without values) with Spark's var_pop: the same but for the last bits (Spark's
/// double sums are neither exact nor independent of the order rows arrive in).
SqlExprPtr variance(const Args& a) {
  auto n = sql_function("count", {a[0]});
  auto divisor = sql_function("greatest", {sql_infix("-", n, a[1]), sql_literal(int64_t{0}, DType::Int64)});
  auto squares = sql_infix("*", sql_function("var_pop", {a[0]}), sql_cast(n, DType::Float64));
  return sql_case({{sql_infix(">", n, sql_literal(int64_t{0}, DType::Int64)), sql_infix("/", squares, sql_cast(divisor, DType::Float64))}},
                  nullptr);
}

/// Whether at least two rows have both of a[0] and a[1] present (a count over the aggregate's
/// rows, or its window's).
SqlExprPtr two_pairs(const Args& a) {
  auto both = sql_infix("AND", sql_postfix(a[0], "IS NOT NULL"), sql_postfix(a[1], "IS NOT NULL"));
  auto pairs = sql_function("count", {sql_case({{both, sql_literal(int64_t{1}, DType::Int64)}}, nullptr)});
  return sql_infix(">=", pairs, sql_literal(int64_t{2}, DType::Int64));
}

/// The text of a string literal, or nullopt.
std::optional<std::string> text_of(const SqlExprPtr& e) {
  if (e->kind != SqlExpr::Kind::Literal || !e->value.holds<std::string>()) return std::nullopt;
  return e->value.get<std::string>();
}

SqlExprPtr text(std::string s) { return sql_literal(Value(std::move(s)), DType::String); }

/// DuckDB's strftime(x, format) of a constant format as Spark's date_format with the same
/// pattern in java.time's letters (text between codes quoted); a code with no exact
/// counterpart is refused.
SqlExprPtr strftime(const Args& a) {
  auto format = text_of(a[1]);
  if (!format) throw NotImplementedError("strftime of a format computed per row is not yet on the Spark engine; run it on the DuckDB engine");
  static const std::map<char, std::string> codes = {
      {'Y', "yyyy"}, {'m', "MM"},  {'d', "dd"},     {'H', "HH"},   {'M', "mm"},  {'S', "ss"}, {'y', "yy"},
      {'j', "DDD"},  {'A', "EEEE"}, {'a', "EEE"},   {'B', "MMMM"}, {'b', "MMM"}, {'p', "a"},  {'I', "hh"},
      {'f', "SSSSSS"}};
  std::string pattern, quoted;
  auto flush = [&] {
    if (!quoted.empty()) pattern += "'" + quoted + "'";
    quoted.clear();
  };
  for (size_t i = 0; i < format->size(); ++i) {
    char c = (*format)[i];
    if (c != '%' || i + 1 == format->size() || (*format)[i + 1] == '%') {
      quoted += c == '\'' ? "''" : std::string(1, c);
      i += c == '%' && i + 1 < format->size();  // (%% is one %)
      continue;
    }
    auto code = codes.find((*format)[++i]);
    if (code == codes.end()) {
      throw NotImplementedError(std::string("the strftime code %") + (*format)[i] +
                                " is not yet on the Spark engine; run it on the DuckDB engine");
    }
    flush();
    pattern += code->second;
  }
  flush();
  return sql_function("date_format", {a[0], text(pattern)});
}

/// DuckDB's date_diff(unit, a, b): the day or month boundaries from a to b (Spark's datediff
/// counts days between dates; its months_between is fractional).
SqlExprPtr date_diff(const Args& a) {
  auto unit = text_of(a[0]);
  auto day = [](const SqlExprPtr& x) { return sql_cast(x, DType::Date); };
  if (unit == "day") return sql_cast(sql_function("datediff", {day(a[2]), day(a[1])}), DType::Int64);
  if (unit == "month") {
    auto months = [](const SqlExprPtr& x) {
      return sql_infix("+", sql_infix("*", sql_function("year", {x}), sql_literal(int64_t{12}, DType::Int64)),
                       sql_function("month", {x}));
    };
    return sql_cast(sql_infix("-", months(a[2]), months(a[1])), DType::Int64);
  }
  throw NotImplementedError("date_diff in " + unit.value_or("a unit computed per row") +
                            " is not yet on the Spark engine; run it on the DuckDB engine");
}

/// An RE2 pattern (the compiler's or the user's) for java.util.regex, which Spark runs:
/// UNIX_LINES, so that `.` and `$` see only "\n" as a line end (as RE2 does), and `flags`.
std::string java_regex(const std::string& pattern, const std::string& flags = "") {
  // Python's named groups (?P<name>...), which RE2 takes and Java spells (?<name>...) with
  // fewer names allowed, as plain groups: cormorant reads groups by number.
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += pattern.substr(i++, 2);
      continue;
    }
    if (!in_class && pattern.compare(i, 4, "(?P<") == 0) {
      auto close = pattern.find('>', i);
      if (close != std::string::npos) {
        out += '(';
        i = close;
        continue;
      }
    }
    if (c == '[' && !in_class) {
      in_class = true;
    } else if (c == ']' && in_class) {
      in_class = false;
    }
    out += c;
  }
  return "(?d" + flags + ")" + out;
}

/// The constant pattern of a regex function, refused when computed per row.
std::string regex_of(const SqlExprPtr& e, const std::string& function) {
  auto pattern = text_of(e);
  if (!pattern) throw NotImplementedError(function + " of a pattern computed per row is not yet on the Spark engine; run it on the DuckDB engine");
  return *pattern;
}

/// Java's options of DuckDB's regex options ("i": case-insensitive, Unicode-aware; "g": all
/// matches, given back in `global`); others are refused.
std::string java_flags(const Args& a, size_t at, bool* global = nullptr) {
  if (a.size() <= at) return "";
  std::string options = regex_of(a[at], "a regular expression's options"), flags;
  for (char c : options) {
    if (c == 'i') {
      flags = "iu";
    } else if (c == 'g' && global) {
      *global = true;
    } else {
      throw NotImplementedError(std::string("the regular expression option '") + c + "' is not yet on the Spark engine; run it on the DuckDB engine");
    }
  }
  return flags;
}

/// An RE2 rewrite (\0..\9 groups, a backslash escaping the next character) as a Java
/// replacement ($n groups, backslash escapes), its group numbers moved by `shift`.
std::string java_replacement(const std::string& rewrite, int shift) {
  std::string out;
  for (size_t i = 0; i < rewrite.size(); ++i) {
    char c = rewrite[i];
    if (c == '\\' && i + 1 < rewrite.size() && rewrite[i + 1] >= '0' && rewrite[i + 1] <= '9') {
      out += "$" + std::to_string(rewrite[++i] - '0' + shift);
    } else if (c == '\\' && i + 1 < rewrite.size()) {
      out += std::string("\\") + rewrite[++i];
    } else {
      out += c == '$' ? std::string("\\$") : std::string(1, c);
    }
  }
  return out;
}

/// DuckDB's regexp_replace(s, pattern, rewrite[, options]): the first match only unless "g";
/// Spark's replaces all, so the first is the one after the shortest prefix (\A(.*?)).
SqlExprPtr regexp_replace(const Args& a) {
  bool global = false;
  std::string flags = java_flags(a, 3, &global);
  std::string pattern = regex_of(a[1], "regexp_replace"), rewrite = regex_of(a[2], "regexp_replace");
  if (global) return as_is("regexp_replace", {a[0], text(java_regex(pattern, flags)), text(java_replacement(rewrite, 0))});
  return as_is("regexp_replace", {a[0], text(java_regex("\\A((?s:.*?))(?:" + pattern + ")", flags)),
                                  text("$1" + java_replacement(rewrite, 1))});
}

/// `text` as a Java regex matching itself (every character but letters and digits escaped).
std::string java_quote(const std::string& text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u)) out += '\\';
    out += c;
  }
  return out;
}

/// DuckDB's trim/ltrim/rtrim(s, characters): the longest run of those characters at the ends
/// (Spark's two-argument trims take other arguments), as a regex replacement.
Dialect::Form trim(bool leading, bool trailing) {
  return [leading, trailing](const Args& a) {
    if (a.size() == 1) throw NotImplementedError("trim of spaces only is not yet on the Spark engine; run it on the DuckDB engine");
    std::string characters = regex_of(a[1], "strip"), set;
    if (characters.empty()) return a[0];
    // one alternative per character (UTF-8 sequences kept whole)
    for (size_t i = 0; i < characters.size();) {
      size_t n = 1;
      while (i + n < characters.size() && (static_cast<unsigned char>(characters[i + n]) & 0xC0) == 0x80) ++n;
      set += (set.empty() ? "" : "|") + java_quote(characters.substr(i, n));
      i += n;
    }
    std::string run = "(?:" + set + ")+";
    std::string pattern = leading && trailing ? "\\A" + run + "|" + run + "\\z" : leading ? "\\A" + run : run + "\\z";
    return as_is("regexp_replace", {a[0], text(java_regex(pattern)), text("")});
  };
}

/// DuckDB's string_split(s, separator): the pieces between separators, empty ones kept; by
/// empty text, the characters ('' gives ['']).
SqlExprPtr string_split(const Args& a) {
  std::string separator = regex_of(a[1], "split");
  if (separator.empty()) {  // characters: at every position but the end and the middle of a UTF-16 pair
    return sql_function("split", {a[0], text("(?!\\z)(?![\\x{DC00}-\\x{DFFF}])"), sql_literal(int64_t{-1}, DType::Int64)});
  }
  return sql_function("split", {a[0], text(java_quote(separator)), sql_literal(int64_t{-1}, DType::Int64)});
}

/// DuckDB's to_microseconds(n), the interval of n microseconds (a timedelta is its BIGINT
/// microseconds), as Spark's day-time interval: n / 10**6 seconds, exact as a decimal (|n| of
/// pandas' timedeltas is below 2**63 microseconds, 9.2e12 seconds; DECIMAL(18,6) holds 1e12
/// seconds more than pandas' 292 years). Timestamps plus or minus it keep their type, as in
/// DuckDB (Spark's session zone is UTC, so an instant moves by exactly that many microseconds).
SqlExprPtr to_microseconds(const Args& a) {
  auto seconds = sql_infix("/", sql_cast_decimal(a[0], 18, 0), sql_literal(int64_t{1'000'000}, DType::Int64));
  auto zero = sql_literal(int64_t{0}, DType::Int64);
  return sql_function("make_dt_interval", {zero, zero, zero, sql_cast_decimal(seconds, 18, 6)});
}

/// DuckDB's timezone(zone, instant): the wall time (a naive timestamp) of an instant in `zone`
/// (the compiler passes only instants). Spark's convert_timezone moves a naive UTC wall time
/// to the zone's, with the zone's rules for that instant.
SqlExprPtr timezone(const Args& a) {
  return sql_function("convert_timezone", {text("UTC"), a[0], sql_cast(a[1], DType::Timestamp)});
}

/// DuckDB's regexp_full_match(s, pattern): the whole of s matches (Spark's rlike finds a match
/// anywhere): the pattern anchored at both ends of the text.
SqlExprPtr regexp_full_match(const Args& a) {
  std::string pattern = regex_of(a[1], "a full match");
  return sql_function("rlike", {a[0], text(java_regex("\\A(?:" + pattern + ")\\z", java_flags(a, 2)))});
}

/// DuckDB's list_select(string_split(s, ''), range(from, to, step)) (the compiler's s[i:j:k]
/// with a step other than 1: the characters at 1-based positions from, from + step, ... before
/// `to`): Spark has no list_select; the characters of the range's stretch of s (of reverse(s)
/// for a negative step, whose position p is length + 1 - p there) taken every |step|-th by a
/// regex (Java's `.` is a whole code point, as DuckDB's characters are), as a list of them.
/// Other list_selects stay refused.
SqlExprPtr list_select(const Args& a) {
  const auto& chars = a[0];
  const auto& range = a[1];
  bool characters = chars->kind == SqlExpr::Kind::Function && chars->name == "string_split" && chars->args.size() == 2 &&
                    text_of(chars->args[1]) == std::string();
  bool constant_step = range->kind == SqlExpr::Kind::Function && range->name == "range" && range->args.size() == 3 &&
                       range->args[2]->kind == SqlExpr::Kind::Literal && range->args[2]->value.holds<int64_t>();
  if (!characters || !constant_step || range->args[2]->value.get<int64_t>() == 0) {
    throw NotImplementedError("list_select is not yet on the Spark engine; run it on the DuckDB engine");
  }
  const SqlExprPtr& s = chars->args[0];
  SqlExprPtr from = range->args[0], to = range->args[1];
  int64_t step = range->args[2]->value.get<int64_t>();
  auto integer = [](int64_t v) { return sql_literal(v, DType::Int64); };
  auto count = sql_function("greatest", {step > 0 ? sql_infix("-", to, from) : sql_infix("-", from, to), integer(0)});
  SqlExprPtr stretch;
  if (step > 0) {
    stretch = sql_function("substring", {s, from, count});
  } else {
    auto reversed_from = sql_infix("-", sql_infix("+", sql_function("length", {s}), integer(1)), from);
    stretch = sql_function("substring", {sql_function("reverse", {s}), reversed_from, count});
  }
  int64_t skip = (step > 0 ? step : -step) - 1;
  return sql_function("regexp_extract_all", {stretch, text("(?s)(.).{0," + std::to_string(skip) + "}"), integer(1)});
}

/// Python's str.upper/str.lower (cormorant_str_upper/lower on DuckDB: pandas' results) as
/// Spark's upper/lower (ICU's full case mappings, Unicode 16 in Spark 4.3), which give Python's
/// (Unicode 14 in Python 3.11) results but on the letters a later Unicode gave case mappings
/// to, and, for lower's final sigma, on letters a later Unicode made cased or case-ignorable.
/// A value holding one of those is refused at run time (UnsupportedError); every other value is
/// Spark's. The sets are what tests/spark/test_case_mapping.py finds over every code point
/// (upper and lower of each; lower of Σ beside each): it fails when Spark or Python moves.
Dialect::Form case_mapping(bool upper) {
  return [upper](const Args& a) {
    // (Java regex classes; code points Python leaves as they are and ICU maps)
    static const std::string kUpperDiffers =
        R"(\x{19b}\x{264}\x{1c8a}\x{a7cd}\x{a7cf}\x{a7d3}\x{a7d5}\x{a7db}\x{10d70}-\x{10d85}\x{16ebb}-\x{16ed3})";
    static const std::string kLowerDiffers =
        R"(\x{1c89}\x{a7cb}-\x{a7cc}\x{a7ce}\x{a7d2}\x{a7d4}\x{a7da}\x{a7dc}\x{10d50}-\x{10d65}\x{16ea0}-\x{16eb8})";
    // (beside a capital sigma, these decide differently whether it is final)
    static const std::string kSigmaContext =
        R"(\x{295}\x{897}\x{ece}\x{1acf}-\x{1add}\x{1ae0}-\x{1aeb}\x{1c8a}\x{a7cd}\x{a7cf}\x{a7db}\x{a7f1}\x{10d4e})"
        R"(\x{10d69}-\x{10d6d}\x{10d6f}-\x{10d85}\x{10ec5}\x{10efa}-\x{10eff}\x{11241}\x{113bb}-\x{113c0}\x{113ce})"
        R"(\x{113d0}\x{113d2}\x{113e1}-\x{113e2}\x{1171e}\x{11b60}\x{11b62}-\x{11b64}\x{11b66}\x{11dd9}\x{11f00}-\x{11f01})"
        R"(\x{11f36}-\x{11f3a}\x{11f40}\x{11f42}\x{11f5a}\x{13439}-\x{13440}\x{13447}-\x{13455}\x{1611e}-\x{16129})"
        R"(\x{1612d}-\x{1612f}\x{16d40}-\x{16d42}\x{16d6b}-\x{16d6c}\x{16ebb}-\x{16ed3}\x{16ff2}-\x{16ff3}\x{1df25}-\x{1df2a})"
        R"(\x{1e030}-\x{1e06d}\x{1e08f}\x{1e4eb}-\x{1e4ef}\x{1e5ee}-\x{1e5ef}\x{1e6e3}\x{1e6e6}\x{1e6ee}-\x{1e6ef}\x{1e6f5}\x{1e6ff})";
    const SqlExprPtr& s = a[0];
    SqlExprPtr differs = sql_function("rlike", {s, text("[" + (upper ? kUpperDiffers : kLowerDiffers) + "]")});
    if (!upper) {
      auto sigma = sql_function("contains", {s, text("\u03a3")});
      differs = sql_infix("OR", differs, sql_infix("AND", sigma, sql_function("rlike", {s, text("[" + kSigmaContext + "]")})));
    }
    std::string method = upper ? "str.upper" : "str.lower";
    auto refused = sql_raise(ErrorKind::NotImplemented,
                             {text(method + " of the value '"), s,
                              text("' is not yet on the Spark engine: Spark's case mappings (a later Unicode) and "
                                   "Python's differ on some of its letters; run it on the DuckDB engine")},
                             DType::String);
    return sql_case({{differs, refused}}, sql_function(upper ? "upper" : "lower", {s}));
  };
}

}  // namespace

const Dialect& spark_dialect() {
  static const Dialect dialect = [] {
    Dialect d;
    d.name = "Spark";
    d.identifier_quote = '`';
    d.spark_syntax = true;
    d.type_names = {{DType::Boolean, "BOOLEAN"},
                    {DType::Int64, "BIGINT"},
                    {DType::Float64, "DOUBLE"},
                    {DType::String, "STRING"},
                    {DType::Date, "DATE"},
                    {DType::Time, "TIME"},
                    {DType::Timestamp, "TIMESTAMP_NTZ"},  // naive
                    {DType::TimestampTz, "TIMESTAMP"},    // an instant, shown in the session zone
                    {DType::Binary, "BINARY"},
                    {DType::Decimal, "DECIMAL(38,9)"},
                    {DType::Timedelta, "BIGINT"},
                    {DType::Categorical, "BIGINT"}};
    d.function_names = {{"error", "raise_error"},  // (a NULL of any type, as DuckDB's error)
                        {"epoch_us", "unix_micros"},
                        {"quantile_cont", "percentile"},  // both interpolate linearly, exactly
                        {"starts_with", "startswith"},
                        {"ends_with", "endswith"},
                        {"strpos", "instr"},
                        {"week", "weekofyear"}};  // (ISO weeks both)
    d.operator_names = {{"//", "DIV"}};  // integers only in the compiler's SQL; both truncate
    d.engine_type_names = {{"HUGEINT", "DECIMAL(38,0)"}, {"INTEGER", "INT"}};
    d.function_forms = {{"signbit", signbit}, {"trunc", trunc}, {"floor", floor}, {"round", round}, {"concat", concat},
                        {"isinf", [](const Args& a) { return sql_infix("=", sql_function("abs", {a[0]}), dbl(HUGE_VAL)); }},
                        {"isfinite", [](const Args& a) { return sql_infix("<", sql_function("abs", {a[0]}), dbl(HUGE_VAL)); }}};
    // Dates: DuckDB's isodow is Monday=1 (Spark's weekday Monday=0); its microsecond counts
    // the microseconds of the minute (seconds included).
    d.function_forms.insert(
        {{"strftime", strftime},
         {"date_diff", date_diff},
         {"to_microseconds", to_microseconds},
         {"timezone", timezone},
         {"isodow", [](const Args& a) {
            return sql_cast(sql_infix("+", sql_function("weekday", {a[0]}), sql_literal(int64_t{1}, DType::Int64)), DType::Int64);
          }},
         {"dayname", [](const Args& a) { return sql_function("date_format", {a[0], text("EEEE")}); }},  // (Spark's: "Mon")
         {"monthname", [](const Args& a) { return sql_function("date_format", {a[0], text("MMMM")}); }},
         {"microsecond", [](const Args& a) {
            return sql_cast(sql_function("date_format", {a[0], text("ssSSSSSS")}), DType::Int64);
          }}});
    // Text: regular expressions (RE2's) run as java.util.regex ones (see java_regex); DuckDB's
    // regexp_extract(_all) take group 0 by default, Spark's group 1.
    d.function_forms.insert(
        {{"regexp_replace", regexp_replace},
         {"regexp_full_match", regexp_full_match},
         {"list_select", list_select},
         {"trim", trim(true, true)},
         {"ltrim", trim(true, false)},
         {"rtrim", trim(false, true)},
         {"string_split", string_split},
         {"string_split_regex", [](const Args& a) {
            return sql_function("split", {a[0], text(java_regex(regex_of(a[1], "split"))), sql_literal(int64_t{-1}, DType::Int64)});
          }},
         {"regexp_matches", [](const Args& a) {
            return sql_function("rlike", {a[0], text(java_regex(regex_of(a[1], "a regex search"), java_flags(a, 2)))});
          }},
         {"regexp_extract", [](const Args& a) {
            return as_is("regexp_extract", {a[0], text(java_regex(regex_of(a[1], "extract"))),
                                                   a.size() > 2 ? a[2] : sql_literal(int64_t{0}, DType::Int64)});
          }},
         {"regexp_extract_all", [](const Args& a) {
            return as_is("regexp_extract_all", {a[0], text(java_regex(regex_of(a[1], "findall"))),
                                                       a.size() > 2 ? a[2] : sql_literal(int64_t{0}, DType::Int64)});
          }},
         {"len", [](const Args& a) {  // (of a list; Spark's size of a NULL array is -1 outside ANSI mode)
            return sql_case({{sql_postfix(a[0], "IS NOT NULL"), sql_cast(sql_function("size", {a[0]}), DType::Int64)}}, nullptr);
          }},
         {"array_to_string", [](const Args& a) { return sql_function("array_join", a); }},
         // (1-based, from the end when negative, NULL out of range; Spark's element_at of
         // position 0 fails, DuckDB's list_extract gives NULL: a categorical's decoding)
         {"list_extract", [](const Args& a) {
            auto at = sql_function("try_element_at", {a[0], sql_cast(a[1], DType::integer(32, false))});  // (an INT)
            return sql_case({{sql_infix("<>", a[1], sql_literal(int64_t{0}, DType::Int64)), at}}, nullptr);
          }},
         // (1-based; NULL where no item equals the value, Spark's 0: a categorical's encoding)
         {"list_position", [](const Args& a) {
            return sql_function("nullif", {sql_function("array_position", a), sql_literal(int64_t{0}, DType::Int64)});
          }}});
    // Float aggregates: Spark's own, which round differently in the last bits (see variance).
    d.function_forms.insert(
        {{"cormorant_sum_exact", [](const Args& a) {  // (0 without values, as the exact sum)
            return sql_function("coalesce", {sql_function("sum", a), dbl(0.0)});
          }},
         {"cormorant_var_exact", variance},
         {"cormorant_str_upper", case_mapping(true)},
         {"cormorant_str_lower", case_mapping(false)},
         {"cormorant_std_exact", [](const Args& a) { return sql_function("sqrt", {variance(a)}); }},
         // Spark's covar_samp/corr (pairs with a missing side skipped, NULL under two pairs, as
         // the exact ones; they too may differ in the last bits): a correlation of a side
         // without spread is NaN as DuckDB's (Spark's NULL).
         {"cormorant_cov_exact", [](const Args& a) { return sql_case({{two_pairs(a), as_is("covar_samp", a)}}, nullptr); }},
         {"cormorant_corr_exact", [](const Args& a) {
            return sql_case({{two_pairs(a), sql_function("coalesce", {as_is("corr", a), dbl(std::nan(""))})}}, nullptr);
          }}});
    // The row key of rows without an order of their own (read_sql): xxhash64 of the seed and of
    // every value with whether it is missing (xxhash64 skips NULLs, so (NULL, 1) and (1, NULL)
    // would share a key). Other values than DuckDB's hash: such rows come in another (but as
    // repeatable) order on each engine.
    d.function_forms.insert({"hash", [](const Args& a) {
                               Args args{a.at(0)};
                               for (size_t i = 1; i < a.size(); ++i) {
                                 args.push_back(a[i]);
                                 args.push_back(sql_function("isnull", {a[i]}));
                               }
                               return as_is("xxhash64", args);
                             }});
    d.operator_forms = {{"/", divide}};
    d.unsupported_prefixes = {"cormorant_"};  // cormorant's own DuckDB functions (engine/)
    d.unsupported_functions = {
        // Spark lacks these, or has them with another meaning (hash's values, xor of booleans).
        "xor",
        "to_days", "to_months", "try_strptime", "make_timestamp", "printf", "decode",
        "list_slice", "list_median", "list_count", "list_contains", "list_aggregate",
        "struct_extract", "list_concat", "unnest", "fmod", "quantile_disc", "nfc_normalize", "encode", "try"};
    return d;
  }();
  return dialect;
}

}  // namespace cormorant::compile
