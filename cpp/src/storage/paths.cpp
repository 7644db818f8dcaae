#include "cormorant/storage/paths.hpp"

namespace cormorant::storage {

namespace {

/// Longest folder name kept whole: file systems allow 255 bytes per name; this leaves room
/// for the "~<ordinal>" of a cut name.
constexpr size_t kMaxFolder = 200;

bool kept(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string encode_path_component(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (kept(c) && !(i == 0 && (c == '.' || c == '_'))) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> decode_path_component(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      if (!kept(static_cast<unsigned char>(text[i]))) return std::nullopt;
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string partition_folder(std::string_view column, const std::optional<std::string>& value, size_t ordinal) {
  std::string folder =
      encode_path_component(column) + "=" + (value ? encode_path_component(*value) : "__HIVE_DEFAULT_PARTITION__");
  if (folder.size() <= kMaxFolder) return folder;
  size_t cut = kMaxFolder;
  // Not inside a %XX triple.
  if (folder[cut - 1] == '%') {
    cut -= 1;
  } else if (folder[cut - 2] == '%') {
    cut -= 2;
  }
  return folder.substr(0, cut) + "~" + std::to_string(ordinal);
}

bool is_contained_path(std::string_view relative) {
  if (relative.empty() || relative.front() == '/' || relative.find('\0') != std::string_view::npos) return false;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view part = relative.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace cormorant::storage
