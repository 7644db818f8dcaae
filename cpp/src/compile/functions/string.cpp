#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/function_sql.hpp"

namespace cormorant::compile {

namespace {

// Regular expressions are RE2's (DuckDB's), not Python's; see tests/python/test_strings.py.

/// Python's str.isspace() characters, for strip() and split() without arguments (UTF-8).
const std::string kWhitespaceChars =
    " \t\n\v\f\r\x1c\x1d\x1e\x1f\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000";
/// The same characters as the inside of an RE2 character class.
const std::string kWhitespaceClass =
    R"(\t\n\v\f\r \x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000})";
SqlExprPtr text(std::string s) { return sql_literal(Value(std::move(s)), DType::String); }
SqlExprPtr integer(int64_t v) { return sql_literal(Value(v), DType::Int64); }
SqlExprPtr boolean(bool v) { return sql_literal(Value(v), DType::Boolean); }
SqlExprPtr null_text() { return sql_literal(NA, DType::String); }
SqlExprPtr fn(std::string name, std::vector<SqlExprPtr> args) { return sql_function(std::move(name), std::move(args)); }
SqlExprPtr length(const SqlExprPtr& s) { return fn("length", {s}); }
SqlExprPtr add(const SqlExprPtr& a, const SqlExprPtr& b) { return sql_infix("+", a, b); }
SqlExprPtr sub(const SqlExprPtr& a, const SqlExprPtr& b) { return sql_infix("-", a, b); }
/// String concatenation, typed (the engine may fold `x || NULL` into an untyped NULL).
SqlExprPtr concat(std::vector<SqlExprPtr> parts) {
  SqlExprPtr out = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) out = sql_infix("||", out, parts[i]);
  return sql_cast(out, DType::String);
}

const std::string& str_param(const plan::FunctionExpr& call, size_t i) { return call.params()[i].get<std::string>(); }
bool bool_param(const plan::FunctionExpr& call, size_t i) { return call.params()[i].get<bool>(); }
int64_t int_param(const plan::FunctionExpr& call, size_t i) { return call.params()[i].get<int64_t>(); }

/// `pat` as an RE2 pattern matching itself literally.
std::string regex_escape(const std::string& pat) {
  std::string out;
  for (char c : pat) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::ispunct(u)) out += '\\';
    out += c;
  }
  return out;
}

/// Whether `pat` (cormorant's RE2 form of a Python pattern) holds a `$` outside brackets
/// without the multi-line flag: Python's matches at the end and also before a final "\n",
/// RE2's (and so the engine's) at the end only.
bool has_python_end(const std::string& pat) {
  if (pat.rfind("(?", 0) == 0) {  // (the global flags cormorant's translation puts first)
    auto close = pat.find(')');
    auto colon = pat.find(':');
    if (close != std::string::npos && (colon == std::string::npos || colon > close) &&
        pat.substr(0, close).find('m') != std::string::npos) {
      return false;  // multi-line: both engines' $ is before every "\n" and at the end
    }
  }
  bool in_class = false;
  for (size_t i = 0; i < pat.size(); ++i) {
    char c = pat[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pat.size() && pat[i + 1] == '^') ++i;
      if (i + 1 < pat.size() && pat[i + 1] == ']') ++i;  // (a leading ] is literal)
    } else if (c == '$') {
      return true;
    }
  }
  return false;
}

/// `value` (a regex method of s with the user's pattern `pat`), refused for a value of s that
/// ends with "\n" when the pattern has Python's `$` (has_python_end): only there do Python's
/// and the engine's `$` differ, so every other value keeps its exact result.
SqlExprPtr refuse_final_newline(const SqlExprPtr& s, const std::string& pat, SqlExprPtr value, DType dtype,
                                bool list = false) {
  if (!has_python_end(pat)) return value;
  SqlExprPtr refused = sql_raise(ErrorKind::NotImplemented,
                                 {text("a value ends with a newline, before which Python's $ (pandas') matches and the "
                                       "engine's regular expressions' does not; write \\Z for the very end, (?m)$ or "
                                       "\\n?\\Z, or strip the newline first")},
                                 dtype);
  if (list) refused = sql_list({refused});
  return sql_case({{fn("ends_with", {s, text("\n")}), refused}}, std::move(value));
}

