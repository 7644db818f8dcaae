#include "csv_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include "cormorant/common/error.hpp"

namespace cormorant::session {

namespace {

/// A character that may make up a blank line: pandas' whitespace unless it is the delimiter.
bool blank_char(char c, char delimiter) { return (c == ' ' || c == '\t' || c == '\r') && c != delimiter; }

/// Walks a CSV text character by character, telling where lines begin and end outside quoted
/// fields. `on_char(c, quoted)` sees every character; `on_line_end(blank)` every line end.
class LineWalker {
 public:
  explicit LineWalker(char delimiter) : delimiter_(delimiter) {}

  /// The state after `c`: whether `c` ends a line (outside quotes) and whether that line was blank.
  /// Returns 0 for a character inside a line, 1 for the end of a line that is not blank, 2 for
  /// the end of a blank line.
  int step(char c) {
    if (quote_pending_) {  // a quote inside a quoted field: doubled, or the field's end
      quote_pending_ = false;
      if (c == '"') return 0;
      quoted_ = false;
    }
    if (quoted_) {
      if (c == '"') quote_pending_ = true;
      return 0;
    }
    if (c == '\n') {
      int out = blank_ ? 2 : 1;
      blank_ = true;
      field_start_ = true;
      return out;
    }
    if (!blank_char(c, delimiter_)) blank_ = false;
    if (c == '"' && field_start_) {
      quoted_ = true;
      field_start_ = false;
      return 0;
    }
    field_start_ = c == delimiter_;
    return 0;
  }

  /// Whether the line read so far holds only blank characters.
  bool blank() const { return blank_; }
  /// Whether the walker is inside a quoted field (not just after a quote in it).
  bool quoted() const { return quoted_ && !quote_pending_; }
  /// Whether the last character was a quote inside a quoted field: its end, or the first of two.
  bool quote_pending() const { return quote_pending_; }

 private:
  char delimiter_;
  bool quoted_ = false;
  bool quote_pending_ = false;
  bool field_start_ = true;
  bool blank_ = true;
};

}  // namespace

CsvLines scan_csv_lines(const std::string& path, char delimiter) {
  std::ifstream in(path, std::ios::binary);
  CsvLines out;
  LineWalker walker(delimiter);
  bool header_done = false, in_header = false;
  std::string field;
  std::vector<char> buffer(1 << 16);
  char last = '\n';
  std::streamsize read = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize n = in.gcount();
    read += n;
    for (std::streamsize i = 0; i < n; ++i) {
      char c = buffer[i];
      last = c;
      bool was_quoted = walker.quoted(), was_pending = walker.quote_pending();
      int end = walker.step(c);
      if (end == 2) {
        out.blank_lines = true;
        if (in_header) in_header = false, out.header.clear(), field.clear();  // (a header of blanks only)
        continue;
      }
      if (header_done) continue;
      if (end == 1) {
        if (!field.empty() && field.back() == '\r') field.pop_back();
        out.header.push_back(field);
        header_done = true;
        in_header = false;
        continue;
      }
      in_header = true;
      // The header's fields: the delimiter outside quotes ends one; the quotes around a field are
      // not part of it, a doubled one inside is one quote, and one inside an unquoted field stays.
      if (c == '"') {
        if ((was_pending && walker.quoted()) || (!was_quoted && !was_pending && !walker.quoted())) field += c;
      } else if (c == delimiter && !walker.quoted()) {
        out.header.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
  }
  if (!header_done && in_header && !walker.blank()) {  // a header line without a line end
    if (!field.empty() && field.back() == '\r') field.pop_back();
    out.header.push_back(field);
  }
  if (!header_done && walker.blank()) out.header.clear();
  if (header_done && walker.blank() && last != '\n' && read > 0) out.blank_lines = true;  // a last line of blanks
  // A UTF-8 byte order mark is no part of the first label (the engine skips it too).
  static const std::string bom = "\xEF\xBB\xBF";
  if (!out.header.empty() && out.header[0].rfind(bom, 0) == 0) out.header[0].erase(0, bom.size());
  return out;
}

void copy_without_blank_lines(const std::string& path, char delimiter, const std::string& out) {
  std::ifstream in(path, std::ios::binary);
  std::ofstream sink(out, std::ios::binary | std::ios::trunc);
  if (!sink) throw FileWriteError("cannot write a copy of '" + path + "' to '" + out + "': " + std::strerror(errno));
  LineWalker walker(delimiter);
  std::string pending;  // the blank characters that begin the current line, written once it is not blank
  std::vector<char> buffer(1 << 16);
  std::string written;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize n = in.gcount();
    written.clear();
    for (std::streamsize i = 0; i < n; ++i) {
      char c = buffer[i];
      bool blank_before = walker.blank();
      int end = walker.step(c);
      if (end == 2) {
        pending.clear();
        continue;
      }
      if (blank_before && walker.blank() && end == 0) {
        pending += c;
        continue;
      }
      written += pending;
      pending.clear();
      written += c;
    }
    sink.write(written.data(), static_cast<std::streamsize>(written.size()));
  }
  if (!walker.blank()) sink.write(pending.data(), static_cast<std::streamsize>(pending.size()));
  if (!sink) throw FileWriteError("cannot write a copy of '" + path + "' to '" + out + "': " + std::strerror(errno));
}

std::vector<std::string> pandas_header_labels(const std::vector<std::string>& fields) {
  std::vector<std::string> names;
  std::vector<size_t> order, unnamed;  // pandas numbers the named fields' repeats first
  for (size_t i = 0; i < fields.size(); ++i) {
    names.push_back(fields[i].empty() ? "Unnamed: " + std::to_string(i) : fields[i]);
    (fields[i].empty() ? unnamed : order).push_back(i);
  }
  order.insert(order.end(), unnamed.begin(), unnamed.end());
  // pandas' mangle_dupe_names (its C parser's): a repeat of "a" takes "a.k", k from the count of
  // "a" so far, skipping the labels the header has.
  auto present = [&](const std::string& name) { return std::find(names.begin(), names.end(), name) != names.end(); };
  std::map<std::string, int64_t> counts;
  for (size_t i : order) {
    const std::string old = names[i];
    std::string name = old;
    int64_t count = counts.count(name) ? counts[name] : 0;
    while (count > 0) {
      counts[old] = count + 1;
      name = old + "." + std::to_string(count);
      if (present(name)) {
        ++count;
      } else {
        count = counts.count(name) ? counts[name] : 0;
      }
    }
    names[i] = name;
    counts[name] = count + 1;
  }
  return names;
}

std::vector<std::optional<DType>> csv_dtypes(const Table& stats, size_t columns) {
  std::vector<std::optional<DType>> out(columns);
  if (stats.at(0, 0).get<int64_t>() == 0) return out;
  for (size_t i = 0; i < columns; ++i) {
    const auto first = static_cast<int64_t>(1 + 6 * i);
    auto all = [&](int64_t k) { return !stats.is_null(0, first + k) && stats.at(0, first + k).get<bool>(); };
    if (stats.at(0, first).get<int64_t>() == 0) {
      out[i] = DType::Float64;
    } else if (all(1)) {
      out[i] = DType::Boolean;
    } else if (all(2)) {
      if (all(3)) {
        out[i] = DType::Int64;
      } else if (all(4)) {
        out[i] = DType::integer(64, true);
      }
    } else if (all(5)) {
      out[i] = DType::Float64;
    }
  }
  return out;
}

}  // namespace cormorant::session
