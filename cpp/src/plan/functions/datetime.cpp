#include <algorithm>
#include <string>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

namespace {

using TypingRule = std::function<DType(const std::vector<DType>&, const std::vector<Value>&)>;

const std::vector<DType> kDatetimes = {DType::Timestamp, DType::TimestampTz};
const std::vector<DType> kDatelike = {DType::Date, DType::Timestamp, DType::TimestampTz};

/// The one argument's dtype, which must be one of `accepted`.
DType check_one(const std::string& name, const std::vector<DType>& args, const std::vector<DType>& accepted) {
  if (args.size() != 1) throw InternalError("internal error: " + name + " takes 1 argument");
  for (DType d : accepted) {
    if (d.kind() == args[0].kind()) return args[0];  // an aware timestamp keeps its zone
  }
  throw DTypeError(name + " does not apply to dtype '" + std::string(dtype_name(args[0])) + "'");
}

/// A string parameter at `i`, or an InvalidArgumentError naming `what`.
const std::string& string_param(const std::string& name, const std::vector<Value>& params, size_t i,
                                const std::string& what) {
  if (params.size() <= i || !params[i].holds<std::string>()) {
    throw InvalidArgumentError(name + " needs " + what + " as a string");
  }
  return params[i].get<std::string>();
}

/// A rule returning the argument's own dtype after a check of the parameters.
TypingRule same_dtype(std::string name, std::vector<DType> accepted,
                      std::function<void(const std::vector<Value>&)> check_params) {
  return [name, accepted, check_params](const std::vector<DType>& args, const std::vector<Value>& params) {
    DType d = check_one(name, args, accepted);
    check_params(params);
    return d;
  };
}

}  // namespace

void check_localize_options(const std::vector<Value>& params, size_t first) {
  if (params.size() != first + 2) throw InternalError("internal error: localizing takes (ambiguous, nonexistent)");
  const Value& ambiguous = params[first];
  const Value& nonexistent = params[first + 1];
  bool ambiguous_ok = ambiguous.holds<bool>() || (ambiguous.holds<std::string>() &&
                                                  (ambiguous.get<std::string>() == "raise" ||
                                                   ambiguous.get<std::string>() == "NaT"));
  if (!ambiguous_ok) {
    throw NotImplementedError("ambiguous=" + ambiguous.to_string() +
                              " is not supported; use 'raise', 'NaT', True (DST) or False (standard time)");
  }
  bool nonexistent_ok = nonexistent.holds<std::string>() &&
                        (nonexistent.get<std::string>() == "raise" || nonexistent.get<std::string>() == "NaT");
  if (!nonexistent_ok) {
    throw NotImplementedError("nonexistent=" + nonexistent.to_string() +
                              " is not supported; use 'raise' or 'NaT'");
  }
}

namespace {

/// The C locale's composite codes, as their parts ('Y' below is the unpadded year: the C
/// library's %c and %F write it so).
std::string composite(char code) {
  switch (code) {
    case 'c': return "%a %b %e %H:%M:%S %Y";
    case 'D': case 'x': return "%m/%d/%y";
    case 'F': return "%Y-%m-%d";
    case 'r': return "%I:%M:%S %p";
    case 'R': return "%H:%M";
    case 'T': case 'X': return "%H:%M:%S";
    case 'h': return "%b";
    default: return "";
  }
}

bool one_of(char c, const char* set) { return c != '\0' && std::string(set).find(c) != std::string::npos; }

/// Whether pandas writes `format` itself (its fast path: only %Y %m %d %H %M %S %f %% and text),
/// where %Y has four digits; otherwise Python's strftime writes it, and the C library's %Y does not pad.
bool pandas_writes(const std::string& format) {
  for (size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (!one_of(format[i + 1], "YmdHMSf%")) return false;
    ++i;
  }
  return true;
}

class StrftimeParser {
 public:
  StrftimeParser(const DType& dtype, bool padded_year) : dtype_(dtype), padded_year_(padded_year) {}