/// regexp_matches(s, pat), case-insensitive when `ignore_case`.
SqlExprPtr regex_search(const SqlExprPtr& s, const std::string& pat, bool ignore_case = false) {
  if (ignore_case) return fn("regexp_matches", {s, text(pat), text("i")});
  return fn("regexp_matches", {s, text(pat)});
}

/// The LIKE pattern every string a search for regex `pat` finds must match, when `pat` is
/// literal text joined by `.*` ("special.*requests": '%special%requests%'); nullopt else.
std::optional<std::string> like_prefilter(const std::string& pat) {
  std::string like = "%";
  bool text_seen = false;
  for (size_t i = 0; i < pat.size(); ++i) {
    if (pat.compare(i, 2, ".*") == 0) {
      if (like.back() != '%') like += '%';
      ++i;
      continue;
    }
    if (std::string_view("\\^$.|?*+()[]{}%_").find(pat[i]) != std::string_view::npos) return std::nullopt;
    like += pat[i];
    text_seen = true;
  }
  if (!text_seen) return std::nullopt;
  if (like.back() != '%') like += '%';
  return like;
}

/// The 0-based start of the last `target` in `s` (which must hold it): the longest prefix of
/// `s` followed by `target`, found by a greedy match, less the target.
SqlExprPtr last_start(const SqlExprPtr& s, const std::string& target) {
  auto through_last = fn("regexp_extract", {s, text("(?s)^.*" + regex_escape(target))});
  return sub(length(through_last), length(text(target)));
}

/// A boolean result whose missing values become `na` when that parameter is a bool.
SqlExprPtr fill_na(const SqlExprPtr& result, const Value& na) {
  if (na.is_na()) return result;
  return fn("coalesce", {result, boolean(na.get<bool>())});
}

/// Python's slice bounds for strings of length `len`, normalized as slice.indices() does.
struct Bounds {
  SqlExprPtr start, stop;
};
/// A position or bound past +-2^62 as +-2^62: no string is that long, so the result is the
/// same, and the engine's arithmetic on it cannot overflow.
int64_t bounded(int64_t k) { return std::clamp<int64_t>(k, -(int64_t{1} << 62), int64_t{1} << 62); }

Bounds slice_bounds(const SqlExprPtr& len, const Value& start, const Value& stop, int64_t step) {
  step = bounded(step);
  auto bound = [&](const Value& v, bool is_start) -> SqlExprPtr {
    if (step > 0) {
      if (v.is_na()) return is_start ? integer(0) : len;
      int64_t k = bounded(v.get<int64_t>());
      if (k >= 0) return fn("least", {integer(k), len});
      return fn("greatest", {add(len, integer(k)), integer(0)});
    }
    if (v.is_na()) return is_start ? sub(len, integer(1)) : integer(-1);
    int64_t k = bounded(v.get<int64_t>());
    if (k >= 0) return fn("least", {integer(k), sub(len, integer(1))});
    return fn("greatest", {add(len, integer(k)), integer(-1)});
  };
  return {bound(start, true), bound(stop, false)};
}

