#include "cormorant/common/exact_sum.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cormorant {

namespace {

/// Propagates carries through `d[0, n)`: every limb but the last ends in [0, 2**32), the last
/// keeps the sign and the rest of the carry.
void normalize(int64_t* d, int n) {
  int64_t c = 0;
  for (int i = 0; i + 1 < n; ++i) {
    int64_t v = d[i] + c;
    c = v >> 32;  // floor division: the low 32 bits stay non-negative
    d[i] = v & 0xffffffff;
  }
  d[n - 1] += c;
}

/// The 32-bit digit `j` of normalized limbs `d[0, n)` (0 outside them).
uint64_t digit(const int64_t* d, int n, int j) { return j >= 0 && j < n ? static_cast<uint64_t>(d[j]) : 0; }

/// `count` (<= 53) bits of normalized limbs `d[0, n)` from bit `from` (0 is d[0]'s lowest; may
/// be negative: bits below the limbs are 0).
uint64_t take_bits(const int64_t* d, int n, int from, int count) {
  int j = from >= 0 ? from / 32 : -((31 - from) / 32);
  int off = from - 32 * j;
  __extension__ typedef unsigned __int128 Wide;
  Wide w = static_cast<Wide>(digit(d, n, j)) | static_cast<Wide>(digit(d, n, j + 1)) << 32 |
           static_cast<Wide>(digit(d, n, j + 2)) << 64;
  return static_cast<uint64_t>(w >> off) & ((uint64_t{1} << count) - 1);
}

/// Whether some bit of normalized limbs `d[0, n)` below bit `below` is set.
bool any_below(const int64_t* d, int n, int below) {
  if (below <= 0) return false;
  int j = below / 32, off = below % 32;
  for (int i = 0; i < std::min(j, n); ++i) {
    if (d[i]) return true;
  }
  return j < n && off && (static_cast<uint64_t>(d[j]) & ((uint64_t{1} << off) - 1));
}

// Double-double arithmetic (value = hi + lo, |lo| <= ulp(hi) / 2), enough for the variance.
struct DD {
  double hi, lo;
};

DD two_sum(double a, double b) {
  double s = a + b, bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

DD fast_two_sum(double a, double b) {  // |a| >= |b|
  double s = a + b;
  return {s, b - (s - a)};
}

DD sub(DD a, DD b) {
  DD s = two_sum(a.hi, -b.hi), t = two_sum(a.lo, -b.lo);
  s.lo += t.hi;
  s = fast_two_sum(s.hi, s.lo);
  s.lo += t.lo;
  return fast_two_sum(s.hi, s.lo);
}

DD mul(DD a, DD b) {
  double p = a.hi * b.hi;
  double e = std::fma(a.hi, b.hi, -p) + (a.hi * b.lo + a.lo * b.hi);
  return fast_two_sum(p, e);
}

DD div(DD a, double b) {
  double q = a.hi / b;
  double p = q * b, e = std::fma(q, b, -p);  // q * b exactly
  double r = ((a.hi - p) - e + a.lo) / b;
  return fast_two_sum(q, r);
}

}  // namespace

ExactSum::ExactSum(const ExactSum& other) : count_(other.count_), lo_(other.lo_), special_(other.special_) {
  if (lo_ == kHeap) {
    heap_ = new int64_t[kLimbs];
    std::memcpy(heap_, other.heap_, sizeof(int64_t) * kLimbs);
  } else {
    std::memcpy(inline_, other.inline_, sizeof(inline_));
  }
}

ExactSum& ExactSum::operator=(const ExactSum& other) {
  if (this == &other) return *this;
  ExactSum copy(other);
  if (lo_ == kHeap) delete[] heap_;
  std::memcpy(static_cast<void*>(this), static_cast<const void*>(&copy), sizeof(ExactSum));
  copy.lo_ = kEmpty;  // (the heap array now belongs to *this)
  return *this;
}

int64_t* ExactSum::reach_slow(int first, int last) {
  if (lo_ == kHeap) return heap_ + first;
  int a = kLimbs, b = -1;  // the nonzero limbs held now
  if (lo_ >= 0) {
    for (int i = 0; i < kInline; ++i) {
      if (inline_[i]) {
        a = std::min(a, lo_ + i);
        b = std::max(b, lo_ + i);
      }
    }
  }
  int lo = std::min(a, first), hi = std::max(b, last);
  if (hi - lo < kInline) {  // slide the window
    lo = std::min(lo, kLimbs - kInline);
    int64_t w[kInline] = {};
    for (int g = a; g <= b; ++g) w[g - lo] = inline_[g - lo_];
    std::memcpy(inline_, w, sizeof w);
    lo_ = static_cast<int16_t>(lo);
    return inline_ + (first - lo);
  }
  auto* h = new int64_t[kLimbs]();
  if (lo_ >= 0) {
    for (int i = 0; i < kInline; ++i) h[lo_ + i] = inline_[i];
  }
  heap_ = h;
  lo_ = kHeap;
  return heap_ + first;
}

void ExactSum::add_outside(int pos, uint64_t m, int64_t neg) {
  unsigned s = static_cast<unsigned>(pos) & 31;
  uint64_t low = m << s;                // bits 0..63 of m * 2**s
  uint64_t high = (m >> 1) >> (63 - s);  // bits 64.. (under 2**20; s == 0 gives 0)
  int64_t* l = reach(pos >> 5, (pos >> 5) + 2);
  l[0] += (static_cast<int64_t>(low & 0xffffffffu) ^ neg) - neg;
  l[1] += (static_cast<int64_t>(low >> 32) ^ neg) - neg;
  l[2] += (static_cast<int64_t>(high) ^ neg) - neg;
}

void ExactSum::carry() {
  if (lo_ == kHeap) {
    normalize(heap_, kLimbs);
  } else if (lo_ >= 0) {
    normalize(inline_, kInline);
    // the top limb keeps 31 bits of headroom; past that, it needs limbs above the window
    if (inline_[kInline - 1] >= (int64_t{1} << 31) || inline_[kInline - 1] < -(int64_t{1} << 31)) {
      reach_slow(0, kLimbs - 1);
      normalize(heap_, kLimbs);
    }
  }
}

const int64_t* ExactSum::limbs(int& n, int& base) const {
  base = 0;
  if (lo_ == kHeap) {
    n = kLimbs;
    return heap_;
  }
  n = lo_ >= 0 ? kInline : 0;
  base = lo_ >= 0 ? lo_ : 0;
  return inline_;
}

void ExactSum::merge(const ExactSum& other) {
  if (&other == this) {
    ExactSum copy(other);
    merge(copy);
    return;
  }
  count_ += other.count_;
  special_ |= other.special_;
  int n, base;
  const int64_t* src = other.limbs(n, base);
  int a = -1, b = -1;
  for (int i = 0; i < n; ++i) {
    if (src[i]) {
      if (a < 0) a = i;
      b = i;
    }
  }
  if (a >= 0) {
    int64_t* dst = reach(base + a, base + b);
    for (int i = a; i <= b; ++i) dst[i - a] += src[i];
  }
  carry();
}

double ExactSum::value() const {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (is_nan()) return std::numeric_limits<double>::quiet_NaN();
  if (special_ & kPosInf) return kInf;
  if (special_ & kNegInf) return -kInf;
  int n, base;
  const int64_t* src = limbs(n, base);
  int64_t d[kLimbs + 1];
  std::memcpy(d, src, sizeof(int64_t) * n);
  d[n++] = 0;  // room for the carry out of the top limb: then every limb is a 32-bit digit
  normalize(d, n);
  bool negative = d[n - 1] < 0;
  if (negative) {
    for (int i = 0; i < n; ++i) d[i] = -d[i];
    normalize(d, n);
  }
  int t = n - 1;
  while (t >= 0 && d[t] == 0) --t;
  if (t < 0) return 0.0;
  // the top bit's place, in units of 2**-1074
  int top = 32 * (base + t) + 63 - __builtin_clzll(static_cast<uint64_t>(d[t]));
  if (top >= 1074 + 1024) return negative ? -kInf : kInf;
  int lsb = std::max(top - 52, 0);  // the rounded significand's lowest place
  uint64_t mant = take_bits(d, n, lsb - 32 * base, top - lsb + 1);
  if (lsb > 0) {  // round to nearest, ties to even
    bool half = take_bits(d, n, lsb - 1 - 32 * base, 1) != 0;
    if (half && ((mant & 1) || any_below(d, n, lsb - 1 - 32 * base)) && ++mant == (uint64_t{1} << 53)) {
      mant >>= 1;
      ++lsb;
    }
  }
  double r = std::ldexp(static_cast<double>(mant), lsb - 1074);  // exact, or an overflow to inf
  return negative ? -r : r;
}

void ExactSum::value2(double& hi, double& lo) const {
  hi = value();
  lo = 0.0;
  if (!std::isfinite(hi) || hi == 0.0) return;
  ExactSum rest(*this);
  rest.add(-hi);
  lo = rest.value();
}

namespace {

/// Adds x * y, exactly, as two doubles (an overflowing product as its infinity).
void add_product(ExactSum& s, double x, double y) {
  double p = x * y;
  s.add(p);
  if (std::isfinite(p)) s.add(std::fma(x, y, -p));
}

/// `d` times 2**e.
DD times_pow2(DD d, int e) { return {std::ldexp(d.hi, e), std::ldexp(d.lo, e)}; }

/// An exact sum as hi + lo in product scale `scale` (see ExactProducts::scale): the factors of
/// such products are times 2**(-600 * scale).
DD read(const ExactSum& s, int scale) {
  DD d;
  s.value2(d.hi, d.lo);
  return times_pow2(d, -scale * ExactProducts::kProductScale / 2);
}

/// A sum read in product scale `from` brought to scale `to`.
DD rescaled(DD d, int from, int to) { return times_pow2(d, (from - to) * ExactProducts::kProductScale); }

}  // namespace

void ExactProducts::add(double x, double y) {
  if (x == 0.0 || y == 0.0) return;  // (nothing to add)
  int ex = std::ilogb(x), ey = std::ilogb(y), e = ex + ey;
  if (e < 1000 && e > -900) return add_product(small_, x, y);
  // scaled by 2**-1200 (2**1200 for tiny ones), each factor to about half the product's exponent
  int total = e >= 1000 ? -kProductScale : kProductScale;
  int a = (ey - ex + total) / 2;
  add_product(e >= 1000 ? big_ : tiny_, std::ldexp(x, a), std::ldexp(y, total - a));
}

int ExactProducts::scale() const {
  if (big_.value() != 0.0) return 1;
  return small_.value() == 0.0 && tiny_.value() != 0.0 ? -1 : 0;
}

void ExactProducts::value2(double& hi, double& lo) const {
  int s = scale();
  DD small, big, tiny;
  small_.value2(small.hi, small.lo);
  if (s == -1) {
    tiny_.value2(hi, lo);
    return;
  }
  tiny_.value2(tiny.hi, tiny.lo);
  tiny = rescaled(tiny, -1, 0);  // (what underflows there is below the small sum's last bit)
  DD sum = sub(small, {-tiny.hi, -tiny.lo});
  if (s == 1) {
    big_.value2(big.hi, big.lo);
    DD down = rescaled(sum, 0, 1);
    sum = sub(big, {-down.hi, -down.lo});
  }
  hi = sum.hi;
  lo = sum.lo;
}

void ExactVariance::add(double x) {
  sum_.add(x);
  if (!std::isfinite(x)) return;  // (the variance is NaN then)
  squares_.add(x, x);
}

double ExactVariance::variance(double ddof) const {
  int64_t n = sum_.count();
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (n == 0 || sum_.has_special()) return nan;
  double divisor = std::max(static_cast<double>(n) - ddof, 0.0);
  if (n == 1) return divisor > 0 ? 0.0 : nan;  // no spread (a square past the largest double aside)
  int scale = squares_.scale();
  DD s1 = read(sum_, scale), s2;
  squares_.value2(s2.hi, s2.lo);
  if (!std::isfinite(s2.hi)) return s2.hi;  // squares past the largest double, as pandas' are
  auto count = static_cast<double>(n);
  // sum of squared deviations = S2 - S1 * (S1 / n); S1 / n first keeps the product in range
  DD m2 = sub(s2, mul(s1, div(s1, count)));
  if (m2.hi <= 0.0) return divisor > 0 ? 0.0 : nan;
  if (divisor == 0) return std::numeric_limits<double>::infinity();
  DD v = div(m2, divisor);
  return std::ldexp(v.hi + v.lo, scale * ExactProducts::kProductScale);
}

namespace {

/// The product scale (see ExactProducts::scale) to compute n * cov in: the one where the
/// larger of Sxy and Sx * Sy is neither huge nor tiny (the products x*y may all be tiny where
/// Sx * Sy is not, or zero where it is tiny: x and y nonzero on different rows).
int comoment_scale(const ExactSum& x, const ExactSum& y, const ExactProducts& xy) {
  double hi, lo, sx = x.value(), sy = y.value();
  xy.value2(hi, lo);
  if (!std::isfinite(hi) || !std::isfinite(sx) || !std::isfinite(sy)) return xy.scale();
  bool any = false;
  int e = 0;
  if (hi != 0.0) {
    e = std::ilogb(hi) + xy.scale() * ExactProducts::kProductScale;
    any = true;
  }
  if (sx != 0.0 && sy != 0.0) {
    int es = std::ilogb(sx) + std::ilogb(sy);
    e = any ? std::max(e, es) : es;
    any = true;
  }
  if (!any) return 0;
  return e >= 1000 ? 1 : e <= -900 ? -1 : 0;
}

/// The sum of products of deviations, n * cov: Sxy - Sx * (Sy / n), from exact sums, in
/// product scale `scale` (comoment_scale).
DD comoment(const ExactSum& x, const ExactSum& y, const ExactProducts& xy, int scale) {
  DD sx = read(x, scale), sy = read(y, scale), sxy;
  xy.value2(sxy.hi, sxy.lo);
  sxy = rescaled(sxy, xy.scale(), scale);
  if (!std::isfinite(sxy.hi)) return {sxy.hi, 0.0};
  return sub(sxy, mul(sx, div(sy, static_cast<double>(x.count()))));
}

}  // namespace

void ExactCovariance::add(double x, double y) {
  x_.add(x);
  y_.add(y);
  if (!std::isfinite(x) || !std::isfinite(y)) return;  // (the results are NaN then)
  xy_.add(x, y);
  xx_.add(x, x);
  yy_.add(y, y);
}

void ExactCovariance::merge(const ExactCovariance& other) {
  x_.merge(other.x_);
  y_.merge(other.y_);
  xy_.merge(other.xy_);
  xx_.merge(other.xx_);
  yy_.merge(other.yy_);
}

double ExactCovariance::covariance() const {
  if (count() < 2 || x_.has_special() || y_.has_special()) return std::numeric_limits<double>::quiet_NaN();
  int scale = comoment_scale(x_, y_, xy_);
  DD c = comoment(x_, y_, xy_, scale);
  if (!std::isfinite(c.hi)) return c.hi;
  DD v = div(c, static_cast<double>(count()) - 1.0);
  return std::ldexp(v.hi + v.lo, scale * ExactProducts::kProductScale);
}

double ExactCovariance::correlation() const {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (count() < 2 || x_.has_special() || y_.has_special()) return kNaN;
  // each in its own scale, undone at the end
  int sxy = comoment_scale(x_, y_, xy_), sxx = comoment_scale(x_, x_, xx_), syy = comoment_scale(y_, y_, yy_);
  DD cxy = comoment(x_, y_, xy_, sxy), cxx = comoment(x_, x_, xx_, sxx), cyy = comoment(y_, y_, yy_, syy);
  const int half = ExactProducts::kProductScale / 2;
  int e = 2 * half * sxy - half * sxx - half * syy;
  if (!std::isfinite(cxy.hi) || !std::isfinite(cxx.hi) || !std::isfinite(cyy.hi)) return kNaN;
  if (cxx.hi <= 0.0 || cyy.hi <= 0.0) return kNaN;  // no spread
  double r = std::ldexp((cxy.hi + cxy.lo) / (std::sqrt(cxx.hi + cxx.lo) * std::sqrt(cyy.hi + cyy.lo)), e);
  return std::clamp(r, -1.0, 1.0);
}

}  // namespace cormorant
