#pragma once
/// Text encodings of input files: the engine reads UTF-8, so files in another encoding are
/// decoded first (glibc's iconv: every encoding Python's codecs commonly name).
#include <string>

namespace cormorant::session {

/// Whether `encoding` (a Python codec name such as "utf-8", "UTF8", "utf_8_sig") is UTF-8.
bool is_utf8(const std::string& encoding);

/// Writes the text of `path`, in `encoding`, to `out` as UTF-8. Throws InvalidArgumentError for
/// an encoding iconv does not know, ParserError (naming the byte offset) for bytes that are not
/// text in that encoding.
void decode_to_utf8(const std::string& path, const std::string& encoding, const std::string& out);

}  // namespace cormorant::session