/// s[start:stop:step] with Python's semantics.
SqlExprPtr slice(const SqlExprPtr& s, const Value& start, const Value& stop, int64_t step) {
  step = bounded(step);
  // (the engine's substring takes offsets up to 2**32)
  auto from_start = [](const Value& v) { return v.is_na() || (v.get<int64_t>() >= 0 && v.get<int64_t>() < (1 << 30)); };
  if (step == 1 && from_start(start) && from_start(stop)) {
    // Bounds counted from the start (TPC-H Q22's s.str.slice(0, 2)): the engine's substring
    // clips them to the string as Python does, no length needed.
    int64_t k = start.is_na() ? 0 : start.get<int64_t>();
    if (stop.is_na()) return fn("substring", {s, integer(k + 1)});
    return fn("substring", {s, integer(k + 1), integer(std::max<int64_t>(stop.get<int64_t>() - k, 0))});
  }
  // (length 0 for a missing string: least() and greatest() skip NULL, which would make the
  // range below as long as a bound; the result stays missing, as string_split(NULL) is)
  auto b = slice_bounds(fn("coalesce", {length(s), integer(0)}), start, stop, step);
  if (step == 1) {
    return fn("substring", {s, add(b.start, integer(1)), fn("greatest", {sub(b.stop, b.start), integer(0)})});
  }
  // The characters at positions range(start, stop, step), picked from the list of characters.
  auto positions = fn("range", {add(b.start, integer(1)), add(b.stop, integer(1)), integer(step)});
  return fn("array_to_string", {fn("list_select", {fn("string_split", {s, text("")}), positions}), text("")});
}

/// The list of parts of str.split(pat) (pat <NA>: runs of whitespace, ends ignored; a
/// string that is all whitespace gives a missing list, whose parts are all missing).
SqlExprPtr split_list(const SqlExprPtr& s, const Value& pat, bool regex) {
  if (pat.is_na()) {
    auto stripped = fn("nullif", {fn("trim", {s, text(kWhitespaceChars)}), text("")});
    return fn("string_split_regex", {stripped, text("[" + kWhitespaceClass + "]+")});
  }
  const auto& p = pat.get<std::string>();
  return regex ? fn("string_split_regex", {s, text(p)}) : fn("string_split", {s, text(p)});
}

/// The part after the first n separators of str.split(pat, n): missing when there are fewer.
SqlExprPtr split_rest(const SqlExprPtr& s, const Value& pat, bool regex, int64_t n) {
  std::string count = "{" + std::to_string(n) + "}";
  if (pat.is_na()) {
    std::string ws = "[" + kWhitespaceClass + "]", non_ws = "[^" + kWhitespaceClass + "]";
    std::string re = "^" + ws + "*(?:" + non_ws + "+" + ws + "+)" + count + "(" + non_ws + "(?s:.*))$";
    return sql_case({{regex_search(s, re), fn("regexp_replace", {s, text(re), text("\\1")})}}, nullptr);
  }
  std::string sep = regex ? pat.get<std::string>() : regex_escape(pat.get<std::string>());
  std::string re = "^(?:(?s:.*?)(?:" + sep + "))" + count + "((?s:.*))$";
  return sql_case({{regex_search(s, re), fn("regexp_replace", {s, text(re), text("\\1")})}}, nullptr);
}

/// The parts of str.split(pat, n) as a list (n <= 0: no limit): pandas' lists, so a string
/// of whitespace only split on whitespace gives an empty list.
SqlExprPtr split(const SqlExprPtr& s, const Value& pat, bool regex, int64_t n) {
  auto parts = split_list(s, pat, regex);
  if (pat.is_na()) {
    // (split_list gives NULL for it; list_slice of a one-item list to nothing is a typed [])
    auto empty = fn("list_slice", {fn("string_split", {text(""), text(",")}), integer(1), integer(0)});
    parts = sql_case({{sql_postfix(s, "IS NOT NULL"), fn("coalesce", {parts, empty})}}, nullptr);
  }
  if (n <= 0 || n >= (int64_t{1} << 40)) return parts;  // (no string has that many parts)
  // n separators or more: the first n parts, then the rest of the string as one (on
  // whitespace, the rest keeps its trailing whitespace, as Python's split does)
  auto first = fn("list_slice", {parts, integer(1), integer(n)});
  return sql_case({{sql_infix(">", fn("len", {parts}), integer(n)),
                    fn("list_concat", {first, sql_list({split_rest(s, pat, regex, n)})})}},
                  parts);
}

