#include "cormorant/common/unicode.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

namespace cormorant::unicode {

namespace {

struct PropertyRange {
  uint32_t first, last;
  uint16_t flags;
};
struct CaseRun {
  uint32_t first, last, step;
  int32_t delta;
};
struct SpecialCase {
  uint32_t cp;
  const char* utf8;
};

#include "unicode_tables.inc"

constexpr uint16_t kAlnum = kAlpha | kDecimal | kDigit | kNumeric;

/// The property bits of code point `cp` (binary search over the runs).
uint16_t flags(uint32_t cp) {
  auto it = std::upper_bound(std::begin(kProperties), std::end(kProperties), cp,
                             [](uint32_t c, const PropertyRange& r) { return c < r.first; });
  if (it == std::begin(kProperties)) return 0;
  --it;
  return cp <= it->last ? it->flags : 0;
}

/// Flags of the ASCII characters, looked up once.
const std::array<uint16_t, 128>& ascii_flags() {
  static const std::array<uint16_t, 128> table = [] {
    std::array<uint16_t, 128> t{};
    for (uint32_t c = 0; c < 128; ++c) t[c] = flags(c);
    return t;
  }();
  return table;
}

uint16_t flags_fast(uint32_t cp) { return cp < 128 ? ascii_flags()[cp] : flags(cp); }

/// Decodes one code point of valid UTF-8 at `i`, advancing `i`.
uint32_t decode(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i++]);
  if (b < 0x80) return b;
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
  uint32_t cp = b & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

void encode(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::vector<uint32_t> decode_all(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out.push_back(decode(s, i));
  return out;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// One table of single code point mappings plus the longer ones.
struct Mapping {
  const CaseRun* runs_begin;
  const CaseRun* runs_end;
  const SpecialCase* special_begin;
  const SpecialCase* special_end;
};

template <size_t N, size_t M>
constexpr Mapping mapping(const CaseRun (&runs)[N], const SpecialCase (&special)[M]) {
  return {runs, runs + N, special, special + M};
}

constexpr Mapping kLowerMap = mapping(kLowerRuns, kLowerSpecial);
constexpr Mapping kUpperMap = mapping(kUpperRuns, kUpperSpecial);
constexpr Mapping kTitleMap = mapping(kTitleRuns, kTitleSpecial);
constexpr Mapping kFoldMap = mapping(kCasefoldRuns, kCasefoldSpecial);

/// Appends the mapping of `cp` under `m` (Python's full case mapping of one character).
void map_one(const Mapping& m, uint32_t cp, std::string& out) {
  if (cp >= 0x80) {
    auto sp = std::lower_bound(m.special_begin, m.special_end, cp,
                               [](const SpecialCase& s, uint32_t c) { return s.cp < c; });
    if (sp != m.special_end && sp->cp == cp) {
      out += sp->utf8;
      return;
    }
  }
  auto it = std::upper_bound(m.runs_begin, m.runs_end, cp, [](uint32_t c, const CaseRun& r) { return c < r.first; });
  if (it != m.runs_begin) {
    --it;
    if (cp <= it->last && (cp - it->first) % it->step == 0) {
      cp = static_cast<uint32_t>(static_cast<int64_t>(cp) + it->delta);
    }
  }
  encode(cp, out);
}

constexpr uint32_t kCapitalSigma = 0x3A3;

/// CPython's lower_ucs4: the lower case of cps[i], a capital sigma being final ("ς") after a
/// cased letter (and case-ignorable ones) not followed by one.
void lower_at(const std::vector<uint32_t>& cps, size_t i, std::string& out) {
  if (cps[i] != kCapitalSigma) return map_one(kLowerMap, cps[i], out);
  auto is = [](uint32_t cp, uint16_t f) { return (flags_fast(cp) & f) != 0; };
  size_t j = i;
  while (j > 0 && is(cps[j - 1], kCaseIgnorable)) --j;
  bool final_sigma = j > 0 && is(cps[j - 1], kCased);
  if (final_sigma) {
    size_t k = i + 1;
    while (k < cps.size() && is(cps[k], kCaseIgnorable)) ++k;
    final_sigma = k == cps.size() || !is(cps[k], kCased);
  }
  encode(final_sigma ? 0x3C2 : 0x3C3, out);
}

bool all_chars(std::string_view s, uint16_t mask) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size();) {
    if (!(flags_fast(decode(s, i)) & mask)) return false;
  }
  return true;
}

/// The code point ranges whose flags hold any bit of `mask`, plus `extra` ones, merged.
std::vector<std::pair<uint32_t, uint32_t>> ranges_of(uint16_t mask, std::vector<uint32_t> extra) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const auto& r : kProperties) {
    if (r.flags & mask) out.emplace_back(r.first, r.last);
  }
  for (uint32_t c : extra) out.emplace_back(c, c);
  std::sort(out.begin(), out.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (const auto& r : out) {
    if (!merged.empty() && r.first <= merged.back().second + 1) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

std::string hex(uint32_t cp) {
  static const char* digits = "0123456789abcdef";
  std::string h;
  do {
    h.insert(h.begin(), digits[cp & 0xF]);
    cp >>= 4;
  } while (cp);
  return "\\x{" + h + "}";
}

}  // namespace

bool str_predicate(Predicate predicate, std::string_view s) {
  switch (predicate) {
    case Predicate::Alnum:
      return all_chars(s, kAlnum);
    case Predicate::Alpha:
      return all_chars(s, kAlpha);
    case Predicate::Digit:
      return all_chars(s, kDigit);
    case Predicate::Decimal:
      return all_chars(s, kDecimal);
    case Predicate::Numeric:
      return all_chars(s, kNumeric);
    case Predicate::Space:
      return all_chars(s, kSpace);
    case Predicate::Ascii:
      return is_ascii(s);
    case Predicate::Lower:
    case Predicate::Upper: {
      // CPython: false on any character of the other case or title case; true if one cased
      // character of this case was seen.
      uint16_t want = predicate == Predicate::Lower ? kLower : kUpper;
      uint16_t refuse = (predicate == Predicate::Lower ? kUpper : kLower) | kTitle;
      bool cased = false;
      for (size_t i = 0; i < s.size();) {
        uint16_t f = flags_fast(decode(s, i));
        if (f & refuse) return false;
        if (f & want) cased = true;
      }
      return cased;
    }
    case Predicate::Title: {
      // Upper and title case characters only after uncased ones, lower case only after cased.
      bool cased = false, previous_cased = false;
      for (size_t i = 0; i < s.size();) {
        uint16_t f = flags_fast(decode(s, i));
        if (f & (kUpper | kTitle)) {
          if (previous_cased) return false;
          previous_cased = cased = true;
        } else if (f & kLower) {
          if (!previous_cased) return false;
          previous_cased = cased = true;
        } else {
          previous_cased = false;
        }
      }
      return cased;
    }
  }
  return false;
}

void str_case(CaseMapping mapping, std::string_view s, std::string& out) {
  if (is_ascii(s) && mapping != CaseMapping::Title && mapping != CaseMapping::Capitalize) {
    for (char c : s) {
      bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
      bool to_lower = mapping == CaseMapping::Lower || mapping == CaseMapping::Casefold ||
                      (mapping == CaseMapping::Swapcase && up);
      bool to_upper = mapping == CaseMapping::Upper || (mapping == CaseMapping::Swapcase && low);
      if (to_lower && up) c = static_cast<char>(c + 32);
      if (to_upper && low) c = static_cast<char>(c - 32);
      out += c;
    }
    return;
  }
  auto cps = decode_all(s);
  switch (mapping) {
    case CaseMapping::Lower:
      for (size_t i = 0; i < cps.size(); ++i) lower_at(cps, i, out);
      return;
    case CaseMapping::Upper:
      for (uint32_t cp : cps) map_one(kUpperMap, cp, out);
      return;
    case CaseMapping::Casefold:
      for (uint32_t cp : cps) map_one(kFoldMap, cp, out);
      return;
    case CaseMapping::Title: {
      bool previous_cased = false;
      for (size_t i = 0; i < cps.size(); ++i) {
        if (previous_cased) {
          lower_at(cps, i, out);
        } else {
          map_one(kTitleMap, cps[i], out);
        }
        previous_cased = flags_fast(cps[i]) & kCased;
      }
      return;
    }
    case CaseMapping::Capitalize:
      for (size_t i = 0; i < cps.size(); ++i) {
        if (i == 0) {
          map_one(kTitleMap, cps[i], out);
        } else {
          lower_at(cps, i, out);
        }
      }
      return;
    case CaseMapping::Swapcase:
      for (size_t i = 0; i < cps.size(); ++i) {
        uint16_t f = flags_fast(cps[i]);
        if (f & kUpper) {
          lower_at(cps, i, out);
        } else if (f & kLower) {
          map_one(kUpperMap, cps[i], out);
        } else {
          encode(cps[i], out);
        }
      }
      return;
  }
}

std::string regex_class(std::string_view name, bool negate) {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  if (name == "d") {
    ranges = ranges_of(kDecimal, {});
  } else if (name == "s") {
    ranges = ranges_of(kSpace, {});
  } else if (name == "w") {
    ranges = ranges_of(kAlnum, {'_'});
  } else {
    // the characters of one of Python's str predicates, or of its case properties
    static const std::pair<std::string_view, uint16_t> named[] = {
        {"alpha", kAlpha},   {"decimal", kDecimal}, {"digit", kDigit},         {"numeric", kNumeric},
        {"alnum", kAlnum},   {"space", kSpace},     {"lower", kLower},         {"upper", kUpper},
        {"title", kTitle},   {"cased", kCased},     {"case_ignorable", kCaseIgnorable}};
    auto it = std::find_if(std::begin(named), std::end(named), [&](const auto& n) { return n.first == name; });
    if (it == std::end(named)) return {};
    ranges = ranges_of(it->second, {});
  }
  if (negate) {
    // Every other code point RE2 can match (UTF-8 has no surrogates).
    std::vector<std::pair<uint32_t, uint32_t>> others;
    uint32_t next = 0;
    auto add = [&](uint32_t a, uint32_t b) {
      if (a <= 0xD7FF && b >= 0xD800) {
        if (a < 0xD800) others.emplace_back(a, 0xD7FF);
        if (b > 0xDFFF) others.emplace_back(0xE000, b);
      } else if (!(a >= 0xD800 && b <= 0xDFFF)) {
        others.emplace_back(std::max(a, a >= 0xD800 && a <= 0xDFFF ? 0xE000u : a), b);
      }
    };
    for (const auto& r : ranges) {
      if (r.first > next) add(next, r.first - 1);
      next = r.second + 1;
    }
    if (next <= 0x10FFFF) add(next, 0x10FFFF);
    ranges = std::move(others);
  }
  std::string out;
  for (const auto& [a, b] : ranges) {
    out += hex(a);
    if (b > a) out += "-" + hex(b);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> title_unlike_upper() {
  std::vector<std::pair<std::string, std::string>> out;
  for (uint32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string c, title, upper;
    encode(cp, c);
    map_one(kTitleMap, cp, title);
    map_one(kUpperMap, cp, upper);
    if (title != upper) out.emplace_back(std::move(c), std::move(title));
  }
  return out;
}

std::vector<uint32_t> casefold_unlike_lower() {
  std::vector<uint32_t> out;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string fold, lower;
    map_one(kFoldMap, cp, fold);
    map_one(kLowerMap, cp, lower);
    if (fold != lower) out.push_back(cp);
  }
  return out;
}

std::string utf8(uint32_t cp) {
  std::string out;
  encode(cp, out);
  return out;
}

std::string_view unicode_version() { return kUnicodeVersion; }

}  // namespace cormorant::unicode
