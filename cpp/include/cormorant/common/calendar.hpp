#pragma once
/// Dates of the proleptic Gregorian calendar as days since 1970-01-01 and back (Howard
/// Hinnant's days_from_civil and civil_from_days), for the places that read or write date text
/// themselves: Parquet statistics bounds, the remote-function wire format, Spark's VALUES.
#include <cstdint>

namespace cormorant {

/// A calendar date: year, month 1-12, day 1-31.
struct CivilDate {
  int64_t year = 1970;
  int64_t month = 1;
  int64_t day = 1;
};

/// Days since 1970-01-01 of the date y-m-d (negative before it).
constexpr int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// The date `days` days after 1970-01-01.
constexpr CivilDate civil_from_days(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2), m, doy - (153 * mp + 2) / 5 + 1};
}

static_assert(days_from_civil(1970, 1, 1) == 0 && days_from_civil(2000, 3, 1) == 11017 &&
              days_from_civil(1969, 12, 31) == -1);
static_assert(civil_from_days(11017).year == 2000 && civil_from_days(11017).month == 3 &&
              civil_from_days(-1).day == 31 && civil_from_days(-719468).year == 0);

}  // namespace cormorant
