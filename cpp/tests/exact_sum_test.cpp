// ExactSum (common/exact_sum.hpp): the exact sum of doubles rounded once. Oracles: the hardware's
// own addition (a + b is the exact sum of two doubles rounded once), the exact error term of
// TwoSum (a + b - fl(a + b) is a double), integer sums, and order independence (shuffles and
// arbitrary merges give the same bits). The engine functions built on it are compared with
// Python's math.fsum and pandas in tests/python/test_exact_float_aggregates.py.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include <cormorant/common/exact_sum.hpp>

namespace {

using cormorant::ExactCovariance;
using cormorant::ExactSum;
using cormorant::ExactVariance;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

uint64_t bits_of(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

double sum_of(const std::vector<double>& xs) {
  ExactSum s;
  for (double x : xs) s.add(x);
  return s.value();
}

/// Doubles of every magnitude and sign: normal, subnormal, near the largest, with random bits.
double random_double(std::mt19937_64& rng) {
  uint64_t b = rng();
  uint64_t e = (b >> 52) & 0x7ff;
  if (e == 0x7ff) b &= ~(uint64_t{1} << 62);  // no NaN or infinity
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

/// Doubles within a few binades of each other, as columns of money or measurements are.
double nearby_double(std::mt19937_64& rng, int exponent) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  return std::ldexp(u(rng), exponent + static_cast<int>(rng() % 8));
}

TEST(ExactSum, TwoTermsRoundLikeTheHardware) {
  std::mt19937_64 rng(12);
  for (int i = 0; i < 200000; ++i) {
    double a = random_double(rng), b = i % 2 ? random_double(rng) : nearby_double(rng, static_cast<int>(rng() % 200) - 100);
    if (i % 3 == 0) b = std::ldexp(b, -static_cast<int>(rng() % 60));  // a partly overlapping b
    double want = a + b;
    double got = sum_of({a, b});
    if (want == 0.0) {
      EXPECT_EQ(got, 0.0);
    } else {
      ASSERT_EQ(bits_of(got), bits_of(want)) << a << " + " << b;
    }
  }
}

TEST(ExactSum, RecoversTheExactErrorOfAnAddition) {
  // TwoSum: s = fl(a + b) and e = a + b - s exactly, so a + b - s is the double e.
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    double a = nearby_double(rng, static_cast<int>(rng() % 2000) - 1000);
    double b = std::ldexp(nearby_double(rng, 0), std::ilogb(a) - static_cast<int>(rng() % 70));
    double s = a + b;
    if (!std::isfinite(s)) continue;
    double bb = s - a;
    double e = (a - (s - bb)) + (b - bb);
    double got = sum_of({a, b, -s});
    if (e == 0.0) {
      EXPECT_EQ(got, 0.0);
    } else {
      ASSERT_EQ(bits_of(got), bits_of(e)) << a << " " << b;
    }
    // and in another order, with the terms cancelling in between
    ASSERT_EQ(bits_of(sum_of({-s, b, 1e300, a, -1e300})), bits_of(e == 0.0 ? 0.0 : e));
  }
}

TEST(ExactSum, CancellationIsExact) {
  EXPECT_EQ(sum_of({1e16, 1.0, -1e16}), 1.0);
  EXPECT_EQ(sum_of({1e308, 1e308, -1e308}), 1e308);  // no intermediate overflow
  EXPECT_EQ(sum_of({std::numeric_limits<double>::max(), std::numeric_limits<double>::max()}), kInf);
  EXPECT_EQ(sum_of({-std::numeric_limits<double>::max(), -std::numeric_limits<double>::max()}), -kInf);
  double tiny = std::numeric_limits<double>::denorm_min();
  EXPECT_EQ(sum_of({tiny, 1e300, tiny, -1e300}), 2 * tiny);
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    std::vector<double> xs;
    double keep = random_double(rng);
    for (int j = 0; j < 20; ++j) {
      double x = random_double(rng);
      xs.push_back(x);
      xs.push_back(-x);
    }
    xs.push_back(keep);
    std::shuffle(xs.begin(), xs.end(), rng);
    double got = sum_of(xs);
    ASSERT_EQ(bits_of(got), bits_of(keep == 0.0 ? 0.0 : keep));
  }
}

