#pragma once
/// Exact floating-point sums, whose results do not depend on the order of their terms: what
/// lets float aggregates run on every engine thread and still give the same bits every run.
#include <cstdint>
#include <cstring>

namespace cormorant {

/// The exact sum of doubles, rounded once to the nearest double (ties to even) when read: the
/// result does not depend on the order terms arrive in or partial sums are merged in.
///
/// How it works: every finite double is an integer multiple of 2**-1074 below 2**1024, so a sum
/// of them is an integer in units of 2**-1074, kept as 32-bit digits held in signed 64-bit words
/// ("limbs"; limb i weighs 2**(32 i) units, 68 limbs cover the whole range with room for carries).
/// Adding a term adds its 53-bit significand, shifted to its exponent, to the limbs it covers
/// without carrying: each limb has 31 bits of headroom, and carries are propagated every 2**28
/// terms and on merge. A sum holds inline only a window of 4 limbs over the exponents its terms
/// reached so far (data whose magnitudes span up to about 2**64 stays there), and moves to a heap
/// array of all 68 limbs only when its terms span more. NaN and infinities are only flagged;
/// reading applies pandas' rules: a NaN, or both infinities, give NaN; one infinity gives it; a
/// rounded sum past the largest double gives an infinity. Zeros add nothing (the sum of zeros is
/// +0.0, as pandas gives).
class ExactSum {
  __extension__ typedef unsigned __int128 Wide;

 public:
  ExactSum() noexcept : count_(0), lo_(kEmpty), special_(0) { std::memset(inline_, 0, sizeof(inline_)); }
  ExactSum(const ExactSum& other);
  ExactSum& operator=(const ExactSum& other);
  ~ExactSum() {
    if (lo_ == kHeap) delete[] heap_;
  }

  /// Adds one term (any double).
  void add(double x) {
    ++count_;
    uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    uint64_t e = (bits >> 52) & 0x7ff;
    uint64_t m = bits & ((uint64_t{1} << 52) - 1);
    if (e == 0x7ff) {
      special_ |= m ? kNaN : (bits >> 63 ? kNegInf : kPosInf);
    } else if (e | m) {
      // x = m * 2**(pos - 1074): pos is the place of the significand's lowest bit
      if (e) m |= uint64_t{1} << 52; else e = 1;
      int pos = static_cast<int>(e - 1);
      int64_t neg = -static_cast<int64_t>(bits >> 63);  // all ones for a negative term (no branch: signs are random)
      int shift = pos - 32 * lo_;
      if (lo_ >= 0 && static_cast<unsigned>(shift) <= 128 - 53) {
        // the term within the inline window: add its 32-bit digits to all four limbs (fixed
        // places, so the next term's loads never wait on a guess about which limbs it changed)
        Wide w = static_cast<Wide>(m) << shift;
        auto lo64 = static_cast<uint64_t>(w), hi64 = static_cast<uint64_t>(w >> 64);
        inline_[0] += (static_cast<int64_t>(lo64 & 0xffffffffu) ^ neg) - neg;
        inline_[1] += (static_cast<int64_t>(lo64 >> 32) ^ neg) - neg;
        inline_[2] += (static_cast<int64_t>(hi64 & 0xffffffffu) ^ neg) - neg;
        inline_[3] += (static_cast<int64_t>(hi64 >> 32) ^ neg) - neg;
      } else {
        add_outside(pos, m, neg);
      }
    }
    if ((count_ & kCarryEvery) == 0) carry();
  }

  /// Adds every term of `other` (which stays as it is).
  void merge(const ExactSum& other);

  /// The exact sum rounded to the nearest double (ties to even), with pandas' NaN/inf rules.
  double value() const;

  /// The exact sum as an unevaluated pair hi + lo: hi is value(), lo the exact rest rounded.
  /// (lo is 0 when hi is not finite.)
  void value2(double& hi, double& lo) const;

  /// How many terms were added (NaN and infinities included).
  int64_t count() const { return count_; }

  /// Whether the terms include a NaN, or both infinities (the sum is then NaN).
  bool is_nan() const { return (special_ & kNaN) || (special_ & (kPosInf | kNegInf)) == (kPosInf | kNegInf); }

  /// Whether some term is an infinity or a NaN.
  bool has_special() const { return special_ != 0; }

  /// Whether the limbs moved to the heap (for tests of the inline window).
  bool on_heap() const { return lo_ == kHeap; }

  static constexpr int kLimbs = 68;  ///< limbs of the full range
  static constexpr int kInline = 4;  ///< limbs held inline

 private:
  static constexpr int16_t kEmpty = -1;  // lo_ while no nonzero finite term was added
  static constexpr int16_t kHeap = -2;   // lo_ once the limbs are on the heap (all kLimbs of them)
  static constexpr int64_t kCarryEvery = (int64_t{1} << 28) - 1;
  static constexpr uint8_t kNaN = 1, kPosInf = 2, kNegInf = 4;

  /// Limbs [first, last] (global indexes), made present; points at limb `first`.
  int64_t* reach(int first, int last) {
    if (lo_ >= 0 && first >= lo_ && last < lo_ + kInline) return inline_ + (first - lo_);
    return reach_slow(first, last);
  }
  int64_t* reach_slow(int first, int last);
  /// Adds m * 2**pos (negated when `neg` is all ones) where the window does not hold it yet.
  void add_outside(int pos, uint64_t m, int64_t neg);
  /// Propagates carries so that every limb but the top one is in [0, 2**32).
  void carry();
  /// The limbs in use, their number and the global index of the first.
  const int64_t* limbs(int& n, int& base) const;

