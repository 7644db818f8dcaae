#include "json_text.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "cormorant/common/error.hpp"

namespace cormorant::session {

namespace {

/// The stats json_stats_sql gives each key, from its column `first` on.
struct KeyStats {
  std::set<std::string> kinds;
  int64_t beyond_bigint = 0;
  std::optional<int64_t> least, greatest;
  bool whole = true, iso = true;
  int64_t key_sets = 0;
};

KeyStats key_stats(const Table& stats, int64_t first) {
  KeyStats s;
  if (!stats.is_null(0, first)) {
    std::stringstream kinds(stats.at(0, first).get<std::string>());
    for (std::string kind; std::getline(kinds, kind, ',');) {
      if (!kind.empty()) s.kinds.insert(kind);
    }
  }
  auto number = [&](int64_t k) { return stats.is_null(0, first + k) ? std::optional<int64_t>() : stats.at(0, first + k).get<int64_t>(); };
  auto flag = [&](int64_t k) { return stats.is_null(0, first + k) || stats.at(0, first + k).get<bool>(); };
  s.beyond_bigint = number(1).value_or(0);
  s.least = number(2);
  s.greatest = number(3);
  s.whole = flag(4);
  s.iso = flag(5);
  s.key_sets = number(6).value_or(0);
  return s;
}

bool plain(DType::Kind kind) {
  return kind == DType::Boolean || kind == DType::Int64 || kind == DType::Float64 || kind == DType::String ||
         kind == DType::Integer;
}

/// Whether the engine's type of a nested key holds JSON text somewhere (an array of mixed
/// kinds, an object's key of mixed kinds, an empty object): the word JSON outside quotes.
bool holds_json_text(const std::string& engine_type) {
  bool quoted = false;
  for (size_t i = 0; i < engine_type.size(); ++i) {
    if (engine_type[i] == '"') quoted = !quoted;
    if (quoted || engine_type.compare(i, 4, "JSON") != 0) continue;
    bool starts = i == 0 || !std::isalnum(static_cast<unsigned char>(engine_type[i - 1]));
    bool ends = i + 4 == engine_type.size() || !std::isalnum(static_cast<unsigned char>(engine_type[i + 4]));
    if (starts && ends) return true;
  }
  return false;
}

std::string joined(const std::set<std::string>& kinds) {
  std::string out;
  for (const auto& k : kinds) out += (out.empty() ? "" : ", ") + k;
  return out;
}

}  // namespace

bool date_like_key(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  auto ends = [&](const std::string& tail) {
    return lower.size() >= tail.size() && lower.compare(lower.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends("_at") || ends("_time") || lower.rfind("timestamp", 0) == 0 || lower == "modified" || lower == "date" ||
         lower == "datetime";
}

std::vector<compile::JsonColumn> json_columns(const std::string& path, const std::vector<engine::EngineColumn>& described,
                                              const Table& engine_types, const Table& stats, bool convert_dates) {
  using Kind = compile::JsonColumn::Kind;
  std::vector<compile::JsonColumn> out;
  // (json_stats_sql's last column: how many keys as written are no column's name)
  if (stats.at(0, stats.num_columns() - 1).get<int64_t>() > 0) {
    throw NotImplementedError("'" + path + "' has keys that differ only in case (such as \"a\" and \"A\"), which the "
                              "engine's JSON reader does not tell apart (pandas reads each as a column); rename them in "
                              "the file");
  }
  for (size_t i = 0; i < described.size(); ++i) {
    const auto& column = described[i];
    const std::string engine_type = engine_types.at(static_cast<int64_t>(i), 1).get<std::string>();
    const std::string what = "column '" + column.name + "' of '" + path + "'";
    const KeyStats s = key_stats(stats, static_cast<int64_t>(1 + 7 * i));
    const bool dates = convert_dates && date_like_key(column.name);
    const std::string keep_text = "; pass convert_dates=False to read it as it is written";
    auto refuse = [&](const std::string& why) { throw NotImplementedError(what + " " + why); };
    auto subset = [&](std::initializer_list<const char*> allowed) {
      return std::all_of(s.kinds.begin(), s.kinds.end(), [&](const std::string& k) {
        return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; });
      });
    };
    compile::JsonColumn c{column.name, Kind::Text, {}};
    if (s.kinds.empty()) {
      c.kind = dates ? Kind::MissingStamp : Kind::Missing;
    } else if (subset({"BIGINT", "UBIGINT"})) {
      if (s.beyond_bigint == 0) {
        c.kind = Kind::Int64;
        // pandas' _try_convert_to_date: numbers all past a year of seconds are stamps in the
        // first unit of s, ms, us, ns whose values all fall in datetime64[ns]'s range.
        if (dates && s.least && *s.least > 31536000) {
          if (*s.greatest <= 9223372036LL) {
            c.kind = Kind::EpochSeconds;
          } else if (*s.greatest <= 9223372036854LL) {
            c.kind = Kind::EpochMillis;
          } else if (*s.greatest <= 9223372036854775LL) {
            c.kind = Kind::EpochMicros;
          } else {
            refuse("holds numbers that pandas reads as nanoseconds since 1970 (its name is a date's), a "
                   "datetime64[ns] column, which cormorant does not have" + keep_text);
          }
        }
      } else if (!s.least || *s.least >= 0) {
        if (dates) refuse("holds numbers past the int64 range in a column named like a date, which pandas reads as stamps" + keep_text);
        c.kind = Kind::UInt64;
      } else {
        refuse("holds negative integers and integers past the int64 range: pandas reads them as an object column of "
               "Python ints, which cormorant does not have");
      }
    } else if (subset({"BIGINT", "UBIGINT", "DOUBLE"})) {
      if (dates) refuse("holds fractional numbers in a column named like a date, which pandas reads as stamps" + keep_text);
      c.kind = s.whole ? Kind::Int64 : Kind::Float64;  // (pandas' nullable dtypes: whole floats are Int64)
    } else if (s.kinds == std::set<std::string>{"BOOLEAN"}) {
      c.kind = Kind::Boolean;
    } else if (s.kinds == std::set<std::string>{"VARCHAR"}) {
      if (dates) {
        if (!s.iso) {
          refuse("is named like a date, so pandas parses its text as dates (to_datetime, with any format it "
                 "recognizes); cormorant parses ISO 8601 stamps without a zone only and this column holds other text" +
                 keep_text);
        }
        c.kind = Kind::IsoTimestamp;
      }
    } else if (s.kinds == std::set<std::string>{"ARRAY"} || s.kinds == std::set<std::string>{"OBJECT"}) {
      const bool objects = s.kinds.count("OBJECT") > 0;
      bool fits = column.dtype && !holds_json_text(engine_type);
      if (fits && objects) {
        fits = *column.dtype == DType::Struct && s.key_sets == 1;
        if (fits) {
          for (const auto& f : column.dtype->fields()) fits = fits && plain(f.dtype.kind());
        }
      } else if (fits) {
        fits = *column.dtype == DType::List && plain(column.dtype->element().kind());
      }
      if (!fits) {
        refuse(std::string("holds JSON ") + (objects ? "objects" : "arrays") +
               " that cormorant cannot hold as pandas does (pandas: an object column of Python " +
               (objects ? "dicts" : "lists") + "): " +
               (objects ? "objects with different keys, or values of several kinds, dates or nested values in them"
                        : "arrays of values of several kinds, of dates or of nested values") +
               "; cormorant reads arrays of numbers, booleans or strings and objects of such values with the same keys");
      }
      c.kind = Kind::Nested;
      c.engine_type = engine_type;
    } else {
      refuse("holds values of several JSON kinds (" + joined(s.kinds) +
             "): pandas reads it as an object column of Python values, which cormorant does not have; make its "
             "values one kind in the file");
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace cormorant::session
