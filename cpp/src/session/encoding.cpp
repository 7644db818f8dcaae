#include "encoding.hpp"

#include <cerrno>
#include <cctype>
#include <cstring>
#include <fstream>
#include <iconv.h>
#include <vector>

#include "cormorant/common/error.hpp"

namespace cormorant::session {

namespace {

/// A Python codec name in lower case with '_' and ' ' as '-'.
std::string normalized(const std::string& encoding) {
  std::string out;
  for (char c : encoding) out += (c == '_' || c == ' ') ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// iconv's name for a Python codec name (they agree but for a few spellings).
std::string iconv_name(const std::string& encoding) {
  std::string e = normalized(encoding);
  if (e == "latin-1" || e == "latin1" || e == "l1" || e == "iso8859-1" || e == "iso-8859-1" || e == "8859") return "ISO-8859-1";
  if (e == "utf-16-le") return "UTF-16LE";
  if (e == "utf-16-be") return "UTF-16BE";
  if (e.rfind("windows-", 0) == 0) return "CP" + e.substr(8);
  return e;
}

/// Owns an iconv descriptor.
struct Converter {
  iconv_t cd;
  ~Converter() { iconv_close(cd); }
};

}  // namespace

bool is_utf8(const std::string& encoding) {
  std::string e = normalized(encoding);
  return e == "utf-8" || e == "utf8" || e == "u8" || e == "utf-8-sig" || e == "utf8-sig";
}

void decode_to_utf8(const std::string& path, const std::string& encoding, const std::string& out) {
  iconv_t cd = iconv_open("UTF-8", iconv_name(encoding).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw InvalidArgumentError("unknown encoding: '" + encoding +
                               "'; use a Python codec name such as 'utf-8', 'latin-1', 'cp1252' or 'utf-16'");
  }
  Converter converter{cd};
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream sink(out, std::ios::binary | std::ios::trunc);
  if (!sink) throw FileWriteError("cannot write the decoded copy of '" + path + "' to '" + out + "': " + std::strerror(errno));
  char* src = bytes.data();
  size_t left = bytes.size();
  std::vector<char> buffer(1 << 16);
  while (left > 0) {
    char* dst = buffer.data();
    size_t room = buffer.size();
    size_t done = iconv(cd, &src, &left, &dst, &room);
    sink.write(buffer.data(), static_cast<std::streamsize>(buffer.size() - room));
    if (done == static_cast<size_t>(-1) && errno != E2BIG) {
      throw ParserError("'" + path + "' is not " + encoding + " text: the bytes at offset " +
                        std::to_string(src - bytes.data()) + " do not decode; pass the file's encoding to read_csv(encoding=...)");
    }
  }
  if (!sink.flush()) throw FileWriteError("cannot write the decoded copy of '" + path + "' to '" + out + "'");
}

}  // namespace cormorant::session
