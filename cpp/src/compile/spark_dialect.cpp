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
#include <cstdio>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "spark_forms.hpp"

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
  return sql_let(a[0], "cormorant_trunc", [](const SqlExprPtr& x) {
    auto magnitude = sql_function("abs", {x});
    return sql_case({{sql_infix(">=", magnitude, dbl(4503599627370496.0)), x},
                     {sql_infix("<", magnitude, dbl(1.0)), sql_infix("*", x, dbl(0.0))}},
                    sql_infix("-", x, sql_infix("%", x, dbl(1.0))));
  });
}

/// DuckDB's floor(x) of a double (Spark's floor is a BIGINT, clamped): trunc(x), one less
/// where that is above x.
SqlExprPtr floor(const Args& a) {
  return sql_let(a[0], "cormorant_floored", [](const SqlExprPtr& x) {
    return sql_let(sql_function("trunc", {x}), "cormorant_truncated", [&](const SqlExprPtr& t) {
      return sql_case({{sql_infix(">", t, x), sql_infix("-", t, dbl(1.0))}}, t);
    });
  });
}

/// DuckDB's ceil(x) of a double (Spark's ceil is a BIGINT, which fails past its range: an
/// infinity): trunc(x), one more where that is below x.
SqlExprPtr ceiling(const Args& a) {
  return sql_let(a[0], "cormorant_ceiled", [](const SqlExprPtr& x) {
    return sql_let(sql_function("trunc", {x}), "cormorant_truncated", [&](const SqlExprPtr& t) {
      return sql_case({{sql_infix("<", t, x), sql_infix("+", t, dbl(1.0))}}, t);
    });
  });
}

/// DuckDB's isnan(x): NULL for a missing x (Spark's isnan of NULL is false).
SqlExprPtr nan_test(const Args& a) {
  return sql_let(a[0], "cormorant_nan", [](const SqlExprPtr& x) {
    return sql_case({{sql_postfix(x, "IS NOT NULL"), as_is("isnan", {x})}}, nullptr);
  });
}

/// DuckDB's sign(x): 0.0 for -0.0 (Spark's, Java's Math.signum, keeps the zero's sign), by
/// adding 0.0 (-0.0 + 0.0 is 0.0; NaN and the signs of other values stay).
SqlExprPtr sign(const Args& a) { return sql_infix("+", as_is("sign", a), dbl(0.0)); }

/// DuckDB's round(x) of a double, half away from zero as Spark's: a zero result keeps x's sign
/// (round(-0.4) is -0.0), which Spark's, through a decimal, drops.
SqlExprPtr round(const Args& a) {
  if (a.size() != 1) return as_is("round", a);
  return sql_let(a[0], "cormorant_unrounded", [](const SqlExprPtr& x) {
    return sql_let(as_is("round", {x}), "cormorant_rounded", [&](const SqlExprPtr& rounded) {
      return sql_case({{sql_infix("=", rounded, dbl(0.0)), sql_infix("*", x, dbl(0.0))}}, rounded);
    });
  });
}