  void parse(const std::string& format) {
    for (size_t i = 0; i < format.size(); ++i) {
      if (format[i] != '%' || i + 1 == format.size()) {  // a lone '%' at the end is itself
        text(std::string(1, format[i]));
        continue;
      }
      size_t start = i++;
      if (one_of(format[i], "_0^#:123456789")) {  // the C library's other flags and widths (and %:z)
        size_t end = i;
        while (end + 1 < format.size() && one_of(format[end], "_0^#:-123456789")) ++end;
        refuse(format.substr(start, end + 1 - start), "");
      }
      bool unpadded = false;
      if (format[i] == '-' && i + 1 < format.size()) {
        unpadded = true;
        ++i;
      }
      if ((format[i] == 'E' && one_of(format[i + 1 < format.size() ? i + 1 : i], "cCxXyY")) ||
          (format[i] == 'O' && one_of(format[i + 1 < format.size() ? i + 1 : i], "deHImMSuUVwWy"))) {
        ++i;  // the C locale has no alternative forms
      }
      std::string spelled = format.substr(start, i + 1 - start);
      char code = format[i];
      if (unpadded && !one_of(code, "dmHIMSjyY")) refuse(spelled, "");
      if (code == '%') text("%");
      else if (code == 'n') text("\n");
      else if (code == 't') text("\t");
      else if (!composite(code).empty()) {
        if (dtype_ == DType::Date && !one_of(code, "xX")) refuse(spelled, " of dates");
        parse(composite(code));
      } else {
        conversion(code, unpadded, spelled);
      }
    }
  }

  std::vector<StrftimePiece> pieces;

 private:
  void text(const std::string& t) {
    if (!pieces.empty() && pieces.back().code.empty()) pieces.back().text += t;
    else pieces.push_back({"", t});
  }
  void code(std::string c) { pieces.push_back({std::move(c), ""}); }

  [[noreturn]] static void refuse(const std::string& spelled, const std::string& of) {
    throw NotImplementedError("dt.strftime: the code " + spelled + " is not supported" + of +
                              "; use the codes of Python's strftime (%Y %m %d %H %M %S %f %a %b %p %j %U %z ...)");
  }

  void conversion(char c, bool unpadded, const std::string& spelled) {
    bool date = dtype_ == DType::Date;
    bool aware = dtype_ == DType::TimestampTz;
    if (date && !one_of(c, "YmdyjaAbBUWwGVuHMSIp")) refuse(spelled, " of dates");
    if (date && unpadded) refuse(spelled, " of dates");
    if (c == 'Y') {
      // the C library's %Y does not pad (%c and %F are never pandas' own formats)
      code((unpadded || !padded_year_) && !date ? "-Y" : "Y");
    } else if (c == 'G') {
      code(date ? "G" : "-G");
    } else if (one_of(c, "mdHIMSjy")) {
      code(unpadded ? std::string("-") + c : std::string(1, c));
    } else if (one_of(c, "faAbBpUWwVu")) {
      code(std::string(1, c));
    } else if (one_of(c, "eklCgP")) {
      code(std::string(1, c));
    } else if (c == 'z') {
      if (!aware) text("");
      else if (dtype_.is_utc()) text("+0000");
      else code("z");
    } else if (c == 'Z') {
      if (!aware) text("");
      else if (dtype_.is_utc()) text("UTC");
      else throw NotImplementedError("dt.strftime: %Z (the zone's abbreviation) is not supported for " +
                                     dtype_.zone() + " values; use %z (the UTC offset)");
    } else if (c == 's') {
      throw NotImplementedError(
          "dt.strftime: the code %s (seconds since the epoch of the wall time read in the machine's local zone) "
          "is not supported; subtract a Timestamp of the epoch and floor-divide by pd.Timedelta('1s')");
    } else {
      refuse(spelled, "");
    }
  }

  DType dtype_;
  bool padded_year_;
};

}  // namespace

std::vector<StrftimePiece> strftime_pieces(const std::string& format, const DType& dtype) {
  StrftimeParser parser(dtype, pandas_writes(format));
  parser.parse(format);
  return std::move(parser.pieces);
}

int64_t frequency_micros(const std::string& freq) {
  // "<n><unit>" with n >= 1 optional; the units pandas' fixed frequencies take.
  size_t digits = 0;
  while (digits < freq.size() && freq[digits] >= '0' && freq[digits] <= '9') ++digits;
  std::string unit = freq.substr(digits);
  int64_t per = 0;
  if (unit == "D" || unit == "d") per = 86'400'000'000;
  else if (unit == "h") per = 3'600'000'000;
  else if (unit == "min") per = 60'000'000;
  else if (unit == "s") per = 1'000'000;
  else if (unit == "ms") per = 1'000;
  else if (unit == "us") per = 1;
  int64_t n = 1;
  if (digits > 0) {
    if (digits > 15) per = 0;
    else n = std::stoll(freq.substr(0, digits));
  }
  if (per == 0 || n <= 0 || n > INT64_MAX / per) {
    throw InvalidArgumentError("Invalid frequency: " + freq +
                               "; use a fixed frequency such as 'D', 'h', 'min', 's', 'ms', 'us' or '15min'");
  }
  return n * per;
}

