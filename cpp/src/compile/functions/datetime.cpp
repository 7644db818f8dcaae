#include <algorithm>
#include <string>
#include <vector>

#include "cormorant/compile/function_sql.hpp"
#include "cormorant/plan/function.hpp"

namespace cormorant::compile {

namespace {

SqlExprPtr int_literal(int64_t v) { return sql_literal(Value(v), DType::Int64); }
SqlExprPtr text_literal(const std::string& s) { return sql_literal(Value(s), DType::String); }

/// `x` % `m` rounded toward minus infinity (the engine's % truncates), for m > 0.
SqlExprPtr floor_mod(const SqlExprPtr& x, const SqlExprPtr& m) {
  return sql_infix("%", sql_infix("+", sql_infix("%", x, m), m), m);
}

SqlExprPtr eq(SqlExprPtr a, SqlExprPtr b) { return sql_infix("=", std::move(a), std::move(b)); }
SqlExprPtr both(SqlExprPtr a, SqlExprPtr b) { return sql_infix("AND", std::move(a), std::move(b)); }

/// A flag that pandas gives as False (never <NA>) for a missing value.
SqlExprPtr false_if_missing(SqlExprPtr flag) {
  return sql_function("coalesce", {std::move(flag), sql_literal(Value(false), DType::Boolean)});
}

SqlExprPtr is_last_day(const SqlExprPtr& x) {
  return eq(sql_function("day", {x}), sql_function("day", {sql_function("last_day", {x})}));
}

/// A timestamp moved by `micros` microseconds (keeps TIMESTAMP or TIMESTAMPTZ).
SqlExprPtr shifted(const SqlExprPtr& x, SqlExprPtr micros) {
  return sql_infix("+", x, sql_function("to_microseconds", {std::move(micros)}));
}

/// The wall time of `x` (a TIMESTAMP) in the zone of its dtype: an aware value is an instant,
/// and pandas reads its fields, dates and rounding in the column's zone. UTC values are left
/// as they are (the engine's session zone is UTC).
SqlExprPtr wall(const SqlExprPtr& x, const DType& dtype) {
  if (dtype != DType::TimestampTz || dtype.is_utc()) return x;
  return sql_function("timezone", {text_literal(dtype.zone()), x});
}

/// The wall time of the call's first argument in its zone.
SqlExprPtr wall_arg(const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
  return wall(args[0], call.args()[0]->dtype());
}

/// A one-argument engine function of the call's argument, read in its zone.
FunctionLowering wall_function(std::string name) {
  return [name](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    return sql_function(name, {wall_arg(args, call)});
  };
}

/// Microseconds from `instant` to its wall time in `zone` (the zone's UTC offset then).
SqlExprPtr utc_offset_us(const SqlExprPtr& instant, const std::string& zone) {
  return sql_infix("-", sql_function("epoch_us", {sql_function("timezone", {text_literal(zone), instant})}),
                   sql_function("epoch_us", {instant}));
}

/// An engine error raised for a row: `text` and the wall time `w` in the message.
SqlExprPtr row_error(const SqlExprPtr& w, const std::string& text) {
  return sql_raise(ErrorKind::InvalidArgument, {sql_cast(w, DType::String), text_literal(text)}, DType::TimestampTz);
}

/// The instant (TIMESTAMPTZ) of wall time `w` (a TIMESTAMP) in `zone`, as pandas'
/// tz_localize: a wall time the zone skips (nonexistent) or repeats (ambiguous) follows
/// `ambiguous` ("raise", "NaT", true: the DST one, false: the standard one) and `nonexistent`
/// ("raise", "NaT"). The zone's offsets a day before and a day after give the candidate
/// instants; a candidate is right when the zone reads it back as `w`.
SqlExprPtr localize(const SqlExprPtr& w, const std::string& zone, const Value& ambiguous, const Value& nonexistent) {
  auto as_utc = sql_cast(w, DType::TimestampTz);  // the instant whose UTC wall time is w
  if (zone == "UTC") return as_utc;
  auto day = sql_function("to_microseconds", {int_literal(86'400'000'000)});
  auto before = utc_offset_us(sql_infix("-", as_utc, day), zone);
  auto after = utc_offset_us(sql_infix("+", as_utc, day), zone);
  auto first = sql_infix("-", as_utc, sql_function("to_microseconds", {before}));   // offset before a change
  auto second = sql_infix("-", as_utc, sql_function("to_microseconds", {after}));   // offset after it
  auto reads_back = [&](const SqlExprPtr& instant) { return eq(sql_function("timezone", {text_literal(zone), instant}), w); };
  auto missing = sql_cast(sql_literal(Value(), DType::Timestamp), DType::TimestampTz);
  SqlExprPtr on_ambiguous;
  if (ambiguous.holds<bool>()) {
    // The DST reading has the larger offset, i.e. the earlier instant.
    on_ambiguous = sql_case({{sql_infix("<", first, second), ambiguous.get<bool>() ? first : second}},
                            ambiguous.get<bool>() ? second : first);
  } else if (ambiguous.get<std::string>() == "NaT") {
    on_ambiguous = missing;
  } else {
    on_ambiguous = row_error(w, " is ambiguous in " + zone + " (Cannot infer dst time); pass ambiguous='NaT', True or False");
  }
  auto on_nonexistent = nonexistent.get<std::string>() == "NaT"
                            ? missing
                            : row_error(w, " is a nonexistent time in " + zone +
                                               " due to daylight savings time; pass nonexistent='NaT'");
  return sql_case({{sql_postfix(w, "IS NULL"), missing},
                   {both(both(reads_back(first), reads_back(second)), sql_infix("<>", before, after)), on_ambiguous},
                   {reads_back(first), first},
                   {reads_back(second), second}},
                  on_nonexistent);
}

/// A rounded wall time back as a value of the call's dtype: aware ones are localized again in
/// their zone with the call's ambiguous/nonexistent options (params 1 and 2, else "raise").
SqlExprPtr relocalized(const SqlExprPtr& w, const plan::FunctionExpr& call) {
  const DType& dtype = call.args()[0]->dtype();
  if (dtype != DType::TimestampTz || dtype.is_utc()) return w;
  const auto& p = call.params();
  return localize(w, dtype.zone(), p.size() > 2 ? p[1] : Value("raise"), p.size() > 2 ? p[2] : Value("raise"));
}

/// The UTC offset of `instant` in `zone` as %z prints it ("+0530", "-0400"; "-045602" for an
/// offset of whole seconds, as local mean times have), or with `separator` between the parts
/// ("+05:30", "-04:56:02", as pandas prints a Timestamp).
SqlExprPtr offset_text(const SqlExprPtr& instant, const std::string& zone, const std::string& separator = "") {
  auto seconds = sql_infix("//", utc_offset_us(instant, zone), int_literal(1'000'000));  // whole seconds
  auto magnitude = sql_function("abs", {seconds});
  auto sign = sql_case({{sql_infix("<", seconds, int_literal(0)), text_literal("-")}}, text_literal("+"));
  auto hours_minutes = sql_function("printf", {text_literal("%s%02d" + separator + "%02d"), sign,
                                               sql_infix("//", magnitude, int_literal(3600)),
                                               sql_infix("//", sql_infix("%", magnitude, int_literal(3600)), int_literal(60))});
  auto rest = sql_infix("%", magnitude, int_literal(60));
  auto with_seconds = sql_function("printf", {text_literal(separator + "%02d"), rest});
  return sql_infix("||", hours_minutes,
                   sql_case({{sql_infix("=", rest, int_literal(0)), text_literal("")}}, with_seconds));
}

/// A missing value for the strings pandas reads as NaT ("", "NaT", "nan", "None"; any case).
SqlExprPtr null_if_nat_text(const SqlExprPtr& x) {
  auto key = sql_function("lower", {sql_function("trim", {x})});
  SqlExprPtr is_nat;
  for (const char* word : {"", "nat", "nan", "none"}) {
    auto e = eq(key, text_literal(word));
    is_nat = is_nat ? sql_infix("OR", is_nat, e) : e;
  }
  return sql_case({{is_nat, sql_cast(sql_literal(Value(), DType::String), DType::String)}}, x);
}

/// The label of the bin of n calendar periods that holds the period anchored at `anchor` (a wall
/// time): bins run every n periods from `first` (the first bin's label, ISO wall time), and a
/// bin ends at its label when `forward` (period ends: ME, QE, YE, W) or starts at it otherwise.
SqlExprPtr every_nth_anchor(const SqlExprPtr& anchor, const std::string& unit, bool forward, int64_t n,
                            const std::string& first) {
  auto origin = sql_cast(text_literal(first), DType::Timestamp);
  // whole periods from the first label's period to the anchor's (never negative: the first label
  // is the earliest row's anchor), up (forward) or down to a multiple of n
  auto bin_periods = [&](SqlExprPtr periods) {
    if (forward) periods = sql_infix("+", periods, int_literal(n - 1));
    return sql_infix("*", sql_infix("//", periods, int_literal(n)), int_literal(n));
  };
  if (unit == "week") {
    auto weeks = sql_infix("//", sql_function("date_diff", {text_literal("day"), origin, anchor}), int_literal(7));
    return sql_infix("+", origin, sql_function("to_days", {sql_infix("*", bin_periods(weeks), int_literal(7))}));
  }
  int64_t months = unit == "month" ? 1 : unit == "quarter" ? 3 : 12;
  auto trunc = [&](SqlExprPtr x) {
    return sql_cast(sql_function("date_trunc", {text_literal(unit), std::move(x)}), DType::Timestamp);
  };
  auto start = trunc(origin);
  auto periods = sql_infix("//", sql_function("date_diff", {text_literal("month"), start, trunc(anchor)}),
                           int_literal(months));
  auto label_start = sql_infix(
      "+", start, sql_function("to_months", {sql_infix("*", bin_periods(periods), int_literal(months))}));
  if (!forward) return label_start;
  return sql_infix("-", sql_infix("+", label_start, sql_function("to_months", {int_literal(months)})),
                   sql_function("to_days", {int_literal(1)}));  // the label's period's last day
}

}  // namespace

void register_datetime_lowerings() {
  for (const char* part : {"year", "month", "day", "quarter", "dayofyear", "hour", "minute", "second"}) {
    register_lowering(std::string("dt_") + part, wall_function(part));
  }
  register_lowering("dt_isoyear", wall_function("isoyear"));  // ISO 8601 calendar (dt.isocalendar)
  register_lowering("dt_isoweek", wall_function("week"));
  register_lowering("dt_isoday", wall_function("isodow"));
  register_lowering("dt_day_name", wall_function("dayname"));
  register_lowering("dt_month_name", wall_function("monthname"));
  register_lowering("dt_dayofweek", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    return sql_infix("-", sql_function("isodow", {wall_arg(args, call)}), int_literal(1));  // Monday=0
  });
  register_lowering("dt_microsecond", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    // The engine's microsecond() counts from the start of the minute.
    return sql_infix("%", sql_function("microsecond", {wall_arg(args, call)}), int_literal(1'000'000));
  });
  register_lowering("dt_days_in_month", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    return sql_function("day", {sql_function("last_day", {wall_arg(args, call)})});
  });