/// cormorant_skew and cormorant_kurt (pandas' skew and kurt: the sample's, bias-adjusted; the
/// engine's, engine/exact_aggregates.cpp) from Spark's, which are the population's (g1; g2,
/// excess), from central moments as the engine's: G1 = g1 sqrt(n(n-1)) / (n-2) and
/// G2 = (n-1) ((n+1) g2 + 6) / ((n-2)(n-3)), n the values counted; NULL under 3 or 4 values,
/// with no spread (var_pop 0), or where the moments overflowed (NaN or an infinity). Spark's g1
/// divides by the cube of the squares' sum, which overflows from a spread of about 1e51 (its
/// skewness is then 0.0, pandas' 2.24; no scaled form can run beside it: Spark computes every
/// aggregate, and a scaled one fails on ordinary values): refused at run time from a population
/// variance of 2**160. Spark's moments are not taken over shifted values as the engine's: for
/// values far from zero and close together they lose digits (relative 6e-6 near 1e12, spread 2).
Dialect::Form sample_moment(bool skew) {
  return [skew](const Args& a) {
    auto n = sql_cast(as_is("count", {a[0]}), DType::Float64);
    auto minus = [&](double k) { return sql_infix("-", n, dbl(k)); };
    auto times = [](SqlExprPtr x, SqlExprPtr y) { return sql_infix("*", std::move(x), std::move(y)); };
    SqlExprPtr value;
    if (skew) {
      value = times(as_is("skewness", a), as_is("try_divide", {as_is("sqrt", {times(n, minus(1))}), minus(2)}));
    } else {
      auto g2 = times(sql_infix("+", n, dbl(1)), as_is("kurtosis", a));
      value = as_is("try_divide", {times(minus(1), sql_infix("+", g2, dbl(6))), times(minus(2), minus(3))});
    }
    auto spread = as_is("var_pop", a);
    // (NaN is Spark's largest value: NaN > 0 holds, NaN < inf does not)
    auto ok = sql_infix("AND", sql_infix(">", spread, dbl(0.0)), sql_infix("<", as_is("abs", {value}), dbl(HUGE_VAL)));
    std::vector<std::pair<SqlExprPtr, SqlExprPtr>> cases;
    if (skew) {
      auto huge = sql_infix("AND", sql_infix(">=", spread, dbl(std::ldexp(1.0, 160))), sql_infix("<", spread, dbl(HUGE_VAL)));
      cases.push_back({huge, sql_raise(ErrorKind::NotImplemented,
                                       {sql_literal(std::string("skew of values spread past 1e24 (a variance past 2**160) is not "
                                                                "exact on the Spark engine (Spark's skewness overflows); run it on the "
                                                                "DuckDB engine"),
                                                    DType::String)},
                                       DType::Float64)});
    }
    cases.push_back({ok, value});
    return sql_case(std::move(cases), nullptr);
  };
}