/// The parts of str.rsplit(pat, n) as a list (n <= 0: no limit). The plan refuses separators
/// that can overlap themselves, so the parts are split's; past n of them, the first ones are
/// one part again: for a separator joined by it, on whitespace the text up to the end of the
/// last word before the final n (its leading whitespace kept, as Python's rsplit keeps it).
SqlExprPtr rsplit(const SqlExprPtr& s, const Value& pat, int64_t n) {
  auto parts = split(s, pat, false, -1);
  if (n <= 0 || n >= (int64_t{1} << 40)) return parts;
  auto count = fn("len", {parts});
  auto last = fn("list_slice", {parts, sub(count, integer(n - 1)), count});
  SqlExprPtr rest;
  if (pat.is_na()) {
    std::string ws = "[" + kWhitespaceClass + "]", non_ws = "[^" + kWhitespaceClass + "]";
    std::string re = "^((?s:.*?)" + non_ws + ")(?:" + ws + "+" + non_ws + "+){" + std::to_string(n) + "}" + ws + "*$";
    rest = fn("regexp_replace", {s, text(re), text("\\1")});
  } else {
    rest = fn("array_to_string", {fn("list_slice", {parts, integer(1), sub(count, integer(n))}), text(pat.get<std::string>())});
  }
  return sql_case({{sql_infix(">", count, integer(n)), fn("list_concat", {sql_list({rest}), last})}}, parts);
}

/// Python's str.center: the odd padding goes left only when the width is odd.
SqlExprPtr pad(const SqlExprPtr& s, int64_t width, const std::string& side, const std::string& fill) {
  auto w = integer(width);
  SqlExprPtr padded;
  // (lpad and rpad would need an INTEGER width, and cut longer strings.)
  if (side == "left") {
    padded = concat({fn("repeat", {text(fill), sub(w, length(s))}), s});
  } else if (side == "right") {
    padded = concat({s, fn("repeat", {text(fill), sub(w, length(s))})});
  } else {
    auto margin = sub(w, length(s));
    auto left = sql_infix("//", margin, integer(2));
    if (width % 2 != 0) left = add(left, sql_infix("%", margin, integer(2)));
    padded = concat({fn("repeat", {text(fill), left}), s, fn("repeat", {text(fill), sub(margin, left)})});
  }
  return sql_case({{sql_infix(">=", length(s), w), s}}, padded);
}

using Lowering = std::function<SqlExprPtr(const std::vector<SqlExprPtr>&, const plan::FunctionExpr&)>;

void on(const std::string& method, Lowering lowering) { register_lowering("str_" + method, std::move(lowering)); }

}  // namespace