TEST(ExactSum, IntegerValuedTermsSumLikeIntegers) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200; ++i) {
    ExactSum s;
    __extension__ __int128 want = 0;
    for (int j = 0; j < 1000; ++j) {
      auto v = static_cast<int64_t>(rng() >> 12) - (int64_t{1} << 51);  // |v| < 2**52: exact as a double
      s.add(static_cast<double>(v));
      want += v;
    }
    ASSERT_EQ(s.value(), static_cast<double>(want));  // (the conversion rounds once, to nearest even)
  }
}

TEST(ExactSum, PandasRulesForMissingNanAndInfinities) {
  EXPECT_EQ(sum_of({}), 0.0);
  EXPECT_FALSE(std::signbit(sum_of({-0.0, -0.0})));  // pandas: the sum of no values or of zeros is 0.0
  EXPECT_TRUE(std::isnan(sum_of({1.0, kNaN})));
  EXPECT_TRUE(std::isnan(sum_of({kInf, -kInf})));
  EXPECT_TRUE(std::isnan(sum_of({kNaN, kInf})));
  EXPECT_EQ(sum_of({kInf, 1.0, kInf}), kInf);
  EXPECT_EQ(sum_of({-kInf, 1e308, 1e308}), -kInf);
  ExactSum s;
  s.add(kNaN);
  s.add(1.0);
  EXPECT_EQ(s.count(), 2);
}

TEST(ExactSum, ShufflesAndMergesGiveTheSameBits) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 200; ++round) {
    std::vector<double> xs;
    int n = 1 + static_cast<int>(rng() % 3000);
    int spread = round % 4;  // nearby, wide, everything, and subnormals with huge values
    for (int i = 0; i < n; ++i) {
      double x = spread == 0   ? nearby_double(rng, 10)
                 : spread == 1 ? nearby_double(rng, static_cast<int>(rng() % 400) - 200)
                 : spread == 2 ? random_double(rng)
                               : (i % 2 ? std::numeric_limits<double>::denorm_min() * static_cast<double>(rng() % 1000)
                                        : nearby_double(rng, 1000) * (i % 3 ? 1 : -1));
      xs.push_back(x);
    }
    double first = sum_of(xs);
    std::shuffle(xs.begin(), xs.end(), rng);
    ASSERT_EQ(bits_of(sum_of(xs)), bits_of(first));
    // split into parts summed apart and merged in a random order, as threads do
    std::vector<ExactSum> parts(1 + rng() % 8);
    for (double x : xs) parts[rng() % parts.size()].add(x);
    std::shuffle(parts.begin(), parts.end(), rng);
    ExactSum total;
    for (const auto& p : parts) total.merge(p);
    ASSERT_EQ(bits_of(total.value()), bits_of(first));
    ASSERT_EQ(total.count(), n);
    total.merge(total);  // (merging with itself doubles the sum exactly)
    ASSERT_EQ(bits_of(total.value()), bits_of(2 * first));
  }
}

TEST(ExactSum, StaysInlineForNearbyMagnitudesAndGrowsForWideOnes) {
  ExactSum money;
  for (int i = 0; i < 100000; ++i) money.add(0.01 * (i % 997) + 1e6 * (i % 3));
  EXPECT_FALSE(money.on_heap());
  ExactSum wide;
  wide.add(1e-300);
  wide.add(1e300);
  EXPECT_TRUE(wide.on_heap());
  EXPECT_EQ(wide.value(), 1e300);
  ExactSum copy(wide);  // a deep copy: the two grow apart
  copy.add(-1e300);
  EXPECT_EQ(copy.value(), 1e-300);
  EXPECT_EQ(wide.value(), 1e300);
  copy = money;
  EXPECT_EQ(bits_of(copy.value()), bits_of(money.value()));
}

TEST(ExactSum, CarriesOverManyTerms) {
  // Past the point where carries are propagated, with every digit of each term's limbs set.
  ExactSum s;
  double x = std::nextafter(1.0, 2.0);  // every significand bit set in the low digit
  const int64_t n = (int64_t{1} << 28) + 12345;  // (carries are propagated every 2**28 terms)
  for (int64_t i = 0; i < n; ++i) s.add(x);
  // n * x = n + n * 2**-52, exactly n * (1 + 2**-52): compare with the integer arithmetic
  __extension__ __int128 scaled = static_cast<__int128>(n) * ((int64_t{1} << 52) + 1);  // in units of 2**-52
  double want = std::ldexp(static_cast<double>(scaled), -52);  // one rounding, to nearest even
  EXPECT_EQ(bits_of(s.value()), bits_of(want));
}

