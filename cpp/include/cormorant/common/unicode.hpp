#pragma once
/// Python's own str semantics on UTF-8 text: the predicates (isdigit, islower, ...), the case
/// mappings (lower, upper, title, ...) and the classes of its `re` module (\d, \w, \s), from
/// tables generated off Python's str methods by scripts/gen_unicode_tables.py.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cormorant::unicode {

/// The str predicates pandas' .str accessor has.
enum class Predicate { Alnum, Alpha, Digit, Decimal, Numeric, Space, Lower, Upper, Title, Ascii };

/// The str case mappings pandas' .str accessor has.
enum class CaseMapping { Lower, Upper, Title, Capitalize, Swapcase, Casefold };

/// Python's `s.<predicate>()` for the UTF-8 string `s` (valid UTF-8 expected).
bool str_predicate(Predicate predicate, std::string_view s);

/// Python's `s.<mapping>()` for the UTF-8 string `s`, appended to `out`.
void str_case(CaseMapping mapping, std::string_view s, std::string& out);

/// The inside of an RE2 (or java.util.regex) character class (`\x{..}-\x{..}...`) holding
/// exactly the characters Python's `re` matches with the class `name` ("d", "w" or "s",
/// Unicode patterns), or all the others when `negate` (for \D, \W, \S inside a class). Also
/// the characters of Python's str predicates ("alpha", "decimal", "digit", "numeric",
/// "alnum", "space": c.isalpha(), ...) and case properties ("lower", "upper", "title": those
/// islower/isupper/istitle look at; "cased", "case_ignorable": the final sigma's context).
/// Empty for other names.
std::string regex_class(std::string_view name, bool negate);

/// The characters whose Python title case (c.title()) differs from their upper case
/// (c.upper()), each with its title case, in code point order ("ǆ" -> "ǅ", "ß" -> "Ss").
std::vector<std::pair<std::string, std::string>> title_unlike_upper();

/// The code points whose Python casefold (c.casefold()) differs from their lower case
/// (c.lower()), in order ("ß" -> "ss", "ς" -> "σ", the Cherokee small letters -> capitals).
std::vector<uint32_t> casefold_unlike_lower();

/// The UTF-8 text of the code point `cp`.
std::string utf8(uint32_t cp);

/// The Unicode version of the tables (Python's unicodedata.unidata_version when generated).
std::string_view unicode_version();

}  // namespace cormorant::unicode