void register_string_lowerings() {
  using Args = const std::vector<SqlExprPtr>&;
  using Call = const plan::FunctionExpr&;

  // -- case and character classes: Python's own str methods ----------------------------
  // (engine functions over tables generated from Python, cormorant/common/unicode.hpp;
  // the engine's lower()/upper() and RE2's classes differ from Python on non-ASCII text)
  for (const char* m : {"lower", "upper", "title", "capitalize", "swapcase", "casefold", "isalpha", "isdigit",
                        "isdecimal", "isnumeric", "isalnum", "isspace", "islower", "isupper", "istitle", "isascii"}) {
    std::string name = std::string("cormorant_str_") + m;
    on(m, [name](Args a, Call) { return fn(name, {a[0]}); });
  }
  on("len", [](Args a, Call) { return length(a[0]); });

  // -- matching ----------------------------------------------------------------------
  on("contains", [](Args a, Call c) {
    const auto& pat = str_param(c, 0);
    bool case_sensitive = bool_param(c, 1), regex = bool_param(c, 2);
    SqlExprPtr r;
    if (!regex && case_sensitive) {
      r = fn("contains", {a[0], text(pat)});
    } else if (auto like = regex && case_sensitive ? like_prefilter(pat) : std::nullopt) {
      // The regex runs only where the LIKE, much cheaper, holds (TPC-H Q13's o_comment); the
      // LIKE alone would also match across a newline, which `.` does not.
      r = sql_case({{sql_prefix("NOT", sql_infix("LIKE", a[0], text(*like))), boolean(false)}}, regex_search(a[0], pat));
    } else {
      r = regex_search(a[0], regex ? pat : regex_escape(pat), !case_sensitive);
    }
    if (regex) r = refuse_final_newline(a[0], pat, r, DType::Boolean);
    return fill_na(r, c.params()[3]);
  });
  on("match", [](Args a, Call c) {
    const auto& pat = str_param(c, 0);
    return fill_na(refuse_final_newline(a[0], pat, regex_search(a[0], "^(?:" + pat + ")", !bool_param(c, 1)), DType::Boolean),
                   c.params()[2]);
  });
  on("fullmatch", [](Args a, Call c) {
    const auto& pat = str_param(c, 0);
    return fill_na(
        refuse_final_newline(a[0], pat, regex_search(a[0], "^(?:" + pat + R"()\z)", !bool_param(c, 1)), DType::Boolean),
        c.params()[2]);
  });
  for (const char* m : {"startswith", "endswith"}) {
    std::string function = std::string(m) == "startswith" ? "starts_with" : "ends_with";
    on(m, [function](Args a, Call c) {
      SqlExprPtr r;
      for (size_t i = 1; i < c.params().size(); ++i) {
        auto one = fn(function, {a[0], text(str_param(c, i))});
        r = r ? sql_infix("OR", r, one) : one;
      }
      return fill_na(r, c.params()[0]);
    });
  }
  on("count", [](Args a, Call c) {
    const auto& pat = str_param(c, 0);
    return refuse_final_newline(a[0], pat, fn("len", {fn("regexp_extract_all", {a[0], text(pat)})}), DType::Int64);
  });
  for (const char* m : {"find", "rfind"}) {
    const bool last = std::string(m) == "rfind";
    on(m, [last](Args a, Call c) {
      // Python's str.find / rfind(sub, start, end): the first (last) place in the window
      // [start, end) holding sub; -1 when there is none, or (str.index / rindex, when the
      // fourth parameter is true) an error, as pandas raises ValueError.
      const auto& s = a[0];
      const auto& target = str_param(c, 0);
      int64_t start = int_param(c, 1);
      auto len = length(s);
      auto from = start >= 0 ? integer(start) : fn("greatest", {add(len, integer(start)), integer(0)});
      auto b = slice_bounds(len, Value(int64_t{0}), c.params()[2], 1);
      auto window = fn("substring", {s, add(from, integer(1)), fn("greatest", {sub(b.stop, from), integer(0)})});
      auto position = fn("strpos", {window, text(target)});
      auto too_short = sql_infix("<", sub(b.stop, from), length(text(target)));
      auto none = sql_infix("OR", too_short, sql_infix("=", position, integer(0)));
      auto found = last ? add(last_start(window, target), from) : add(sub(position, integer(1)), from);
      auto missing = bool_param(c, 3) ? sql_raise(ErrorKind::InvalidArgument, {text("substring not found")}, DType::Int64)
                                       : integer(-1);
      return sql_case({{sql_postfix(s, "IS NULL"), sql_literal(NA, DType::Int64)}, {none, missing}}, found);
    });
  }
  for (const char* m : {"partition", "rpartition"}) {
    const bool last = std::string(m) == "rpartition";
    on(m, [last](Args a, Call c) {
      // Python's str.partition / rpartition(sep): part 0, 1 or 2 of (before, sep, after) at the
      // first (last) sep; without sep, (s, "", "") / ("", "", s).
      const auto& s = a[0];
      const auto& sep = str_param(c, 0);
      int64_t part = int_param(c, 1);
      auto at = last ? last_start(s, sep) : sub(fn("strpos", {s, text(sep)}), integer(1));  // 0-based start of sep
      auto has = fn("contains", {s, text(sep)});
      SqlExprPtr value;
      if (part == 0) value = sql_case({{has, fn("substring", {s, integer(1), at})}}, last ? text("") : s);
      if (part == 1) value = sql_case({{has, text(sep)}}, text(""));
      if (part == 2) {
        value = sql_case({{has, fn("substring", {s, add(add(at, length(text(sep))), integer(1))})}}, last ? s : text(""));
      }
      return sql_case({{sql_postfix(s, "IS NULL"), null_text()}}, value);
    });
  }
  on("extract", [](Args a, Call c) {
    const auto& pat = str_param(c, 0);
    int64_t group = int_param(c, 1);
    if (group < 1 || group > 9) throw NotImplementedError("str.extract supports up to 9 groups");
    // regexp_extract needs an INTEGER group; rewriting the whole string with \N is the same.
    auto whole = "^(?s:.*?)(?:" + pat + ")(?s:.*)$";
    SqlExprPtr value = fn("regexp_replace", {a[0], text(whole), text("\\" + std::to_string(group))});
    // An optional group that cannot match "" extracts "" only when it took no part: missing.
    if (bool_param(c, 2)) value = fn("nullif", {value, text("")});
    return refuse_final_newline(a[0], pat, sql_case({{regex_search(a[0], pat), value}}, nullptr), DType::String);
  });

  // -- transformations ---------------------------------------------------------------
  for (const char* m : {"strip", "lstrip", "rstrip"}) {
    std::string function = std::string(m) == "strip" ? "trim" : std::string(m) == "lstrip" ? "ltrim" : "rtrim";
    on(m, [function](Args a, Call c) {
      const Value& chars = c.params()[0];
      return fn(function, {a[0], text(chars.is_na() ? kWhitespaceChars : chars.get<std::string>())});
    });
  }
  // Python's str.translate of a table of single characters and deletions: the engine's
  // translate maps each character of `from` to the one at the same place in `to`, and deletes
  // those past its end, all at once (a mapped character is not mapped again).
  on("translate", [](Args a, Call c) { return fn("translate", {a[0], text(str_param(c, 0)), text(str_param(c, 1))}); });
  on("replace", [](Args a, Call c) {
    const auto& pat = str_param(c, 0);
    const auto& repl = str_param(c, 1);
    bool regex = bool_param(c, 2), case_sensitive = bool_param(c, 3);
    bool all = int_param(c, 4) < 0;
    if (!regex && case_sensitive && all) return fn("replace", {a[0], text(pat), text(repl)});
    std::string options = std::string(all ? "g" : "") + (case_sensitive ? "" : "i");
    std::string rewrite = repl;
    if (!regex) {  // the replacement is literal: escape RE2's backslashes
      rewrite.clear();
      for (char ch : repl) {
        if (ch == '\\') rewrite += '\\';
        rewrite += ch;
      }
    }
    std::vector<SqlExprPtr> args{a[0], text(regex ? pat : regex_escape(pat)), text(rewrite)};
    if (!options.empty()) args.push_back(text(options));
    return regex ? refuse_final_newline(a[0], pat, fn("regexp_replace", args), DType::String) : fn("regexp_replace", args);
  });
  on("slice", [](Args a, Call c) {
    const Value& step = c.params()[2];
    return slice(a[0], c.params()[0], c.params()[1], step.is_na() ? 1 : step.get<int64_t>());
  });
  on("get", [](Args a, Call c) {
    int64_t i = int_param(c, 0);
    if (i != bounded(i)) return null_text();  // past every string's end
    auto len = length(a[0]);
    if (i >= 0) return sql_case({{sql_infix(">", len, integer(i)), fn("substring", {a[0], integer(i + 1), integer(1)})}}, nullptr);
    return sql_case({{sql_infix(">=", len, integer(-i)), fn("substring", {a[0], add(len, integer(i + 1)), integer(1)})}},
                    nullptr);
  });
  on("pad", [](Args a, Call c) { return pad(a[0], int_param(c, 0), str_param(c, 1), str_param(c, 2)); });
  on("zfill", [](Args a, Call c) {
    const auto& s = a[0];
    auto w = integer(int_param(c, 0));
    auto first = fn("left", {s, integer(1)});
    auto zeros = fn("repeat", {text("0"), sub(w, length(s))});
    auto signed_ = sql_infix("OR", sql_infix("=", first, text("+")), sql_infix("=", first, text("-")));
    return sql_case({{sql_infix(">=", length(s), w), s}, {signed_, concat({first, zeros, fn("substring", {s, integer(2)})})}},
                    concat({zeros, s}));
  });
  on("repeat", [](Args a, Call c) { return fn("repeat", {a[0], integer(std::max<int64_t>(int_param(c, 0), 0))}); });
  on("removeprefix", [](Args a, Call c) {
    const auto& p = str_param(c, 0);
    return sql_case({{fn("starts_with", {a[0], text(p)}), fn("substring", {a[0], add(length(text(p)), integer(1))})}}, a[0]);
  });
  on("removesuffix", [](Args a, Call c) {
    const auto& p = str_param(c, 0);
    return sql_case({{sql_infix("AND", fn("ends_with", {a[0], text(p)}), sql_infix(">", length(text(p)), integer(0))),
                      fn("left", {a[0], sub(length(a[0]), length(text(p)))})}},
                    a[0]);
  });
  on("join", [](Args a, Call c) {
    // string_split(s, '') gives [''] for '', which joins to '' as Python does.
    return fn("array_to_string", {fn("string_split", {a[0], text("")}), text(str_param(c, 0))});
  });
  on("cat", [](Args a, Call c) {
    const auto& sep = str_param(c, 0);
    const Value& na_rep = c.params()[1];
    auto side = [&](const SqlExprPtr& x) { return na_rep.is_na() ? x : fn("coalesce", {x, text(na_rep.get<std::string>())}); };
    return concat({side(a[0]), text(sep), side(a[1])});
  });
  on("split", [](Args a, Call c) {
    const Value& pat = c.params()[0];
    auto parts = split(a[0], pat, bool_param(c, 1), int_param(c, 2));
    if (!bool_param(c, 1) || pat.is_na()) return parts;
    return refuse_final_newline(a[0], pat.get<std::string>(), parts, DType::String, true);
  });
  on("rsplit", [](Args a, Call c) { return rsplit(a[0], c.params()[0], int_param(c, 1)); });
  on("normalize", [](Args a, Call) { return fn("nfc_normalize", {a[0]}); });  // (the plan allows NFC only)
  on("encode", [](Args a, Call) { return fn("encode", {a[0]}); });
  register_lowering("md5_hex", [](Args a, Call) { return fn("md5", {a[0]}); });  // (both engines' md5 of the UTF-8 bytes)
  register_lowering("bytes_decode", [](Args a, Call) {
    auto refused = sql_raise(ErrorKind::InvalidArgument,
                             {text("str.decode: a value is not UTF-8 text; pass errors= to Python's bytes.decode "
                                   "after to_pandas(), or filter those values out")},
                             DType::String);
    auto decoded = fn("try", {fn("decode", {a[0]})});
    return sql_case({{sql_infix("AND", sql_postfix(a[0], "IS NOT NULL"), sql_postfix(decoded, "IS NULL")), refused}}, decoded);
  });
  on("findall", [](Args a, Call c) {
    // (the group must be an INTEGER; cormorant's integer literals are BIGINT)
    auto group = sql_postfix(integer(int_param(c, 1)), "::INTEGER");
    const auto& pat = str_param(c, 0);
    return refuse_final_newline(a[0], pat, fn("regexp_extract_all", {a[0], text(pat), group}), DType::String, true);
  });
}

}  // namespace cormorant::compile