TEST(CompactExactSum, SameBitsAsExactSumWhereverTheSumIsHeld) {
  // Oracle: ExactSum of the same terms (itself checked above and against math.fsum). Every
  // kind of data: nearby magnitudes (held in the pair), wide and random ones, subnormals with
  // huge values, cancellation, NaN and infinities (moved to an ExactSum), in parts summed
  // apart and merged in random orders, as the engine's threads do.
  using cormorant::CompactExactSum;
  std::mt19937_64 rng(21);
  int spilled = 0, kept = 0;
  for (int round = 0; round < 600; ++round) {
    std::vector<double> xs;
    int n = 1 + static_cast<int>(rng() % (round % 3 ? 40 : 3000));
    int kind = round % 7;
    for (int i = 0; i < n; ++i) {
      double x = kind == 0   ? nearby_double(rng, 6)
                 : kind == 1 ? std::round(nearby_double(rng, 7) * 1e6) / 1e6  // db-benchmark's v3
                 : kind == 2 ? nearby_double(rng, static_cast<int>(rng() % 400) - 200)
                 : kind == 3 ? random_double(rng)
                 : kind == 4 ? (i % 2 ? std::numeric_limits<double>::denorm_min() * static_cast<double>(rng() % 1000)
                                      : nearby_double(rng, -1000))
                 : kind == 5 ? (i % 2 ? -xs.back() : nearby_double(rng, 1020))  // cancellation near the top
                             : (rng() % 50 == 0 ? (rng() % 3 == 0 ? kNaN : rng() % 2 ? kInf : -kInf) : nearby_double(rng, 0));
      xs.push_back(x);
    }
    ExactSum want;
    for (double x : xs) want.add(x);
    CompactExactSum all;
    for (double x : xs) all.add(x);
    ASSERT_EQ(bits_of(all.value()), bits_of(want.value())) << round;
    (all.spilled() ? spilled : kept)++;
    std::shuffle(xs.begin(), xs.end(), rng);
    std::vector<CompactExactSum> parts(1 + rng() % 8);
    for (double x : xs) parts[rng() % parts.size()].add(x);
    std::vector<size_t> order(parts.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    CompactExactSum total;
    for (size_t i : order) total.merge(parts[i]);
    ASSERT_EQ(bits_of(total.value()), bits_of(want.value())) << round;
  }
  EXPECT_GT(kept, 100);  // both ways of holding the sum were exercised
  EXPECT_GT(spilled, 100);
  CompactExactSum zeros;
  zeros.add(-0.0);
  zeros.add(-0.0);
  EXPECT_FALSE(std::signbit(zeros.value()));  // pandas: the sum of zeros is 0.0
  CompactExactSum empty;
  EXPECT_EQ(bits_of(empty.value()), bits_of(0.0));
  CompactExactSum past;  // past the largest double: the rounded sum is an infinity
  past.add(std::numeric_limits<double>::max());
  past.add(std::numeric_limits<double>::max());
  EXPECT_EQ(past.value(), kInf);
  past.add(-std::numeric_limits<double>::max());  // and back: exact all along
  EXPECT_EQ(past.value(), std::numeric_limits<double>::max());
}

TEST(ExactVariance, MatchesTwoPassVarianceAndIgnoresOrder) {
  std::mt19937_64 rng(9);
  for (int round = 0; round < 100; ++round) {
    std::vector<double> xs;
    double offset = round % 2 ? 1e9 : 0.0;  // a large mean: the one-pass formula would cancel
    int n = 2 + static_cast<int>(rng() % 500);
    for (int i = 0; i < n; ++i) xs.push_back(offset + nearby_double(rng, round % 5));
    // two-pass in long double as the reference
    long double mean = 0;
    for (double x : xs) mean += x;
    mean /= n;
    long double m2 = 0;
    for (double x : xs) m2 += (x - mean) * (x - mean);
    double want = static_cast<double>(m2 / (n - 1));
    ExactVariance v;
    for (double x : xs) v.add(x);
    EXPECT_NEAR(v.variance(), want, 1e-9 * want) << round;
    std::shuffle(xs.begin(), xs.end(), rng);
    ExactVariance a, b;
    for (size_t i = 0; i < xs.size(); ++i) (i % 3 ? a : b).add(xs[i]);
    b.merge(a);
    EXPECT_EQ(bits_of(b.variance()), bits_of(v.variance()));
  }
  ExactVariance one;
  one.add(1.0);
  EXPECT_TRUE(std::isnan(one.variance()));
  ExactVariance special;
  special.add(1.0);
  special.add(kInf);
  EXPECT_TRUE(std::isnan(special.variance()));
  ExactVariance same;
  for (int i = 0; i < 10; ++i) same.add(0.1);
  EXPECT_EQ(same.variance(), 0.0);
}

// NumPy's divisor n - ddof, clipped at 0 (pandas' nullable Series.var(ddof=)): numpy.var is the
// oracle for each case below.
TEST(ExactVariance, DividesByNMinusDdofAsNumPy) {
  ExactVariance two;
  two.add(2.0);
  two.add(3.0);
  EXPECT_EQ(two.variance(0), 0.25);                          // numpy.var([2, 3], ddof=0)
  EXPECT_EQ(two.variance(1), 0.5);                           // ddof=1
  EXPECT_EQ(two.variance(2), kInf);                          // 0.5 / 0
  EXPECT_EQ(two.variance(3), kInf);                          // the divisor clipped at 0
  EXPECT_DOUBLE_EQ(two.variance(-1), 0.5 / 3.0);             // ddof=-1
  ExactVariance one;
  one.add(7.5);
  EXPECT_EQ(one.variance(0), 0.0);
  EXPECT_TRUE(std::isnan(one.variance(1)));                  // 0 / 0
  ExactVariance none;
  EXPECT_TRUE(std::isnan(none.variance(-1)));                // no values
  ExactVariance same;
  for (int i = 0; i < 3; ++i) same.add(0.1);
  EXPECT_TRUE(std::isnan(same.variance(3)));                 // no spread over a divisor of 0
  ExactVariance special;
  special.add(kInf);
  EXPECT_TRUE(std::isnan(special.variance(0)));
}

TEST(ExactCovariance, MatchesTwoPassMomentsAndIgnoresOrder) {
  std::mt19937_64 rng(13);
  for (int round = 0; round < 100; ++round) {
    std::vector<std::pair<double, double>> xy;
    int n = 2 + static_cast<int>(rng() % 500);
    double offset = round % 2 ? 1e8 : 0.0;
    for (int i = 0; i < n; ++i) {
      double x = offset + nearby_double(rng, round % 7);
      xy.emplace_back(x, (round % 3 ? 0.5 * x : -2.0 * x) + nearby_double(rng, 0));
    }
    // two passes in long double as the reference
    long double mx = 0, my = 0;
    for (auto [x, y] : xy) {
      mx += x;
      my += y;
    }
    mx /= n;
    my /= n;
    long double cxy = 0, cxx = 0, cyy = 0;
    for (auto [x, y] : xy) {
      cxy += (x - mx) * (y - my);
      cxx += (x - mx) * (x - mx);
      cyy += (y - my) * (y - my);
    }
    double cov = static_cast<double>(cxy / (n - 1)), corr = static_cast<double>(cxy / std::sqrt(cxx * cyy));
    ExactCovariance c;
    for (auto [x, y] : xy) c.add(x, y);
    EXPECT_NEAR(c.covariance(), cov, 1e-9 * std::fabs(cov)) << round;
    EXPECT_NEAR(c.correlation(), corr, 1e-9) << round;
    std::shuffle(xy.begin(), xy.end(), rng);
    ExactCovariance a, b;
    for (size_t i = 0; i < xy.size(); ++i) (i % 4 ? a : b).add(xy[i].first, xy[i].second);
    a.merge(b);
    EXPECT_EQ(bits_of(a.covariance()), bits_of(c.covariance()));
    EXPECT_EQ(bits_of(a.correlation()), bits_of(c.correlation()));
  }
  ExactCovariance flat;  // no spread on one side: pandas' correlation is NaN
  for (int i = 0; i < 5; ++i) flat.add(1.0, i);
  EXPECT_TRUE(std::isnan(flat.correlation()));
  EXPECT_EQ(flat.covariance(), 0.0);
  ExactCovariance special;
  special.add(1.0, 2.0);
  special.add(kNaN, 3.0);
  special.add(2.0, 1.0);
  EXPECT_TRUE(std::isnan(special.covariance()));
  EXPECT_TRUE(std::isnan(special.correlation()));
}

}  // namespace
