/// Python's str methods (cormorant_str_upper, ..., cormorant_str_isalpha on DuckDB: engine/)
/// in Spark SQL for the Spark dialect (spark_dialect.cpp), exact on every code point: Python's
/// own tables (common/unicode) where Spark's case mapping or character classes differ.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cormorant/common/unicode.hpp"
#include "cormorant/compile/sql.hpp"
#include "spark_forms.hpp"

namespace cormorant::compile {

namespace {

using Args = std::vector<SqlExprPtr>;

SqlExprPtr text(std::string s) { return sql_literal(Value(std::move(s)), DType::String); }
SqlExprPtr integer(int64_t v) { return sql_literal(v, DType::Int64); }

/// Code points (first, last) Python (Unicode 14) leaves as they are and Spark's upper (lower)
/// maps (ICU, Unicode 16 in Spark 4.3): what tests/spark/test_case_mapping.py finds over every
/// code point (it fails when Spark or Python moves). The dialect maps them as Python does.
const std::vector<std::pair<uint32_t, uint32_t>> kUpperDiffers = {
    {0x19b, 0x19b},   {0x264, 0x264},   {0x1c8a, 0x1c8a},   {0xa7cd, 0xa7cd},   {0xa7cf, 0xa7cf},
    {0xa7d3, 0xa7d3}, {0xa7d5, 0xa7d5}, {0xa7db, 0xa7db}, {0x10d70, 0x10d85}, {0x16ebb, 0x16ed3}};
const std::vector<std::pair<uint32_t, uint32_t>> kLowerDiffers = {
    {0x1c89, 0x1c89}, {0xa7cb, 0xa7cc}, {0xa7ce, 0xa7ce}, {0xa7d2, 0xa7d2},   {0xa7d4, 0xa7d4},
    {0xa7da, 0xa7da}, {0xa7dc, 0xa7dc}, {0x10d50, 0x10d65}, {0x16ea0, 0x16eb8}};

// (beside a capital sigma, these decide differently on each whether it is final: lower maps a
// value holding both character by character, with Python's tables)
const std::string kSigmaContext =
    R"(\x{295}\x{897}\x{ece}\x{1acf}-\x{1add}\x{1ae0}-\x{1aeb}\x{1c8a}\x{a7cd}\x{a7cf}\x{a7db}\x{a7f1}\x{10d4e})"
    R"(\x{10d69}-\x{10d6d}\x{10d6f}-\x{10d85}\x{10ec5}\x{10efa}-\x{10eff}\x{11241}\x{113bb}-\x{113c0}\x{113ce})"
    R"(\x{113d0}\x{113d2}\x{113e1}-\x{113e2}\x{1171e}\x{11b60}\x{11b62}-\x{11b64}\x{11b66}\x{11dd9}\x{11f00}-\x{11f01})"
    R"(\x{11f36}-\x{11f3a}\x{11f40}\x{11f42}\x{11f5a}\x{13439}-\x{13440}\x{13447}-\x{13455}\x{1611e}-\x{16129})"
    R"(\x{1612d}-\x{1612f}\x{16d40}-\x{16d42}\x{16d6b}-\x{16d6c}\x{16ebb}-\x{16ed3}\x{16ff2}-\x{16ff3}\x{1df25}-\x{1df2a})"
    R"(\x{1e030}-\x{1e06d}\x{1e08f}\x{1e4eb}-\x{1e4ef}\x{1e5ee}-\x{1e5ef}\x{1e6e3}\x{1e6e6}\x{1e6ee}-\x{1e6ef}\x{1e6f5}\x{1e6ff})";

/// Python's `mapping` of each code point of `ranges`, as a Spark map from the character to its
/// mapping, and the inside of a Java regex class of those characters.
struct PythonCases {
  SqlExprPtr map;
  std::string chars;
};

std::string hex(uint32_t cp) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), digits[cp % 16]);
    cp /= 16;
  } while (cp);
  return "\\x{" + out + "}";
}

PythonCases python_cases(const std::vector<std::pair<uint32_t, uint32_t>>& ranges, unicode::CaseMapping mapping) {
  PythonCases out;
  Args pairs;
  for (auto [first, last] : ranges) {
    out.chars += hex(first) + (last > first ? "-" + hex(last) : "");
    for (uint32_t cp = first; cp <= last; ++cp) {
      std::string mapped;
      unicode::str_case(mapping, unicode::utf8(cp), mapped);
      pairs.push_back(text(unicode::utf8(cp)));
      pairs.push_back(text(mapped));
    }
  }
  out.map = sql_function("map", pairs);
  return out;
}