  register_lowering("dt_is_month_start", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto x = wall_arg(args, call);
    return false_if_missing(eq(sql_function("day", {x}), int_literal(1)));
  });
  register_lowering("dt_is_month_end", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto x = wall_arg(args, call);
    return false_if_missing(is_last_day(x));
  });
  register_lowering("dt_is_quarter_start", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto x = wall_arg(args, call);
    auto first_month = eq(sql_infix("%", sql_function("month", {x}), int_literal(3)), int_literal(1));
    return false_if_missing(both(first_month, eq(sql_function("day", {x}), int_literal(1))));
  });
  register_lowering("dt_is_quarter_end", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto x = wall_arg(args, call);
    auto last_month = eq(sql_infix("%", sql_function("month", {x}), int_literal(3)), int_literal(0));
    return false_if_missing(both(last_month, is_last_day(x)));
  });
  register_lowering("dt_is_year_start", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto x = wall_arg(args, call);
    return false_if_missing(both(eq(sql_function("month", {x}), int_literal(1)),
                                 eq(sql_function("day", {x}), int_literal(1))));
  });
  register_lowering("dt_is_year_end", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto x = wall_arg(args, call);
    return false_if_missing(both(eq(sql_function("month", {x}), int_literal(12)),
                                 eq(sql_function("day", {x}), int_literal(31))));
  });
  register_lowering("dt_is_leap_year", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto x = wall_arg(args, call);
    auto year = sql_function("year", {x});
    auto divisible = [&](int64_t n) { return eq(sql_infix("%", year, int_literal(n)), int_literal(0)); };
    return false_if_missing(
        sql_infix("OR", both(divisible(4), sql_prefix("NOT", divisible(100))), divisible(400)));
  });

  register_lowering("dt_date", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    return sql_cast(wall_arg(args, call), DType::Date);  // UTC values: the session's time zone is UTC
  });
  for (const char* name : {"dt_time", "dt_timetz"}) {
    register_lowering(name, [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
      return sql_cast(sql_cast(wall_arg(args, call), DType::Timestamp), DType::Time);  // (UTC values: the engine's TIMESTAMPTZ)
    });
  }

  // floor/ceil/round on microseconds since the epoch, like pandas (which rounds from the epoch).
  // Aware values are rounded in their zone's wall time and localized again (pandas).
  register_lowering("dt_floor", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto unit = int_literal(plan::frequency_micros(call.params()[0].get<std::string>()));
    return sql_let(wall_arg(args, call), "cormorant_moment", [&](const SqlExprPtr& x) {
      auto rest = floor_mod(sql_function("epoch_us", {x}), unit);
      return relocalized(shifted(x, sql_prefix("-", rest)), call);
    });
  });
  register_lowering("dt_ceil", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto unit = int_literal(plan::frequency_micros(call.params()[0].get<std::string>()));
    return sql_let(wall_arg(args, call), "cormorant_moment", [&](const SqlExprPtr& x) {
      auto rest = floor_mod(sql_function("epoch_us", {x}), unit);
      return relocalized(shifted(x, sql_infix("%", sql_infix("-", unit, rest), unit)), call);
    });
  });
  register_lowering("dt_round", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    // Half to even: a tie goes to the multiple of the unit whose count is even.
    auto unit = int_literal(plan::frequency_micros(call.params()[0].get<std::string>()));
    return sql_let(wall_arg(args, call), "cormorant_moment", [&](const SqlExprPtr& x) {
      auto us = sql_function("epoch_us", {x});
      auto rest = floor_mod(us, unit);
      auto twice = sql_infix("*", rest, int_literal(2));
      auto down_count = sql_infix("//", sql_infix("-", us, rest), unit);  // exact division
      auto down_is_odd = sql_infix("<>", sql_infix("%", down_count, int_literal(2)), int_literal(0));
      auto up = sql_infix("-", unit, rest);
      auto delta = sql_case({{sql_infix("<", twice, unit), sql_prefix("-", rest)},
                             {sql_infix(">", twice, unit), up},
                             {down_is_odd, up}},
                            sql_prefix("-", rest));
      return relocalized(shifted(x, delta), call);
    });
  });

  register_lowering("dt_anchor", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    const auto& p = call.params();
    const std::string& unit = p[0].get<std::string>();
    bool forward = p[2].get<bool>();
    auto day = sql_cast(sql_function("date_trunc", {text_literal("day"), wall_arg(args, call)}), DType::Timestamp);
    SqlExprPtr out;
    if (unit == "week") {  // days to (forward) or from (back) the weekday
      auto weekday = sql_infix("-", sql_function("isodow", {day}), int_literal(1));
      auto anchor = int_literal(p[1].get<int64_t>());
      auto days = forward ? sql_infix("%", sql_infix("+", sql_infix("-", anchor, weekday), int_literal(7)), int_literal(7))
                          : sql_prefix("-", sql_infix("%", sql_infix("+", sql_infix("-", weekday, anchor), int_literal(7)),
                                                      int_literal(7)));
      out = sql_infix("+", day, sql_function("to_days", {days}));
    } else {
      out = sql_cast(sql_function("date_trunc", {text_literal(unit), day}), DType::Timestamp);
      if (forward) {  // the period's last day
        int64_t months = unit == "month" ? 1 : unit == "quarter" ? 3 : 12;
        out = sql_infix("-", sql_infix("+", out, sql_function("to_months", {int_literal(months)})),
                        sql_function("to_days", {int_literal(1)}));
      }
    }
    if (p.size() == 5) out = every_nth_anchor(out, unit, forward, p[3].get<int64_t>(), p[4].get<std::string>());
    const DType& dtype = call.args()[0]->dtype();
    if (dtype != DType::TimestampTz || dtype.is_utc()) return dtype == DType::TimestampTz ? sql_cast(out, dtype) : out;
    return localize(out, dtype.zone(), Value("raise"), Value("raise"));
  });
  register_lowering("dt_strftime", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    const DType& dtype = call.args()[0]->dtype();
    auto x = wall_arg(args, call);
    auto number = [&](const char* part) { return sql_function(part, {x}); };
    auto padded = [](SqlExprPtr n, const char* printf_format) {
      return sql_function("printf", {text_literal(printf_format), std::move(n)});
    };
    auto hour12 = sql_infix("+", sql_infix("%", sql_infix("+", number("hour"), int_literal(11)), int_literal(12)),
                            int_literal(1));
    auto pieces = plan::strftime_pieces(call.params()[0].get<std::string>(), dtype);
    if (std::all_of(pieces.begin(), pieces.end(), [](const auto& p) { return p.code.empty(); })) {
      // text alone (or nothing): itself, <NA> for a missing value
      std::string text;
      for (const auto& piece : pieces) text += piece.text;
      return sql_case({{sql_postfix(args[0], "IS NULL"), sql_cast(sql_literal(Value(), DType::String), DType::String)}},
                      text_literal(text));
    }
    SqlExprPtr out;
    std::string run;  // text and the engine's own codes, written by one strftime call
    auto append = [&](SqlExprPtr piece) { out = out ? sql_infix("||", out, std::move(piece)) : std::move(piece); };
    auto flush = [&] {
      if (!run.empty()) append(sql_function("strftime", {x, text_literal(run)}));
      run.clear();
    };
    for (const auto& piece : pieces) {
      if (piece.code.empty()) {
        for (char c : piece.text) run += c == '%' ? std::string("%%") : std::string(1, c);
        continue;
      }
      const std::string& c = piece.code;
      SqlExprPtr value;
      if (c == "-Y") value = sql_cast(number("year"), DType::String);
      else if (c == "-G") value = sql_cast(number("isoyear"), DType::String);
      else if (c == "e") value = padded(number("day"), "%2d");
      else if (c == "k") value = padded(number("hour"), "%2d");
      else if (c == "l") value = padded(hour12, "%2d");
      else if (c == "C") value = sql_cast(sql_infix("//", number("year"), int_literal(100)), DType::String);
      else if (c == "g") value = padded(sql_infix("%", number("isoyear"), int_literal(100)), "%02d");
      else if (c == "P") value = sql_function("lower", {sql_function("strftime", {x, text_literal("%p")})});
      else if (c == "z") value = offset_text(args[0], dtype.zone());
      if (!value) {  // the engine's strftime writes it as the C library does
        run += "%" + c;
        continue;
      }
      flush();
      append(value);
    }
    flush();
    return out;
  });

  register_lowering("dt_text_precision", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto w = wall_arg(args, call);
    auto fraction = sql_infix("%", sql_function("microsecond", {w}), int_literal(1'000'000));
    std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens{
        {sql_postfix(args[0], "IS NULL"), sql_cast(sql_literal(Value(), DType::Int64), DType::Int64)},  // needs nothing
        {sql_infix("<>", sql_infix("%", fraction, int_literal(1000)), int_literal(0)), int_literal(3)},
        {sql_infix("<>", fraction, int_literal(0)), int_literal(2)}};
    if (call.args()[0]->dtype() == DType::Timestamp) {  // aware values always show the time
      whens.push_back({sql_infix("=", w, sql_function("date_trunc", {text_literal("day"), w})), int_literal(0)});
    }
    return sql_case(std::move(whens), int_literal(1));
  });
  register_lowering("dt_to_text", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    const DType& dtype = call.args()[0]->dtype();
    auto w = wall_arg(args, call);
    const auto& precision = args[1];
    auto fraction = sql_infix("%", sql_function("microsecond", {w}), int_literal(1'000'000));
    auto seconds = sql_function("strftime", {w, text_literal("%Y-%m-%d %H:%M:%S")});
    auto digits = [&](SqlExprPtr n, int width) {
      return sql_function("printf", {text_literal(".%0" + std::to_string(width) + "d"), std::move(n)});
    };
    SqlExprPtr text = sql_case(
        {{sql_infix("=", precision, int_literal(0)), sql_function("strftime", {w, text_literal("%Y-%m-%d")})},
         {sql_infix("=", precision, int_literal(2)),
          sql_infix("||", seconds, digits(sql_infix("//", fraction, int_literal(1000)), 3))},
         {sql_infix("=", precision, int_literal(3)), sql_infix("||", seconds, digits(fraction, 6))}},
        seconds);
    if (dtype == DType::TimestampTz) text = sql_infix("||", text, offset_text(args[0], dtype.zone(), ":"));
    return sql_case({{sql_postfix(args[0], "IS NULL"), sql_cast(sql_literal(Value(), DType::String), DType::String)}},
                    text);
  });
  // Timedeltas are BIGINT microseconds: parts by exact integer arithmetic.
  auto rest = [](const SqlExprPtr& x, int64_t unit) {  // x mod unit, in [0, unit)
    return sql_infix("%", sql_infix("+", sql_infix("%", x, int_literal(unit)), int_literal(unit)), int_literal(unit));
  };
  constexpr int64_t kDay = int64_t{86400} * 1000000;
  register_lowering("td_days", [rest](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_infix("//", sql_infix("-", args[0], rest(args[0], kDay)), int_literal(kDay));
  });
  register_lowering("td_seconds", [rest](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_infix("//", rest(args[0], kDay), int_literal(1000000));
  });
  register_lowering("td_microseconds", [rest](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return rest(args[0], 1000000);
  });
  register_lowering("td_nanoseconds", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_infix("*", args[0], int_literal(0));  // microseconds hold no nanoseconds; NaT stays missing
  });
  register_lowering("td_total_seconds", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_infix("/", sql_cast(args[0], DType::Float64), sql_literal(1e6, DType::Float64));
  });
  register_lowering("time_us", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    return call.args()[0]->dtype() == DType::Timedelta ? args[0] : sql_function("epoch_us", {args[0]});
  });
  register_lowering("rolling_time_key", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    const auto& us = args[0];
    const std::string& what = call.params()[0].get<std::string>();
    auto decreasing = sql_infix("<", args[3], args[2]);
    auto out_of_order = sql_case({{decreasing, sql_infix(">", us, args[1])}}, sql_infix("<", us, args[1]));
    return sql_case({{sql_postfix(us, "IS NULL"),
                      sql_raise(ErrorKind::InvalidArgument, {text_literal(what + " values must not have NaT")}, DType::Int64)},
                     {out_of_order, sql_raise(ErrorKind::InvalidArgument,
                                              {text_literal(what + " values must be monotonic")}, DType::Int64)},
                     {decreasing, sql_prefix("-", us)}},
                    us);
  });
  register_lowering("rolling_order_key", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    auto scaled = sql_infix("*", sql_cast_decimal(args[0], 20, 0), sql_cast_decimal(int_literal(10'000'000'000), 11, 0));
    return sql_cast_decimal(sql_infix("+", scaled, sql_cast_decimal(args[1], 20, 0)), 38, 0);
  });
  register_lowering("to_timedelta", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    int64_t per = call.params()[0].get<int64_t>();
    if (call.args()[0]->dtype() == DType::Timedelta) return args[0];
    if (call.args()[0]->dtype() == DType::Int64) return sql_infix("*", args[0], int_literal(per));
    // Floored to the microsecond, as pandas' as_unit("us") of its nanoseconds.
    auto x = sql_infix("*", args[0], sql_literal(static_cast<double>(per), DType::Float64));
    return sql_cast(sql_function("floor", {x}), DType::Timedelta);
  });
  register_lowering("dt_tz_localize", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    const auto& p = call.params();
    return localize(args[0], call.dtype().zone(), p[1], p[2]);
  });
  register_lowering("dt_tz_naive", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    return sql_cast(wall_arg(args, call), DType::Timestamp);  // UTC: the session's zone
  });
  register_lowering("dt_tz_convert", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return args[0];  // the same instants; only the dtype's zone changes
  });

  register_lowering("to_datetime", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    const auto& params = call.params();
    bool utc = params[1].get<bool>();
    bool coerce = params[2].get<std::string>() == "coerce";
    DType target = utc ? DType::TimestampTz : DType::Timestamp;
    auto text = null_if_nat_text(args[0]);
    bool iso = params[0].is_na() || params[0].get<std::string>() == "ISO8601";
    const std::string& label = params[3].get<std::string>();
    // The engine reads "infinity", "-infinity" and "epoch" (any case, spaces around; "inf" in a
    // cast) as stamps, in any layout, where pandas' to_datetime refuses them (NaT with
    // errors="coerce"): a parse of such text is no parse.
    auto special = [](const SqlExprPtr& text) {
      return sql_function("regexp_matches", {text, text_literal("^[ \\t\\n\\r]*-?([iI][nN][fF]|[iI][nN][fF][iI][nN][iI][tT][yY]|"
                                                                "[eE][pP][oO][cC][hH])[ \\t\\n\\r]*$")});
    };
    auto guarded = [&](SqlExprPtr parsed, DType dtype, const SqlExprPtr& text) {
      return sql_case({{special(text), sql_literal(Value(), dtype)}}, std::move(parsed));
    };
    // errors="raise": text that does not parse fails naming the value, the column and the layout
    auto refused = [&](const SqlExprPtr& tried, const SqlExprPtr& parsed, DType dtype, const std::string& layout,
                       const SqlExprPtr& text) {
      auto bad = sql_infix("AND", sql_postfix(text, "IS NOT NULL"), sql_postfix(tried, "IS NULL"));
      std::string rest = "'" + (label.empty() ? "" : " of column '" + label + "'") + " does not match " + layout +
                         "; pass errors='coerce' to make such values NaT";
      return sql_case({{bad, sql_raise(ErrorKind::InvalidArgument, {text_literal("to_datetime: the value '"), text,
                                                                     text_literal(rest)},
                                       dtype)}},
                      parsed);
    };
    if (iso && !coerce) {
      return refused(guarded(sql_try_cast(text, target), target, text), guarded(sql_cast(text, target), target, text),
                     target, "an ISO 8601 layout (YYYY-MM-DD, then HH:MM[:SS[.ffffff]] and a UTC offset)", text);
    }
    SqlExprPtr parsed;
    if (iso) {
      // No TRY_CAST in the syntax tree: the ISO 8601 layouts, most specific first.
      std::vector<SqlExprPtr> formats;
      for (const char* f : {"%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                            "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"}) {
        formats.push_back(text_literal(f));
      }
      parsed = guarded(sql_function("try_strptime", {text, sql_list(formats)}), DType::Timestamp, text);
    } else {
      const std::string& format = params[0].get<std::string>();
      bool zoned = format.find("%z") != std::string::npos;  // then already UTC
      const DType dtype = zoned ? DType(DType::TimestampTz) : DType(DType::Timestamp);
      // only text of the shape pandas reads (the engines' strptime also read spaces around it),
      // brought to what they read; the text, each rewrite's input and the stamp are read several
      // times, each bound once (sql_let: on Spark none is written out again)
      const StrptimeShape shape = strptime_shape(format);
      parsed = sql_let(text, "cormorant_text", [&](const SqlExprPtr& t) {
        SqlExprPtr input = t;
        for (const auto& r : shape.rewrites) {
          auto rewrite = [&](const SqlExprPtr& before) {
            std::vector<SqlExprPtr> args = {before, text_literal(r.pattern), text_literal(r.replacement)};
            if (r.global) args.push_back(text_literal("g"));
            SqlExprPtr rewritten = sql_function("regexp_replace", std::move(args));
            if (r.when.empty()) return rewritten;
            return sql_case({{sql_function("regexp_matches", {before, text_literal(r.when)}), rewritten}}, before);
          };
          input = r.when.empty() ? rewrite(input) : sql_let(input, "cormorant_rewritten", rewrite);
        }
        SqlExprPtr read = sql_function("try_strptime", {input, text_literal(format)});
        if (!shape.regex.empty()) {
          read = sql_case({{sql_function("regexp_full_match", {t, text_literal(shape.regex)}), read}},
                          sql_literal(Value(), dtype));
        }
        read = guarded(read, dtype, t);
        if (coerce) return read;
        return sql_let(read, "cormorant_parsed", [&](const SqlExprPtr& stamp) {
          return refused(stamp, stamp, dtype, "the format '" + format + "'", t);
        });
      });
      if (zoned) return parsed;
    }
    return utc ? sql_cast(parsed, DType::TimestampTz) : parsed;
  });
}

}  // namespace cormorant::compile
