/// strptime formats (to_datetime with a format) in both dialects. strptime_shape: the text
/// pandas reads with a format, as a regex both engines' try_strptime is guarded by (DuckDB's
/// strptime reads " 2024-01-05", "2024-01-05 " and a year "024" where pandas reads none of
/// them: NaT), and the rewrites that bring such text to what the engines read (pandas reads
/// "2024-01- 5" for %d, nine fraction digits and offsets with seconds, which they do not).
/// spark_try_strptime: the Spark dialect's form of DuckDB's try_strptime(text, format |
/// [formats]): Spark's try_to_timestamp with the format in java.time's letters. Dates that do
/// not exist (2024-02-30) are NULL in both. On Spark, codes java.time reads otherwise (%y's
/// century, %a/%A, which it checks against the date) or not at all are refused at compile time,
/// and fields of varying width next to each other ("2024015" for %Y%m%d), which java.time
/// cannot split, fail the query typed.
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/function_sql.hpp"
#include "spark_forms.hpp"

namespace cormorant::compile {

namespace {

/// Python's white space (str.isspace, re's \s) but ASCII's (which both engines' strptime read
/// as white space, in runs), in RE2's and Java's syntax.
const std::string kOtherSpace =
    "[\\x1C-\\x1F\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]";
/// Python's white space, which pandas' regex reads for a format's white space.
const std::string kSpace = "(?:[\\t\\n\\x0B\\f\\r ]|" + kOtherSpace + ")";

/// The formats pandas reads with its ISO 8601 parser first (pandas' format_is_iso): %Y, then
/// a separator (-, /, space, backslash, dot or none) and %m, the same separator and %d, T or
/// space and %H, :%M, :%S, then %z or .%f or .%f%z; not %Y%m.
bool pandas_iso_format(const std::string& format) {
  static const std::set<std::string> formats = [] {
    std::set<std::string> out = {"%Y"};
    for (const char* sep : {"", "-", "/", " ", "\\", "."}) {
      std::string month = std::string("%Y") + sep + "%m", day = month + sep + "%d";
      out.insert(month);
      out.insert(day);
      for (const char* t : {" ", "T"}) {
        std::string hour = day + t + "%H", minute = hour + ":%M", second = minute + ":%S";
        for (const std::string& f : {hour, minute, second, second + "%z", second + ".%f", second + ".%f%z"}) out.insert(f);
      }
    }
    out.erase("%Y%m");
    return out;
  }();
  return formats.count(format) > 0;
}

/// A UTC offset as pandas' ISO 8601 parser reads it (besides what its strptime reads): Z, or
/// an hour of one digit or two (below 24), then maybe minutes of one digit or two (below 60),
/// a colon between them or none when the hour has two ("+1", "+1:5", "+015", "+0105").
const std::string kIsoOffset = "(?-i:Z)|[+-](?:\\d(?::[0-5]?\\d)?|(?:[01]\\d|2[0-3])(?::?[0-5]?\\d)?)";
/// A rewritten UTC offset (+HH:MM or +HHMM) past java.time's 18:00 (pandas reads up to 23:59).
const std::string kPast18 = "[+-](?:18:?(?:0[1-9]|[1-5]\\d)|19:?[0-5]\\d|2[0-3]:?[0-5]\\d)";

/// Whether `c` is a strptime code that reads digits (then a code right before it must read a
/// fixed number of digits in java.time, which cannot split "20240105" between variable-width
/// fields).
bool digit_code(char c) {
  return c == 'Y' || c == 'm' || c == 'd' || c == 'H' || c == 'M' || c == 'S' || c == 'f' || c == 'I' || c == 'j';
}

/// A strptime format's pieces read: pandas' shape and its rewrites, the java.time pattern
/// ("" with `refused` set when java.time has no counterpart of a code), the Java regex of the
/// rewritten text java.time reads when a field is of fixed width there ("" when none is),
/// whether it has white space and whether it reads a UTC offset (%z: then the stamps are
/// instants; `past_18_regex`: the Java regex of the rewritten text with an offset past 18:00).
struct ParseFormat {
  StrptimeShape shape;
  std::string pattern, fixed_regex, past_18_regex;
  bool spaces = false, zoned = false, day_of_year = false, year = false;
  std::string refused;  ///< a code java.time cannot read as pandas does
};

ParseFormat parse_format(const std::string& format) {
  struct Code {
    std::string letters, fixed, regex;  // java.time's letters (of fixed width), pandas' regex
  };
  static const std::map<char, Code> codes = {
      {'Y', {"yyyy", "yyyy", "\\d{4}"}},
      {'m', {"M", "MM", "1[0-2]|0[1-9]|[1-9]"}},
      {'d', {"d", "dd", "3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]"}},
      {'H', {"H", "HH", "2[0-3]|[01]\\d|\\d"}},
      {'M', {"m", "mm", "[0-5]\\d|\\d"}},
      {'S', {"s", "ss", "6[01]|[0-5]\\d|\\d"}},
      {'I', {"h", "hh", "1[0-2]|0[1-9]|[1-9]"}},
      {'j', {"D", "DDD", "36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]"}},
      {'f', {"SSSSSS", "SSSSSS", "\\d{1,9}"}},
      {'b', {"MMM", "MMM", "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"}},
      {'B', {"MMMM", "MMMM", "january|february|march|april|may|june|july|august|september|october|november|december"}},
      {'p', {"a", "a", "am|pm"}},
      // a UTC offset: Z, +HH:MM or +HHMM, maybe with seconds (pandas' hours below 24)
      {'z', {"[XXX][XX]", "[XXX][XX]", "[+-](?:[01]\\d|2[0-3]):?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|(?-i:Z)"}},
      // (no java.time counterpart: its yy is 2000-2099; its weekdays are checked against the date)
      {'y', {"", "", "\\d{2}"}},
      {'a', {"", "", "mon|tue|wed|thu|fri|sat|sun"}},
      {'A', {"", "", "monday|tuesday|wednesday|thursday|friday|saturday|sunday"}}};
  const bool iso = pandas_iso_format(format);
  ParseFormat out;
  // the regexes of the text so far: `shape` the one the rewrites start from (pandas' strptime's
  // and ISO parser's pieces joined), `strict` and `iso_shape` the text as pandas' strptime and
  // its ISO parser read it (pandas tries the one, then the other), `java` the rewritten text
  // java.time reads and `past_18` the same with an offset past 18:00
  std::string quoted, shape, strict, iso_shape, java, past_18;
  auto add = [&](const std::string& piece, const std::string& read) {
    shape += piece;
    strict += piece;
    iso_shape += piece;
    java += read;
    past_18 += read;
  };
  bool fixed_any = false;
  auto flush = [&] {
    if (!quoted.empty()) out.pattern += "'" + quoted + "'";
    quoted.clear();
  };
  // a rewrite of the text from the piece after `shape` (so far) on: "^(shape)tail" -> "\1rest"
  auto rewrite = [&](const std::string& tail, const std::string& rest, const std::string& when = "") {
    out.shape.rewrites.push_back({"(?i)^(" + shape + ")" + tail, "\\1" + rest, false, when});
  };
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  bool after_digits = false, after_space = false, after_letter = false;  // (what the previous piece is)
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (is_space(c)) {
      while (i + 1 < format.size() && is_space(format[i + 1])) ++i;
      flush();
      out.pattern += ' ';
      add(kSpace + "+", "\\s+");
      out.spaces = true;
      after_digits = after_letter = false;
      after_space = true;
      continue;
    }
    if (c != '%' || i + 1 == format.size() || format[i + 1] == '%') {
      if (c == '%') ++i;  // (%% is one %)
      quoted += c == '\'' ? "''" : std::string(1, c);
      unsigned char u = static_cast<unsigned char>(c);
      std::string piece = u < 0x80 && !std::isalnum(u) ? std::string("\\") + c : std::string(1, c);
      // a run of the format's letters, which pandas reads in any case, as the format has them
      if (u < 0x80 && std::isalpha(u)) {
        if (after_letter) {
          out.shape.rewrites.back().pattern += c;
          out.shape.rewrites.back().replacement += c;
        } else {
          rewrite(piece, piece);
        }
      }
      after_letter = u < 0x80 && std::isalpha(u);
      add(piece, piece);
      after_digits = after_space = false;
      continue;
    }
    char code = format[++i];
    auto it = codes.find(code);
    if (it == codes.end()) {  // (no shape: the engine's strptime alone decides)
      out.refused = std::string("%") + code;
      out.shape = {};
      return out;
    }
    if (it->second.letters.empty() && out.refused.empty()) out.refused = std::string("%") + code;
    const bool fixed = digit_code(code) && (after_digits || (i + 2 < format.size() && format[i + 1] == '%' &&
                                                            digit_code(format[i + 2])));
    fixed_any = fixed_any || fixed;
    out.zoned = out.zoned || code == 'z';
    out.day_of_year = out.day_of_year || code == 'j';
    out.year = out.year || code == 'Y';
    // the rewrites of this piece (each matches from the start: the pieces before it as they are)
    if (code == 'd' && !after_space) rewrite(" ([1-9])", "\\2", " [1-9]");
    // (the ISO parser's: short ones, of no prefix; in text of its shape only its empty fraction
    // is a dot before no digit, only its offset a sign, digits and maybe a colon at the end)
    auto iso_rewrite = [&](const std::string& pattern, const std::string& replacement) {
      out.shape.rewrites.push_back({pattern, replacement, false, ""});
    };
    if (code == 'f' && iso) iso_rewrite("\\.(\\D|$)", ".0\\1");  // an empty fraction ("10:00:00."): ".0"
    if (code == 'f') rewrite("(\\d{6})\\d+", "\\2");
    if (code == 'z') {
      rewrite("(?-i:Z)", "+00:00", "Z");
      rewrite("([+-]\\d\\d:?[0-5]\\d):?[0-5]\\d(?:\\.\\d{1,6})?", "\\2");
      if (iso) {  // (its offsets as +HH:MM: "+1" "+01" "+01:00", "+1:5" "+01:5" "+01:05", "+015" "+01:05")
        iso_rewrite("\\+(\\d)((?::\\d\\d?)?)$", "+0\\1\\2");
        iso_rewrite("-(\\d)((?::\\d\\d?)?)$", "-0\\1\\2");
        iso_rewrite("([+-]\\d\\d):?(\\d)$", "\\1:0\\2");
        iso_rewrite("([+-]\\d\\d)$", "\\1:00");
      }
    }
    // (pandas' ISO parser reads fractions of up to 18 digits, none too, and more offsets)
    const std::string& regex = it->second.regex;
    const std::string iso_regex = code == 'f' ? "\\d{0,18}" : code == 'z' ? kIsoOffset : regex;
    flush();
    out.pattern += fixed ? it->second.fixed : it->second.letters;
    shape += "(?:" + (iso && iso_regex != regex ? regex + "|" + iso_regex : regex) + ")";
    strict += "(?:" + regex + ")";
    iso_shape += "(?:" + iso_regex + ")";
    // the rewritten text java.time reads: no day's leading space, at most six fraction digits,
    // an offset as +HH:MM or +HHMM
    std::string read = code == 'd'   ? "3[01]|[12]\\d|0[1-9]|[1-9]"
                       : code == 'f' ? "\\d{1,6}"
                       : code == 'z' ? "[+-]\\d\\d:?\\d\\d"
                                     : it->second.regex;
    if (fixed) read = code == 'Y' ? "\\d{4}" : code == 'j' ? "\\d{3}" : code == 'f' ? "\\d{6}" : "\\d{2}";
    java += "(?:" + read + ")";
    past_18 += "(?:" + (code == 'z' ? kPast18 : read) + ")";
    after_digits = digit_code(code);
    after_space = after_letter = false;
  }
  flush();
  if (out.spaces) out.shape.rewrites.insert(out.shape.rewrites.begin(), {kOtherSpace, " ", true, kOtherSpace});
  out.shape.regex = "(?i)" + (iso ? "(?:" + strict + "|" + iso_shape + ")" : strict);
  if (out.zoned) out.past_18_regex = "(?i)" + past_18;
  if (fixed_any) out.fixed_regex = "(?i)" + java;
  return out;
}

SqlExprPtr text(std::string s) { return sql_literal(Value(std::move(s)), DType::String); }

/// One format's parse: the text's stamp in the format, or NULL. A list's format (the ISO
/// layouts tried in turn) reads only text of its shape; the single format's text comes
/// checked and rewritten (the to_datetime lowering). The text and its stamp are each read
/// several times: each is bound once (spark_let) and not written out again.
SqlExprPtr parse_one(const SqlExprPtr& text_in, const SqlExprPtr& format, bool in_list) {
  if (format->kind != SqlExpr::Kind::Literal || !format->value.holds<std::string>()) {
    throw NotImplementedError("to_datetime with a format computed per row is not yet on the Spark engine; run it on "
                              "the DuckDB engine");
  }
  const std::string& layout = format->value.get<std::string>();
  ParseFormat f = parse_format(layout);
  if (!f.refused.empty()) {
    throw NotImplementedError("to_datetime with the format code " + f.refused +
                              " is not yet on the Spark engine; run it on the DuckDB engine");
  }
  // (a list's text is bound by spark_try_strptime)
  const SqlExprPtr x = in_list ? text_in : sql_column("cormorant_strptime_text");
  SqlExprPtr input = f.spaces ? sql_as_is(sql_function("regexp_replace", {x, text("\\s+"), text(" ")})) : x;
  // Spark's TIMESTAMP (an instant) in the session's zone (UTC) as the wall time it read, or as
  // the instant when the format has its offset
  const DType dtype = f.zoned ? DType(DType::TimestampTz) : DType(DType::Timestamp);
  SqlExprPtr parsed = sql_cast(sql_as_is(sql_function("try_to_timestamp", {input, text(f.pattern)})), dtype);
  // pandas' year without a %Y is 1900, java.time's 1970: 70 years back (both years have 365
  // days, so a date that is in one is in the other)
  if (!f.year) {
    auto years = sql_cast(sql_literal(int64_t{-70}, DType::Int64), DType::integer(32, false));
    parsed = sql_infix("+", parsed, sql_function("make_interval", {years}));
  }
  // (the shapes are Java's syntax too; rlike finds a match anywhere)
  auto full_match = [&](const std::string& regex) {
    return sql_as_is(sql_function("rlike", {x, text("\\A(?:" + regex + ")\\z")}));
  };
  if (in_list) return sql_case({{full_match(f.shape.regex), parsed}}, sql_literal(Value(), dtype));
  auto refusal = [&](const std::string& what) {
    return sql_raise(ErrorKind::NotImplemented,
                     {text("to_datetime: the value '"), x,
                      text("' " + what + " with the format '" + layout +
                           "' is not yet on the Spark engine; run it on the DuckDB engine")},
                     dtype);
  };
  const SqlExprPtr stamp = sql_column("cormorant_strptime_stamp");
  SqlExprPtr checked = stamp;
  // pandas reads day 366 of a year of 365 days as the next January 1st; java.time refuses it
  // (the only text of a %j format's shape that is no date)
  if (f.day_of_year) checked = sql_case({{sql_postfix(stamp, "IS NULL"), refusal("(day 366 of a year of 365 days)")}}, stamp);
  // pandas reads UTC offsets of up to 23:59 hours; java.time's end at 18:00 (wherever the offset is)
  if (f.zoned) {
    auto past_18 = full_match(f.past_18_regex);
    checked = sql_case({{sql_infix("AND", sql_postfix(checked, "IS NULL"), past_18), refusal("(a UTC offset past 18:00)")}},
                       checked);
  }
  if (!f.fixed_regex.empty()) {
    checked = sql_case({{full_match(f.fixed_regex), checked}},
                       refusal("(digit fields of varying width side by side, which java.time cannot split)"));
  }
  // (the stamp is total: computed for every row, also where a refusal comes first)
  return spark_let(text_in, x, spark_let(parsed, stamp, checked));
}

}  // namespace

StrptimeShape strptime_shape(const std::string& format) { return parse_format(format).shape; }

/// The Spark form of try_strptime (spark_dialect.cpp's function_forms): the first format that
/// reads the text, as TIMESTAMP_NTZ; NULL when none does.
SqlExprPtr spark_try_strptime(const std::vector<SqlExprPtr>& a) {
  if (a[1]->kind != SqlExpr::Kind::List) return parse_one(a[0], a[1], false);
  const SqlExprPtr x = sql_column("cormorant_strptime_text");
  std::vector<SqlExprPtr> tries;
  for (const auto& format : a[1]->args) tries.push_back(parse_one(x, format, true));
  return spark_let(a[0], x, tries.size() == 1 ? tries[0] : sql_as_is(sql_function("coalesce", std::move(tries))));
}

}  // namespace cormorant::compile