/// Python's upper, lower and casefold of the characters where Spark's upper or lower (with
/// which casefold starts) gives otherwise: those of kUpperDiffers, kLowerDiffers, and for
/// casefold also every character whose casefold is not its lower case ("ß" -> "ss", the
/// Cherokee small letters -> capitals) and the capital sigma (lower's one context rule).
const PythonCases& upper_fixes() {
  static const PythonCases cases = python_cases(kUpperDiffers, unicode::CaseMapping::Upper);
  return cases;
}
const PythonCases& lower_fixes() {
  static const PythonCases cases = python_cases(kLowerDiffers, unicode::CaseMapping::Lower);
  return cases;
}
const PythonCases& fold_fixes() {
  static const PythonCases cases = [] {
    std::vector<std::pair<uint32_t, uint32_t>> ranges = kLowerDiffers;
    for (uint32_t cp : unicode::casefold_unlike_lower()) ranges.push_back({cp, cp});
    ranges.push_back({0x3a3, 0x3a3});
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<uint32_t, uint32_t>> merged;
    for (auto r : ranges) {
      if (!merged.empty() && r.first <= merged.back().second + 1) {
        merged.back().second = std::max(merged.back().second, r.second);
      } else {
        merged.push_back(r);
      }
    }
    return python_cases(merged, unicode::CaseMapping::Casefold);
  }();
  return cases;
}

/// The inside of a Java regex class of Python's characters `name` (unicode::regex_class:
/// generated from Python's own tables, the ones cormorant's DuckDB functions read).
std::string python_chars(std::string_view name) { return unicode::regex_class(name, false); }

SqlExprPtr rlike(SqlExprPtr s, const std::string& pattern) { return sql_function("rlike", {std::move(s), text(pattern)}); }

/// Python's str predicates (cormorant_str_isalpha, ... on DuckDB) in Spark SQL, exact for
/// every code point: regexes over classes of Python's characters (its tables, not Java's).
/// isalpha and the like: some text, none of it outside the class.
Dialect::Form every_char(std::string name) {
  return [pattern = "[^" + python_chars(name) + "]"](const Args& a) {
    return sql_infix("AND", sql_infix("<>", a[0], text("")), sql_prefix("NOT", rlike(a[0], pattern)));
  };
}

/// islower (isupper): no upper (lower) or title case character, and one lower (upper) case.
Dialect::Form one_case(bool lower) {
  return [lower](const Args& a) {
    std::string other = "[" + python_chars(lower ? "upper" : "lower") + python_chars("title") + "]";
    return sql_infix("AND", sql_prefix("NOT", rlike(a[0], other)), rlike(a[0], "[" + python_chars(lower ? "lower" : "upper") + "]"));
  };
}

/// istitle: an upper or title case character, none right after a cased one (upper, title or
/// lower case), and no lower case one (that is neither upper nor title case) right after an
/// uncased one or at the start.
SqlExprPtr istitle(const Args& a) {
  std::string capitals = python_chars("upper") + python_chars("title"), cased = capitals + python_chars("lower");
  std::string small = "[" + python_chars("lower") + "&&[^" + capitals + "]]";
  return sql_infix("AND", rlike(a[0], "[" + capitals + "]"),
                   sql_infix("AND", sql_prefix("NOT", rlike(a[0], "[" + cased + "][" + capitals + "]")),
                             sql_prefix("NOT", rlike(a[0], "(?:\\A|[^" + cased + "])" + small))));
}

/// A lambda of Spark's higher-order functions over a list's items: (item, index) -> body.
SqlExprPtr lambda(const SqlExprPtr& item, const SqlExprPtr& index, SqlExprPtr body) {
  return sql_infix("->", sql_function("", {item, index}), std::move(body));
}