  union {
    int64_t inline_[kInline];  // limbs lo_ .. lo_ + 3
    int64_t* heap_;            // limbs 0 .. kLimbs - 1
  };
  int64_t count_;
  int16_t lo_;
  uint8_t special_;
};

/// The exact sum of doubles with ExactSum's value() bits, held in two doubles hi + lo while
/// they hold it exactly, and in an ExactSum on the heap from the first term they cannot take.
/// Each term is added with two error-free TwoSums (hi + x = s + e, lo + e = t + f); when the
/// second leaves no error (f == 0) the pair (s, t) is again the exact sum, else the pair and the
/// term move to the ExactSum. Terms of nearby magnitudes (a column's values, a group's values)
/// stay in the pair, half of ExactSum's size and less work per term: the state
/// of grouped sums. Reading rounds hi + lo once (IEEE addition is the exact sum rounded), so
/// the bits never depend on where the sum was held or on the order of terms and merges.
class CompactExactSum {
 public:
  CompactExactSum() noexcept = default;
  CompactExactSum(const CompactExactSum&) = delete;
  CompactExactSum& operator=(const CompactExactSum&) = delete;
  ~CompactExactSum() { delete exact_; }

  /// Adds one term (any double).
  void add(double x) {
    if (!exact_) {
      double s = hi_ + x, sb = s - hi_, e = (hi_ - (s - sb)) + (x - sb);
      double t = lo_ + e, tb = t - lo_, f = (lo_ - (t - tb)) + (e - tb);
      // (a NaN or infinite term, or an overflow, makes s or f non-finite: never f == 0 with s finite)
      if (f == 0.0 && s - s == 0.0) {
        hi_ = s;
        lo_ = t;
        return;
      }
      spill();
    }
    exact_->add(x);
  }

  /// Adds every term of `other` (which stays as it is).
  void merge(const CompactExactSum& other) {
    if (!other.exact_) {
      add(other.hi_);
      add(other.lo_);
      return;
    }
    if (!exact_) spill();
    exact_->merge(*other.exact_);
  }

  /// The exact sum rounded to the nearest double (ties to even), with pandas' NaN/inf rules:
  /// ExactSum::value() of the same terms.
  double value() const { return exact_ ? exact_->value() : hi_ + lo_; }

  /// Whether the sum moved to an ExactSum (for tests).
  bool spilled() const { return exact_ != nullptr; }

 private:
  /// Moves the pair to an ExactSum.
  void spill() {
    exact_ = new ExactSum();
    exact_->add(hi_);
    exact_->add(lo_);
  }

  double hi_ = 0.0, lo_ = 0.0;  // the exact sum is hi_ + lo_ (both +0.0 or finite) while exact_ is null
  ExactSum* exact_ = nullptr;
};

/// The exact sum of products x*y (each split exactly into two doubles with fma) in three
/// ranges, so that no product of finite values overflows or underflows: products from 2**1000
/// up scaled by 2**-1200, those under 2**-900 by 2**1200 (each factor by a power of two that
/// leaves it a normal double, so exactly), the others as they are.
class ExactProducts {
 public:
  /// Adds x*y (both finite).
  void add(double x, double y);
  /// Adds every product of `other`.
  void merge(const ExactProducts& other) {
    small_.merge(other.small_);
    big_.merge(other.big_);
    tiny_.merge(other.tiny_);
  }
  /// The scale value2 reads the sum in: 1 when a product was past 2**1000 (the sum times
  /// 2**-1200), -1 when the products are all tiny (times 2**1200), else 0.
  int scale() const;
  /// The sum as hi + lo, times 2**(-1200 * scale()).
  void value2(double& hi, double& lo) const;

  static constexpr int kProductScale = 1200;  ///< a scaled product is times 2**-1200 or 2**1200

 private:
  ExactSum small_, big_, tiny_;
};

/// The variance from exact sums of x and of x*x (ExactProducts), combined once at the end in
/// double-double arithmetic: the result depends only on the exact sums, never on the order of
/// the rows; huge and tiny values are scaled, so only a variance past the largest double
/// overflows. A NaN or an infinity among the values gives NaN, as pandas does.
class ExactVariance {
 public:
  /// Adds one value.
  void add(double x);
  /// Adds every value of `other`.
  void merge(const ExactVariance& other) {
    sum_.merge(other.sum_);
    squares_.merge(other.squares_);
  }
  /// The squared deviations' sum divided by n - ddof (1: the sample variance), by NumPy's rule
  /// as pandas' nullable reductions give it: no values give NaN, and a divisor of 0 or less is
  /// 0, giving inf (or NaN when every value is the same).
  double variance(double ddof = 1) const;
  /// How many values were added.
  int64_t count() const { return sum_.count(); }

 private:
  ExactSum sum_;
  ExactProducts squares_;
};

/// The sample covariance and the Pearson correlation of pairs (x, y), from exact sums of x, y,
/// x*y, x*x and y*y (ExactProducts), combined once at the end
/// in double-double arithmetic: the result depends only on the exact sums, never on the order
/// of the rows. Under two pairs: NaN (callers give <NA>). A NaN or an infinity gives NaN.
class ExactCovariance {
 public:
  /// Adds one pair (callers skip pairs with a missing side).
  void add(double x, double y);
  /// Adds every pair of `other`.
  void merge(const ExactCovariance& other);
  /// The sample covariance (ddof = 1); NaN under two pairs.
  double covariance() const;
  /// The Pearson correlation, in [-1, 1]; NaN under two pairs or when a side has no spread.
  double correlation() const;
  /// How many pairs were added.
  int64_t count() const { return x_.count(); }

 private:
  ExactSum x_, y_;
  ExactProducts xy_, xx_, yy_;
};

}  // namespace cormorant
