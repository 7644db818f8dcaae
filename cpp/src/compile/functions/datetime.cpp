#include <string>
#include <vector>

#include "cormorant/compile/function_sql.hpp"
#include "cormorant/plan/function.hpp"

namespace cormorant::compile {

namespace {

SqlExprPtr int_literal(int64_t v) { return sql_literal(Value(v), DType::Int64); }
SqlExprPtr text_literal(const std::string& s) { return sql_literal(Value(s), DType::String); }

/// A one-argument engine function of the call's argument.
FunctionLowering engine_function(std::string name) {
  return [name](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) { return sql_function(name, {args[0]}); };
}

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

/// Python's strftime codes the engine spells otherwise: %z (empty for naive values, +0000 for
/// UTC ones) and %x (the C locale's date).
std::string engine_format(const std::string& format, DType dtype) {
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    char code = format[++i];
    if (code == 'z') out += dtype == DType::TimestampTz ? "+0000" : "";
    else if (code == 'x') out += "%m/%d/%y";
    else out += std::string("%") + code;
  }
  return out;
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

}  // namespace

void register_datetime_lowerings() {
  for (const char* part : {"year", "month", "day", "quarter", "dayofyear", "hour", "minute", "second"}) {
    register_lowering(std::string("dt_") + part, engine_function(part));
  }
  register_lowering("dt_dayofweek", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_infix("-", sql_function("isodow", {args[0]}), int_literal(1));  // Monday=0
  });
  register_lowering("dt_microsecond", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    // The engine's microsecond() counts from the start of the minute.
    return sql_infix("%", sql_function("microsecond", {args[0]}), int_literal(1'000'000));
  });
  register_lowering("dt_days_in_month", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_function("day", {sql_function("last_day", {args[0]})});
  });

  register_lowering("dt_is_month_start", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return false_if_missing(eq(sql_function("day", {args[0]}), int_literal(1)));
  });
  register_lowering("dt_is_month_end", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return false_if_missing(is_last_day(args[0]));
  });
  register_lowering("dt_is_quarter_start", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    auto first_month = eq(sql_infix("%", sql_function("month", {args[0]}), int_literal(3)), int_literal(1));
    return false_if_missing(both(first_month, eq(sql_function("day", {args[0]}), int_literal(1))));
  });
  register_lowering("dt_is_quarter_end", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    auto last_month = eq(sql_infix("%", sql_function("month", {args[0]}), int_literal(3)), int_literal(0));
    return false_if_missing(both(last_month, is_last_day(args[0])));
  });
  register_lowering("dt_is_year_start", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return false_if_missing(both(eq(sql_function("month", {args[0]}), int_literal(1)),
                                 eq(sql_function("day", {args[0]}), int_literal(1))));
  });
  register_lowering("dt_is_year_end", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return false_if_missing(both(eq(sql_function("month", {args[0]}), int_literal(12)),
                                 eq(sql_function("day", {args[0]}), int_literal(31))));
  });
  register_lowering("dt_is_leap_year", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    auto year = sql_function("year", {args[0]});
    auto divisible = [&](int64_t n) { return eq(sql_infix("%", year, int_literal(n)), int_literal(0)); };
    return false_if_missing(
        sql_infix("OR", both(divisible(4), sql_prefix("NOT", divisible(100))), divisible(400)));
  });

  register_lowering("dt_date", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_cast(args[0], DType::Date);  // the session's time zone is UTC
  });

  // floor/ceil/round on microseconds since the epoch, like pandas (which rounds from the epoch).
  register_lowering("dt_floor", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto unit = int_literal(plan::frequency_micros(call.params()[0].get<std::string>()));
    auto rest = floor_mod(sql_function("epoch_us", {args[0]}), unit);
    return shifted(args[0], sql_prefix("-", rest));
  });
  register_lowering("dt_ceil", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto unit = int_literal(plan::frequency_micros(call.params()[0].get<std::string>()));
    auto rest = floor_mod(sql_function("epoch_us", {args[0]}), unit);
    return shifted(args[0], sql_infix("%", sql_infix("-", unit, rest), unit));
  });
  register_lowering("dt_round", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    // Half to even: a tie goes to the multiple of the unit whose count is even.
    auto unit = int_literal(plan::frequency_micros(call.params()[0].get<std::string>()));
    auto us = sql_function("epoch_us", {args[0]});
    auto rest = floor_mod(us, unit);
    auto twice = sql_infix("*", rest, int_literal(2));
    auto down_count = sql_infix("//", sql_infix("-", us, rest), unit);  // exact division
    auto down_is_odd = sql_infix("<>", sql_infix("%", down_count, int_literal(2)), int_literal(0));
    auto up = sql_infix("-", unit, rest);
    auto delta = sql_case({{sql_infix("<", twice, unit), sql_prefix("-", rest)},
                           {sql_infix(">", twice, unit), up},
                           {down_is_odd, up}},
                          sql_prefix("-", rest));
    return shifted(args[0], delta);
  });

  register_lowering("dt_strftime", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    auto format = engine_format(call.params()[0].get<std::string>(), call.args()[0]->dtype());
    return sql_function("strftime", {args[0], text_literal(format)});
  });

  register_lowering("dt_add_us", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    return shifted(args[0], int_literal(call.params()[0].get<int64_t>()));
  });
  register_lowering("dt_tz_localize_utc", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_cast(args[0], DType::TimestampTz);  // the session's time zone is UTC
  });
  register_lowering("dt_tz_naive", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_cast(args[0], DType::Timestamp);
  });

  register_lowering("to_datetime", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call) {
    const auto& params = call.params();
    bool utc = params[1].get<bool>();
    bool coerce = params[2].get<std::string>() == "coerce";
    DType target = utc ? DType::TimestampTz : DType::Timestamp;
    auto text = null_if_nat_text(args[0]);
    bool iso = params[0].is_na() || params[0].get<std::string>() == "ISO8601";
    if (iso && !coerce) return sql_cast(text, target);
    SqlExprPtr parsed;
    if (iso) {
      // No TRY_CAST in the syntax tree: the ISO 8601 layouts, most specific first.
      std::vector<SqlExprPtr> formats;
      for (const char* f : {"%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                            "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"}) {
        formats.push_back(text_literal(f));
      }
      parsed = sql_function("try_strptime", {text, sql_list(formats)});
    } else {
      parsed = sql_function(coerce ? "try_strptime" : "strptime", {text, text_literal(params[0].get<std::string>())});
      if (params[0].get<std::string>().find("%z") != std::string::npos) return parsed;  // already UTC
    }
    return utc ? sql_cast(parsed, DType::TimestampTz) : parsed;
  });
}

}  // namespace cormorant::compile