/// Python's str.upper/lower/casefold/title/capitalize/swapcase (cormorant_str_<method> on
/// DuckDB) in Spark SQL, exact on every code point: the value's characters mapped one by one
/// (transform of the list of its code points, joined), as CPython maps them, with Python's
/// tables for which characters are upper, lower, cased or case-ignorable, for the title case
/// of the characters whose title case is not their upper case, and for the characters Spark's
/// upper/lower map otherwise (upper_fixes ...); every other character's upper and lower case is
/// Spark's, the same as Python's (tests/spark/test_case_mapping.py). A capital sigma is final
/// ("ς", lower case) after a cased character and case-ignorable ones, not followed by such a
/// run. upper, lower and casefold map a value holding none of the characters they must fix
/// (nor, for lower, a capital sigma) with Spark's whole-value upper/lower: the same there.
Dialect::Form case_by_char(std::string method) {
  return [method](const Args& a) {
    const SqlExprPtr& s = a[0];
    auto c = sql_column("cormorant_c"), i = sql_column("cormorant_i");  // (i: 0-based)
    auto chars = sql_function("string_split", {s, text("")});
    auto in = [&](const SqlExprPtr& x, const std::string& cls) { return rlike(x, "[" + cls + "]"); };
    static const std::string cased = python_chars("cased"), ignorable = python_chars("case_ignorable");
    static const std::string cased_only = "[" + cased + "&&[^" + ignorable + "]]";
    auto one = sql_cast(integer(1), DType::integer(32, false));
    auto before = sql_function("substring", {s, one, i});
    auto after = sql_function("substring", {s, sql_infix("+", i, sql_cast(integer(2), DType::integer(32, false)))});
    auto final_sigma = sql_infix("AND", rlike(before, cased_only + "[" + ignorable + "]*\\z"),
                                 sql_prefix("NOT", rlike(after, "\\A[" + ignorable + "]*" + cased_only)));
    // (Python's where Spark's differs, else Spark's)
    auto fixed = [&](const PythonCases& fixes, const char* spark) {
      return sql_function("coalesce", {sql_function("try_element_at", {fixes.map, c}), sql_as_is(sql_function(spark, {c}))});
    };
    auto lower = sql_case({{sql_infix("=", c, text("\u03a3")), sql_case({{final_sigma, text("\u03c2")}}, text("\u03c3"))}},
                          fixed(lower_fixes(), "lower"));
    auto upper = fixed(upper_fixes(), "upper");
    static const SqlExprPtr titles = [] {
      Args pairs;
      for (auto& [from, to] : unicode::title_unlike_upper()) {
        pairs.push_back(text(from));
        pairs.push_back(text(to));
      }
      return sql_function("map", pairs);
    }();
    auto title = sql_function("coalesce", {sql_function("try_element_at", {titles, c}), upper});
    SqlExprPtr mapped;
    std::string fixes;  // (upper, lower, casefold: the characters Spark's whole-value function maps otherwise)
    if (method == "upper") {
      mapped = upper;
      fixes = upper_fixes().chars;
    } else if (method == "lower") {
      mapped = lower;
      fixes = lower_fixes().chars;
    } else if (method == "casefold") {  // (no context: a capital sigma is always "σ")
      mapped = fixed(fold_fixes(), "lower");
      fixes = fold_fixes().chars;
    } else if (method == "swapcase") {
      mapped = sql_case({{in(c, python_chars("upper")), lower}, {in(c, python_chars("lower")), upper}}, c);
    } else if (method == "capitalize") {
      mapped = sql_case({{sql_infix("=", i, sql_cast(integer(0), DType::integer(32, false))), title}}, lower);
    } else {  // title: lower case after a cased character
      auto previous = sql_function("element_at", {chars, i});
      mapped = sql_case({{sql_infix("=", i, sql_cast(integer(0), DType::integer(32, false))), title}, {in(previous, cased), lower}},
                        title);
    }
    auto joined = sql_function("array_join", {sql_function("transform", {chars, lambda(c, i, mapped)}), text("")});
    if (fixes.empty()) return joined;
    auto fix = rlike(s, "[" + fixes + "]");
    if (method == "lower") {  // (Spark's final sigma is Python's but beside kSigmaContext)
      auto sigma = sql_function("contains", {s, text("\u03a3")});
      fix = sql_infix("OR", fix, sql_infix("AND", sigma, rlike(s, "[" + kSigmaContext + "]")));
    }
    return sql_case({{fix, joined}}, sql_as_is(sql_function(method == "upper" ? "upper" : "lower", {s})));
  };
}

}  // namespace

std::map<std::string, Dialect::Form> spark_python_str_forms() {
  std::map<std::string, Dialect::Form> forms = {
      {"cormorant_str_upper", case_by_char("upper")},
      {"cormorant_str_lower", case_by_char("lower")},
      {"cormorant_str_casefold", case_by_char("casefold")},
      {"cormorant_str_istitle", istitle},
      // (isascii: no character past U+007F; true for "")
      {"cormorant_str_isascii", [](const Args& a) { return sql_prefix("NOT", rlike(a[0], "[^\\x{0}-\\x{7f}]")); }},
      {"cormorant_str_islower", one_case(true)},
      {"cormorant_str_isupper", one_case(false)},
      {"cormorant_str_title", case_by_char("title")},
      {"cormorant_str_capitalize", case_by_char("capitalize")},
      {"cormorant_str_swapcase", case_by_char("swapcase")}};
  for (const char* name : {"alpha", "decimal", "digit", "numeric", "alnum", "space"}) {
    forms.insert({std::string("cormorant_str_is") + name, every_char(name)});
  }
  return forms;
}

}  // namespace cormorant::compile