/// pandas' Series.dt properties and methods. Names are "dt_<name>"; "to_datetime" parses strings.
void register_datetime_functions() {
  // Integer parts: Int64 (pandas gives int32, or float64 when there are NaT).
  for (const char* part : {"year", "month", "day", "quarter", "dayofweek", "dayofyear", "days_in_month", "isoyear",
                           "isoweek", "isoday"}) {
    register_function({std::string("dt_") + part,
                       signature(std::string("dt.") + part, {kDatelike}, DType::Int64)});
  }
  for (const char* part : {"hour", "minute", "second", "microsecond"}) {
    register_function({std::string("dt_") + part,
                       signature(std::string("dt.") + part, {kDatetimes}, DType::Int64)});
  }
  // Boolean properties: False (never <NA>) for missing values, as pandas.
  for (const char* flag : {"is_month_start", "is_month_end", "is_quarter_start", "is_quarter_end", "is_year_start",
                           "is_year_end", "is_leap_year"}) {
    register_function({std::string("dt_") + flag,
                       signature(std::string("dt.") + flag, {kDatelike}, DType::Boolean)});
  }
  register_function({"dt_date", signature("dt.date", {kDatetimes}, DType::Date)});
  // The wall time of day (pandas' datetime.time objects); timetz keeps the zone in pandas, which
  // a time of day here has not: naive values only.
  register_function({"dt_time", signature("dt.time", {kDatetimes}, DType::Time)});
  register_function({"dt_timetz", signature("dt.timetz", {{DType::Timestamp}}, DType::Time)});
  // astype("string") of timestamps, which pandas formats column-wide: dt_text_precision gives
  // each value's need (0: a naive midnight, 1: seconds, 2: milliseconds, 3: microseconds) and
  // dt_to_text formats a value at the column's largest need (its second argument).
  register_function({"dt_text_precision", signature("astype", {kDatetimes}, DType::Int64)});
  register_function({"dt_to_text", signature("astype", {kDatetimes, {DType::Int64}}, DType::String)});
  register_function({"dt_day_name", signature("dt.day_name", {kDatelike}, DType::String)});
  register_function({"dt_month_name", signature("dt.month_name", {kDatelike}, DType::String)});

  // floor/ceil/round: params = {frequency string[, ambiguous, nonexistent]} (an aware value is
  // rounded in its zone's wall time and localized again, as pandas does).
  for (const char* method : {"floor", "ceil", "round"}) {
    std::string name = std::string("dt.") + method;
    register_function({std::string("dt_") + method, same_dtype(name, kDatetimes, [name](const std::vector<Value>& p) {
                         frequency_micros(string_param(name, p, 0, "a frequency"));
                         if (p.size() > 1) check_localize_options(p, 1);
                       })});
  }
  // The calendar anchor a date rolls to (pandas' offset.rollback/rollforward of the date, at
  // midnight in the value's zone): params = {unit ("week", "month", "quarter", "year"), the
  // week's weekday (0 = Monday; ignored otherwise), forward (bool)}. Quarters and years are
  // the calendar's (QS/QE-DEC, YS/YE-DEC); resample's calendar bins are labelled by it.
  // Bins of n periods (2ME, 3MS, 2W-SUN): two more params, n and the first bin's label (its wall
  // time, ISO text); each value's anchor then goes to the label of its bin, every n periods from
  // the first (the label at or after the anchor when forward, at or before it otherwise).
  register_function({"dt_anchor", same_dtype("resample", kDatetimes, [](const std::vector<Value>& p) {
                       const std::string& unit = string_param("resample", p, 0, "a calendar unit");
                       if (unit != "week" && unit != "month" && unit != "quarter" && unit != "year") {
                         throw InvalidArgumentError("resample: unknown calendar unit " + unit);
                       }
                       bool every_nth = p.size() == 5 && p[3].holds<int64_t>() && p[3].get<int64_t>() >= 1 &&
                                        p[4].holds<std::string>();
                       if ((p.size() != 3 && !every_nth) || !p[1].holds<int64_t>() || !p[2].holds<bool>() ||
                           p[1].get<int64_t>() < 0 || p[1].get<int64_t>() > 6) {
                         throw InternalError("internal error: dt_anchor takes (unit, weekday, forward[, n, first])");
                       }
                     })});
  // strftime: params = {format}.
  register_function({"dt_strftime", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       DType d = check_one("dt.strftime", args, kDatelike);
                       strftime_pieces(string_param("dt.strftime", params, 0, "a format"), d);  // checks the codes
                       return DType::String;
                     }});
  // Time zones. tz_localize: params = {zone, ambiguous, nonexistent}; naive wall times become
  // instants in `zone`. tz_localize(None) keeps the wall time in the column's zone.
  // tz_convert: params = {zone}; the same instants read in another zone.
  register_function({"dt_tz_localize", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       if (args.size() == 1 && args[0] == DType::TimestampTz) {
                         throw DTypeError("Already tz-aware, use tz_convert to convert.");
                       }
                       check_one("dt.tz_localize", args, {DType::Timestamp});
                       check_localize_options(params, 1);
                       return DType::timestamp_tz(string_param("dt.tz_localize", params, 0, "a time zone"));
                     }});
  register_function({"dt_tz_naive", [](const std::vector<DType>& args, const std::vector<Value>&) {
                       if (args.size() == 1 && args[0] == DType::Timestamp) {
                         throw DTypeError("Already tz-naive, use tz_localize to localize");
                       }
                       check_one("dt.tz_localize(None)", args, {DType::TimestampTz});
                       return DType(DType::Timestamp);
                     }});
  register_function({"dt_tz_convert", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       if (args.size() == 1 && args[0] == DType::Timestamp) {
                         throw DTypeError("Cannot convert tz-naive timestamps, use tz_localize to localize");
                       }
                       check_one("dt.tz_convert", args, {DType::TimestampTz});
                       return DType::timestamp_tz(string_param("dt.tz_convert", params, 0, "a time zone"));
                     }});

  // Series.dt of timedeltas: the parts pandas' Timedelta has (days floor toward -inf; seconds
  // and microseconds are the non-negative rest within the day and the second), and total_seconds.
  for (const char* part : {"days", "seconds", "microseconds", "nanoseconds"}) {
    register_function({std::string("td_") + part, signature(std::string("dt.") + part, {{DType::Timedelta}}, DType::Int64)});
  }
  register_function({"td_total_seconds", signature("dt.total_seconds", {{DType::Timedelta}}, DType::Float64)});
  // Rolling windows by a time offset (api/window.cpp): time_us is the microseconds of a
  // datetime since the epoch (UTC for aware ones, pandas' i8) or of a timedelta;
  // rolling_time_key(us, previous us, first us, last us), params {what}, is them made
  // ascending (negated when last < first), failing the query with pandas' ValueError naming
  // `what` where one is missing or out of order.
  register_function({"time_us", signature("rolling", {{DType::Timestamp, DType::TimestampTz, DType::Timedelta}}, DType::Int64)});
  register_function({"rolling_time_key", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       if (args.size() != 4 || params.size() != 1 || !params[0].holds<std::string>() ||
                           std::any_of(args.begin(), args.end(), [](DType d) { return d != DType::Int64; })) {
                         throw InternalError("internal error: rolling_time_key takes 4 Int64 and (what)");
                       }
                       return DType(DType::Int64);
                     }});
  // rolling_order_key(key, position): the rows in order of that key (rolling_time_key's), then of
  // their position (< 10**10), as one number: key * 10**10 + position (an exact DECIMAL(38,0) in
  // SQL, typed Int64 here: only a window's ORDER BY reads it).
  register_function({"rolling_order_key", [](const std::vector<DType>& args, const std::vector<Value>&) {
                       if (args.size() != 2 || args[0] != DType::Int64 || args[1] != DType::Int64) {
                         throw InternalError("internal error: rolling_order_key takes 2 Int64");
                       }
                       return DType(DType::Int64);
                     }});
  // to_timedelta of numbers: params = {microseconds per unit (an integer)}; floats are floored
  // to the microsecond, as pandas' as_unit("us") of its nanoseconds.
  register_function({"to_timedelta", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       check_one("to_timedelta", args, {DType::Int64, DType::Float64, DType::Timedelta});
                       if (params.size() != 1 || !params[0].holds<int64_t>() || params[0].get<int64_t>() < 1) {
                         throw InternalError("internal error: to_timedelta takes (microseconds per unit)");
                       }
                       return DType(DType::Timedelta);
                     }});

  // to_datetime: params = {format or <NA>, utc (bool), errors ("raise" or "coerce"), the column's
  // label for messages ("" for none)}.
  register_function({"to_datetime", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       check_one("to_datetime", args, {DType::String});
                       if (params.size() != 4 || !(params[0].is_na() || params[0].holds<std::string>()) ||
                           !params[1].holds<bool>() || !params[2].holds<std::string>() || !params[3].holds<std::string>()) {
                         throw InternalError("internal error: to_datetime takes (format, utc, errors, label)");
                       }
                       const std::string& errors = params[2].get<std::string>();
                       if (errors != "raise" && errors != "coerce") {
                         throw InvalidArgumentError("errors must be 'raise' or 'coerce', got '" + errors + "'");
                       }
                       bool utc = params[1].get<bool>();
                       if (!params[0].is_na() && params[0].get<std::string>().find("%z") != std::string::npos && !utc) {
                         throw NotImplementedError(
                             "to_datetime with a %z format gives fixed-offset time zones, which cormorant does not "
                             "support; pass utc=True");
                       }
                       return utc ? DType::TimestampTz : DType::Timestamp;
                     }});
}

}  // namespace cormorant::plan