/// a / b as DuckDB divides doubles: by a zero of either sign, a times the infinity of that
/// sign (0 / 0 and NaN / 0 are NaN). Spark's ANSI mode fails a division by zero, and its
/// CASE evaluates only the branch it takes.
SqlExprPtr divide(const Args& a) {
  if (nonzero_literal(a[1])) return sql_as_is(sql_infix("/", a[0], a[1]));
  return sql_let(a[0], "cormorant_dividend", [&](const SqlExprPtr& x) {
    return sql_let(a[1], "cormorant_divisor", [&](const SqlExprPtr& y) {
      auto infinity = sql_case({{sql_function("signbit", {y}), dbl(-HUGE_VAL)}}, dbl(HUGE_VAL));
      return sql_case({{sql_infix("=", y, dbl(0.0)), sql_infix("*", x, infinity)}}, sql_as_is(sql_infix("/", x, y)));
    });
  });
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
/// pattern in java.time's letters (text between codes quoted; %-d and the like unpadded), and
/// the codes java.time has no formatting letters for (Spark refuses its week-based ones) as
/// numbers of their own joined to it: %w, %u, %U, %W, %V, %G and %-y. A code with no exact
/// counterpart is refused.
SqlExprPtr strftime(const Args& a) {
  auto format = text_of(a[1]);
  if (!format) throw NotImplementedError("strftime of a format computed per row is not yet on the Spark engine; run it on the DuckDB engine");
  static const std::map<std::string, std::string> codes = {
      {"Y", "yyyy"}, {"m", "MM"},  {"d", "dd"},   {"H", "HH"},   {"M", "mm"},  {"S", "ss"}, {"y", "yy"},
      {"j", "DDD"},  {"A", "EEEE"}, {"a", "EEE"}, {"B", "MMMM"}, {"b", "MMM"}, {"p", "a"},  {"I", "hh"},
      {"f", "SSSSSS"}, {"-m", "M"}, {"-d", "d"},  {"-H", "H"},   {"-M", "m"},  {"-S", "s"}, {"-I", "h"},
      {"-j", "D"}};
  const SqlExprPtr& x = a[0];
  auto integer = [](int64_t v) { return sql_literal(v, DType::Int64); };
  auto sunday0 = sql_infix("-", sql_function("dayofweek", {x}), integer(1));  // Sunday=0
  auto monday0 = sql_infix("%", sql_infix("+", sql_function("dayofweek", {x}), integer(5)), integer(7));
  auto week = [&](SqlExprPtr first) {  // C's %U/%W: weeks whose first day is `first`'s 0
    auto n = sql_infix("//", sql_infix("-", sql_infix("+", sql_function("dayofyear", {x}), integer(6)), std::move(first)), integer(7));
    return sql_function("printf", {text("%02d"), n});
  };
  auto number = [](SqlExprPtr n) { return sql_cast(std::move(n), DType::String); };
  SqlExprPtr out;
  std::string pattern, quoted;
  auto flush = [&] {
    if (!quoted.empty()) pattern += "'" + quoted + "'";
    quoted.clear();
  };
  auto append = [&](SqlExprPtr piece) { out = out ? sql_infix("||", out, std::move(piece)) : std::move(piece); };
  auto flush_pattern = [&] {
    flush();
    if (!pattern.empty()) append(sql_function("date_format", {x, text(pattern)}));
    pattern.clear();
  };
  for (size_t i = 0; i < format->size(); ++i) {
    char c = (*format)[i];
    if (c != '%' || i + 1 == format->size() || (*format)[i + 1] == '%') {
      quoted += c == '\'' ? "''" : std::string(1, c);
      i += c == '%' && i + 1 < format->size();  // (%% is one %)
      continue;
    }
    std::string code(1, (*format)[++i]);
    if (code == "-" && i + 1 < format->size()) code += (*format)[++i];
    auto letters = codes.find(code);
    if (letters != codes.end()) {
      flush();
      pattern += letters->second;
      continue;
    }
    SqlExprPtr value;
    if (code == "w") value = number(sunday0);
    else if (code == "u") value = number(sql_infix("+", monday0, integer(1)));
    else if (code == "U") value = week(sunday0);
    else if (code == "W") value = week(monday0);
    else if (code == "V") value = sql_function("printf", {text("%02d"), sql_function("weekofyear", {x})});
    else if (code == "G") value = sql_function("printf", {text("%04d"), sql_function("isoyear", {x})});  // (of dates; datetimes' is "-G")
    else if (code == "-y") value = number(sql_infix("%", sql_function("year", {x}), integer(100)));
    if (!value) {
      throw NotImplementedError("the strftime code %" + code + " is not yet on the Spark engine; run it on the DuckDB engine");
    }
    flush_pattern();
    append(value);
  }
  flush_pattern();
  return out ? out : sql_function("date_format", {x, text("")});
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
/// UNIX_LINES, so that `.` and `$` see only "\n" as a line end (as RE2 does), UNICODE_CASE, so
/// that an inline (?i) folds every letter as RE2 and Python's re do (Java's alone folds ASCII
/// only), and `flags`. Where Java reads RE2's text otherwise, it is written out: \b and \B are
/// RE2's ASCII word boundaries (Java's see Unicode letters), \v one character (Java's is a class
/// of vertical spaces), octal escapes characters (Java's \1 is a back reference), [ and & inside
/// a class literal characters (Java nests classes and intersects with &&). RE2's POSIX classes
/// and (?x) are refused.
std::string java_regex(const std::string& pattern, const std::string& flags = "") {
  // Python's named groups (?P<name>...), which RE2 takes and Java spells (?<name>...) with
  // fewer names allowed, as plain groups: cormorant reads groups by number.
  static const std::string word = "[0-9A-Za-z_]";
  auto refuse = [&](const std::string& what) {
    throw NotImplementedError(what + " in a regular expression (" + pattern +
                              ") is not yet on the Spark engine; run it on the DuckDB engine");
  };
  auto is_octal = [](char c) { return c >= '0' && c <= '7'; };
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      char e = pattern[i + 1];
      if (is_octal(e)) {  // RE2's octal \0, \12, \123 (at most three digits, below \400)
        size_t j = i + 1, value = 0;
        while (j < pattern.size() && j < i + 4 && is_octal(pattern[j])) value = value * 8 + (pattern[j++] - '0');
        char hex[16];
        std::snprintf(hex, sizeof hex, "\\x{%zx}", value);
        out += hex;
        i = j - 1;
      } else if (e == 'v') {
        out += "\\x{b}";
        ++i;
      } else if ((e == 'b' || e == 'B') && !in_class) {
        // (?-i:) so that (?iu) does not add the Kelvin sign and the long s to the ASCII letters
        out += e == 'b' ? "(?-i:(?<=" + word + ")(?!" + word + ")|(?<!" + word + ")(?=" + word + "))"
                        : "(?-i:(?<=" + word + ")(?=" + word + ")|(?<!" + word + ")(?!" + word + "))";
        ++i;
      } else {
        out += pattern.substr(i++, 2);
      }
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
    if (!in_class && pattern.compare(i, 2, "(?") == 0) {
      size_t j = i + 2;
      while (j < pattern.size() && (std::isalpha(static_cast<unsigned char>(pattern[j])) || pattern[j] == '-')) {
        if (pattern[j] == 'x') refuse("the verbose flag (?x)");
        ++j;
      }
    }
    if (c == '[' && !in_class) {
      in_class = true;
      out += c;
      // a leading ^ and then a leading ] are part of the class's text
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
        out += "\\]";
        ++i;
      }
      continue;
    }
    if (in_class && c == '[') {
      if (i + 1 < pattern.size() && pattern[i + 1] == ':') refuse("a POSIX class [:name:]");
      out += "\\[";
      continue;
    }
    if (in_class && c == '&') {
      out += "\\&";
      continue;
    }
    if (c == ']' && in_class) in_class = false;
    out += c;
  }
  return "(?du" + flags + ")" + out;
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
      flags = "i";
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
/// (Spark's two-argument trims take other arguments), as a regex replacement; trim(s) of
/// spaces only is Spark's own (both remove U+0020 only, not tabs or other white space).
Dialect::Form trim(bool leading, bool trailing) {
  return [leading, trailing](const Args& a) {
    if (a.size() == 1) return as_is(leading && trailing ? "trim" : leading ? "ltrim" : "rtrim", {a[0]});
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
  // (a Java string holds fewer than 2**31 characters, and its regex counts repeats in an INT)
  uint64_t magnitude = step > 0 ? static_cast<uint64_t>(step) : uint64_t{0} - static_cast<uint64_t>(step);
  int64_t skip = static_cast<int64_t>(std::min<uint64_t>(magnitude - 1, 2147483646));
  return sql_function("regexp_extract_all", {stretch, text("(?s)(.).{0," + std::to_string(skip) + "}"), integer(1)});
}

SqlExprPtr integer(int64_t v) { return sql_literal(v, DType::Int64); }

SqlExprPtr int32(int64_t v) { return sql_cast(integer(v), DType::integer(32, false)); }  // (an INT)

/// An Int64 sum as its high and low 32 bits, which Spark's BIGINT sums (ANSI mode raises past
/// Int64) give exactly short of 2**31 rows: the sums of the high halves (an arithmetic shift)
/// and of the low ones (0 to 2**32 - 1), the low sum's carry moved into the high one. The sum
/// fits Int64 where `high` fits 32 bits.
struct Int64Halves {
  SqlExprPtr high, low;
};

Int64Halves int64_halves(const Args& a) {
  auto x = sql_cast(a[0], DType::Int64);  // (an INT's shift by 32 would be by 0)
  auto mask = integer((int64_t{1} << 32) - 1);
  auto low = sql_function("sum", {sql_infix("&", x, mask)});
  auto high = sql_function("sum", {sql_function("shiftright", {x, int32(32)})});
  return {sql_infix("+", high, sql_function("shiftright", {low, int32(32)})), sql_infix("&", low, mask)};
}

/// The exact Int64 sum past Int64 without overflowing, as DuckDB's (a HUGEINT): the halves put
/// together as DECIMAL(38,0), for an overflow's message only (cormorant_int64_sum_past and
/// _value read the same sums in BIGINTs).
SqlExprPtr int64_sum(const Args& a) {
  auto wide = [](SqlExprPtr e) { return sql_cast_to_engine_type(std::move(e), "HUGEINT"); };
  Int64Halves h = int64_halves(a);
  return sql_infix("+", sql_infix("*", wide(h.high), wide(integer(int64_t{1} << 32))), wide(h.low));
}

SqlExprPtr int64_sum_past(const Args& a) {
  auto high = int64_halves(a).high;
  return sql_infix("OR", sql_infix(">=", high, integer(int64_t{1} << 31)), sql_infix("<", high, integer(-(int64_t{1} << 31))));
}

SqlExprPtr int64_sum_value(const Args& a) {  // (where it fits)
  Int64Halves h = int64_halves(a);
  return sql_infix("|", sql_function("shiftleft", {h.high, int32(32)}), h.low);
}

/// DuckDB's list_slice(l, begin, end[, step]) (1-based, both ends included; the compiler's
/// begin is 0 or more, 0 counting as 1, its step 1 or more) as Spark's slice(l, begin,
/// length), the length never negative (a begin past the end gives an empty list on both);
/// with a step, the items at every step-th position of the slice from its first (filter by
/// the 0-based position).
SqlExprPtr list_slice(const Args& a) {
  auto begin = sql_function("greatest", {a[1], integer(1)});
  auto length = sql_function("greatest", {sql_infix("+", sql_infix("-", a[2], begin), integer(1)), integer(0)});
  auto to_int = [](SqlExprPtr x) { return sql_cast(std::move(x), DType::integer(32, false)); };  // (an INT)
  auto sliced = sql_function("slice", {a[0], to_int(begin), to_int(length)});
  if (a.size() < 4 || (a[3]->kind == SqlExpr::Kind::Literal && a[3]->value.holds<int64_t>() && a[3]->value.get<int64_t>() == 1)) {
    return sliced;
  }
  auto x = sql_column("cormorant_x"), i = sql_column("cormorant_i");
  auto every = sql_infix("=", sql_infix("%", i, a[3]), integer(0));
  return sql_function("filter", {sliced, sql_infix("->", sql_function("", {x, i}), every)});
}

}  // namespace

SqlExprPtr spark_let(const SqlExprPtr& value, const SqlExprPtr& name, SqlExprPtr body) {
  auto one = sql_function("transform", {sql_function("array", {value}), sql_infix("->", name, std::move(body))});
  return sql_function("element_at", {one, int32(1)});
}

namespace {

/// The present items of the list `l` (filter: Spark's aggregates of lists skip none).
SqlExprPtr present_items(const SqlExprPtr& l) {
  auto x = sql_column("cormorant_x");
  return sql_function("filter", {l, sql_infix("->", x, sql_postfix(x, "IS NOT NULL"))});
}

/// Item `k` (1-based, a BIGINT expression) of the list `v`.
SqlExprPtr item(const SqlExprPtr& v, SqlExprPtr k) {
  return sql_function("element_at", {v, sql_cast(std::move(k), DType::integer(32, false))});
}

/// A quotient the guards around it keep from dividing by zero (Spark's own `/`).
SqlExprPtr over(SqlExprPtr a, SqlExprPtr b) { return sql_as_is(sql_infix("/", std::move(a), std::move(b))); }

/// DuckDB's quantile_cont(q) of a list of doubles (list_median: q = 0.5): the present items
/// sorted (NaN last on both), position p = (n - 1) * q, and between the items at floor(p) and
/// ceil(p) DuckDB's interpolation lo + (hi - lo) * (p - floor(p)); NULL without items.
SqlExprPtr list_quantile(const SqlExprPtr& l, const SqlExprPtr& q) {
  auto v = sql_column("cormorant_v");
  auto n = sql_function("size", {v});
  auto p = sql_infix("*", sql_cast(sql_infix("-", n, integer(1)), DType::Float64), q);
  auto lo = as_is("floor", {p}), hi = as_is("ceil", {p});  // (Spark's: BIGINTs)
  auto low = item(v, sql_infix("+", lo, integer(1))), high = item(v, sql_infix("+", hi, integer(1)));
  auto between = sql_infix("+", low, sql_infix("*", sql_infix("-", high, low), sql_infix("-", p, lo)));
  auto body = sql_case({{sql_infix("=", n, integer(0)), sql_cast(sql_literal(Value(), DType::Float64), DType::Float64)},
                        {sql_infix("=", lo, hi), low}},
                       between);
  return spark_let(sql_function("array_sort", {present_items(l)}), v, body);
}

/// DuckDB's list_aggregate(l, name[, q]) for the compiler's names, with DuckDB's formulas over
/// the present items in list order: quantile_cont (list_quantile), cormorant_skew and
/// cormorant_kurt (the engine's, engine/exact_aggregates.cpp: central moments updated item by
/// item; NULL for too few items, no spread or overflow). Other names are refused.
SqlExprPtr list_aggregate(const Args& a) {
  auto name = text_of(a[1]);
  if (name == "quantile_cont" && a.size() == 3) return list_quantile(a[0], a[2]);
  auto acc = sql_column("cormorant_acc"), x = sql_column("cormorant_x"), m = sql_column("cormorant_m");
  auto at = [](const SqlExprPtr& v, int64_t k) { return sql_function("element_at", {v, int32(k)}); };
  auto step = [&](Args items) { return sql_infix("->", sql_function("", {acc, x}), sql_function("array", std::move(items))); };
  auto null = sql_cast(sql_literal(Value(), DType::Float64), DType::Float64);
  auto num = [](double v) { return dbl(v); };
  if ((name == "cormorant_skew" || name == "cormorant_kurt") && a.size() == 2) {  // [n, mean, M2, M3, M4]
    // Pebay's one-value updates of the central moments (engine/exact_aggregates.cpp's MomentState)
    auto mul = [](SqlExprPtr l, SqlExprPtr r) { return sql_infix("*", std::move(l), std::move(r)); };
    auto sub = [](SqlExprPtr l, SqlExprPtr r) { return sql_infix("-", std::move(l), std::move(r)); };
    auto add = [](SqlExprPtr l, SqlExprPtr r) { return sql_infix("+", std::move(l), std::move(r)); };
    auto n1 = at(acc, 1), n = add(at(acc, 1), num(1.0));
    auto delta = sub(x, at(acc, 2)), dn = over(sub(x, at(acc, 2)), n);
    auto dn2 = mul(dn, dn), term = mul(mul(delta, dn), n1);
    auto m2 = at(acc, 3), m3 = at(acc, 4), m4 = at(acc, 5);
    auto poly = add(sub(mul(n, n), mul(num(3.0), n)), num(3.0));
    Args items{n, add(at(acc, 2), dn), add(m2, term),
               sub(add(m3, mul(mul(term, dn), sub(n, num(2.0)))), mul(mul(num(3.0), dn), m2)),
               sub(add(add(m4, mul(mul(term, dn2), poly)), mul(mul(num(6.0), dn2), m2)), mul(mul(num(4.0), dn), m3))};
    // over the items less the first one, as the engine's (exact for items close to it)
    auto p = sql_column("cormorant_p"), v = sql_column("cormorant_v");
    auto shifted = sql_function("transform", {p, sql_infix("->", v, sql_infix("-", v, at(p, 1)))});
    auto moments = spark_let(present_items(a[0]), p,
                       sql_function("aggregate", {shifted, sql_function("array", {num(0.0), num(0.0), num(0.0), num(0.0), num(0.0)}),
                                                  step(std::move(items))}));
    auto k = at(m, 1), s2 = over(at(m, 3), at(m, 1)), s3 = over(at(m, 4), at(m, 1)), s4 = over(at(m, 5), at(m, 1));
    bool skew = name == "cormorant_skew";
    SqlExprPtr value;
    if (skew) {
      value = mul(over(as_is("sqrt", {mul(k, sub(k, num(1.0)))}), sub(k, num(2.0))), over(s3, as_is("pow", {s2, num(1.5)})));
    } else {
      auto ratio = over(s4, mul(s2, s2));
      value = mul(over(sub(k, num(1.0)), mul(sub(k, num(2.0)), sub(k, num(3.0)))),
                  sub(mul(add(k, num(1.0)), ratio), mul(num(3.0), sub(k, num(1.0)))));
    }
    // NULL under 3 (4) items, with no spread, or where a moment overflowed (NaN is Spark's largest)
    auto r = sql_column("cormorant_r");
    auto finite = sql_case({{sql_infix("<", as_is("abs", {r}), num(HUGE_VAL)), r}}, null);
    auto body = sql_case({{sql_infix("<", k, num(skew ? 3.0 : 4.0)), null}, {sql_prefix("NOT", sql_infix(">", at(m, 3), num(0.0))), null}},
                         spark_let(value, r, finite));
    return spark_let(moments, m, body);
  }
  throw NotImplementedError("list_aggregate of '" + name.value_or("a name computed per row") +
                            "' is not yet on the Spark engine; run it on the DuckDB engine");
}

/// DuckDB's struct_extract(s, 'name'): Spark's field access s.`name`.
SqlExprPtr struct_extract(const Args& a) {
  auto name = text_of(a[1]);
  if (!name) throw NotImplementedError("struct_extract of a field computed per row is not yet on the Spark engine");
  return sql_postfix(a[0], "." + quote_identifier(*name, spark_dialect()));
}

/// DuckDB's list_concat(a, b): a missing list counts as empty (Spark's concat is NULL then);
/// NULL when both are. (A list written out, array(...), is never missing.)
SqlExprPtr list_concat(const Args& a) {
  auto joined = as_is("concat", a);
  std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens;
  if (a[0]->kind != SqlExpr::Kind::List) whens.push_back({sql_postfix(a[0], "IS NULL"), a[1]});
  if (a[1]->kind != SqlExpr::Kind::List) whens.push_back({sql_postfix(a[1], "IS NULL"), a[0]});
  return whens.empty() ? joined : sql_case(std::move(whens), joined);
}

/// DuckDB's list_contains(l, x): false where no item equals x, even beside missing items
/// (Spark's array_contains is NULL then); NULL for a missing list or x.
SqlExprPtr list_contains(const Args& a) {
  auto found = sql_function("coalesce", {sql_function("array_contains", a), sql_literal(false, DType::Boolean)});
  auto missing = sql_postfix(a[1], "IS NULL");
  if (a[0]->kind != SqlExpr::Kind::List) missing = sql_infix("OR", sql_postfix(a[0], "IS NULL"), missing);
  return sql_case({{missing, sql_cast(sql_literal(Value(), DType::Boolean), DType::Boolean)}}, found);
}

/// DuckDB's printf(format, args...) of a constant format made of text, %s and %d with a
/// width (the compiler's: "%02d", "%2d", ".%06d", "%s") as Spark's format_string (Java's
/// Formatter, US locale: the same text for these codes); NULL where an argument is (Java
/// writes "null"). Other formats are refused.
SqlExprPtr format_text(const Args& a) {
  auto format = text_of(a[0]);
  if (!format) throw NotImplementedError("printf of a format computed per row is not yet on the Spark engine; run it on the DuckDB engine");
  for (size_t i = 0; i < format->size(); ++i) {
    if ((*format)[i] != '%') continue;
    size_t k = i + 1;
    while (k < format->size() && std::isdigit(static_cast<unsigned char>((*format)[k]))) ++k;
    if (k == format->size() || ((*format)[k] != 'd' && !((*format)[k] == 's' && k == i + 1))) {
      throw NotImplementedError("the printf format '" + *format + "' is not yet on the Spark engine; run it on the DuckDB engine");
    }
    i = k;
  }
  SqlExprPtr missing;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i]->kind == SqlExpr::Kind::Literal && !a[i]->value.is_na()) continue;
    auto m = sql_postfix(a[i], "IS NULL");
    missing = missing ? sql_infix("OR", missing, m) : m;
  }
  auto text = sql_function("format_string", a);
  return missing ? sql_case({{missing, sql_cast(sql_literal(Value(), DType::String), DType::String)}}, text) : text;
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
    d.operator_names = {{"//", "DIV"}};  // BIGINTs (both truncate); 128-bit ones are huge_div's
    d.engine_type_names = {{"HUGEINT", "DECIMAL(38,0)"}, {"INTEGER", "INT"}};
    d.function_forms = {{"signbit", signbit}, {"huge_div", spark_huge_div}, {"huge_abs", spark_huge_abs},
                        {"decimal_neg", [](const Args& a) { return spark_decimal_sign(a, true); }},
                        {"decimal_abs", [](const Args& a) { return spark_decimal_sign(a, false); }}, {"trunc", trunc}, {"floor", floor}, {"ceil", ceiling}, {"round", round}, {"isnan", nan_test}, {"sign", sign}, {"concat", concat},
                        {"isinf", [](const Args& a) { return sql_infix("=", sql_function("abs", {a[0]}), dbl(HUGE_VAL)); }},
                        {"isfinite", [](const Args& a) { return sql_infix("<", sql_function("abs", {a[0]}), dbl(HUGE_VAL)); }},
                        {"cormorant_skew", sample_moment(true)}, {"cormorant_kurt", sample_moment(false)},
                        {"cormorant_int64_sum", int64_sum},
                        {"cormorant_int64_sum_past", int64_sum_past},
                        {"cormorant_int64_sum_value", int64_sum_value},
                        // (sql_let's value computed once, as a lambda's variable)
                        {"let", [](const Args& a) { return spark_let(a[0], sql_column(a[1]->value.get<std::string>()), a[2]); }},
                        {"let_variable", [](const Args& a) { return sql_column(a[0]->value.get<std::string>()); }}};
    // DuckDB's greatest/least take one value (a row's max/min of one column); Spark's refuse it
    for (const char* name : {"greatest", "least"}) {
      d.function_forms.insert({name, [name](const Args& a) { return a.size() == 1 ? a[0] : as_is(name, a); }});
    }
    // Dates: DuckDB's isodow is Monday=1 (Spark's weekday Monday=0); its microsecond counts
    // the microseconds of the minute (seconds included).
    d.function_forms.insert(
        {{"strftime", strftime},
         {"try_strptime", spark_try_strptime},
         {"date_diff", date_diff},
         {"to_microseconds", to_microseconds},
         // (DuckDB's intervals of n days or months: Spark's day-time and year-month intervals,
         // which a TIMESTAMP_NTZ moves by as DuckDB's TIMESTAMP does, months clamped to the
         // month's last day; an instant's day is 24 hours, the session zone being UTC on both)
         {"to_days", [](const Args& a) { return sql_function("make_dt_interval", {sql_cast(a[0], DType::integer(32, false))}); }},
         {"to_months", [](const Args& a) {
            return sql_function("make_ym_interval", {sql_cast(integer(0), DType::integer(32, false)), sql_cast(a[0], DType::integer(32, false))});
          }},
         {"printf", format_text},
         // (DuckDB's make_timestamp(us): the naive timestamp of that many microseconds since the
         // epoch; Spark's timestamp_micros is the instant, whose wall time in the session zone,
         // UTC, a cast to TIMESTAMP_NTZ takes: a datetime column's mean, median, quantile)
         {"make_timestamp", [](const Args& a) {
            if (a.size() != 1) throw NotImplementedError("make_timestamp of date and time parts is not yet on the Spark engine; run it on the DuckDB engine");
            return sql_cast(sql_function("timestamp_micros", a), DType::Timestamp);
          }},
         {"timezone", timezone},
         {"isoyear", [](const Args& a) { return as_is("date_part", {text("YEAROFWEEK"), a[0]}); }},  // ISO 8601's year
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
         {"list_slice", list_slice},
         {"list_median", [](const Args& a) { return list_quantile(a[0], dbl(0.5)); }},
         {"list_aggregate", list_aggregate},
         {"struct_extract", struct_extract},
         {"list_concat", list_concat},
         {"list_contains", list_contains},
         {"list_count", [](const Args& a) {  // (the items that are not missing)
            return sql_case({{sql_postfix(a[0], "IS NOT NULL"), sql_cast(sql_function("size", {sql_function("array_compact", a)}), DType::Int64)}}, nullptr);
          }},
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
         // (a categorical's decoding and encoding: spark_lookup.cpp)
         {"list_extract", spark_list_extract},
         {"list_position", spark_list_position}});
    // Float aggregates: Spark's own, which round differently in the last bits (see variance).
    d.function_forms.insert(
        {{"cormorant_sum_exact", [](const Args& a) {  // (0 without values, as the exact sum)
            return sql_function("coalesce", {sql_function("sum", a), dbl(0.0)});
          }},
         {"cormorant_var_exact", variance},
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
    d.function_forms.merge(spark_python_str_forms());
    // (xor of two Int64: Spark's bitwise ^ operator; its xor-named function is not one)
    d.function_forms.insert({"xor", [](const Args& a) { return sql_infix("^", a[0], a[1]); }});
    // (x >> n as shiftright: Spark's lexer reads >> as two >'s after array(, map( or struct(
    // anywhere before it in the text, taking them for a type's closing brackets)
    d.operator_forms = {{"/", divide}, {">>", [](const Args& a) { return sql_function("shiftright", {a[0], a[1]}); }}};
    d.rewrite = spark_ewm_layers;
    d.unsupported_prefixes = {"cormorant_"};  // cormorant's own DuckDB functions (engine/)
    d.unsupported_functions = {
        // Spark lacks these, or has them with another meaning (hash's values).
        "decode",
        "unnest", "fmod", "quantile_disc", "nfc_normalize", "encode", "try"};
    return d;
  }();
  return dialect;
}

}  // namespace cormorant::compile
