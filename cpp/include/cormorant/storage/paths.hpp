#pragma once
/// Names on disk made from data: partition folders are built from column names and values,
/// which come from users' files (a CSV header can name a column "../../x"). Every such name
/// goes through this file, so that nothing written for a table can leave the table's folder.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace cormorant::storage {

/// Percent-encodes `text` as one path component, like Hive escapes partition folder names but
/// keeping fewer bytes: ASCII letters, digits, '-', '.' and '_' stay, every other byte
/// (including '/', '\\', '%', '=', NUL, control characters and each byte of UTF-8) becomes
/// %XX. A leading '.' or '_' is escaped too: tools skip names starting with them as hidden,
/// and no encoded text can be ".", ".." or the folder name of NULL. Reversible.
std::string encode_path_component(std::string_view text);

/// The inverse of encode_path_component; nullopt when `text` is not such an encoding.
std::optional<std::string> decode_path_component(std::string_view text);

/// The folder of one partition: "<column>=<value>", both encoded; a NULL value (nullopt) is
/// Hive's "__HIVE_DEFAULT_PARTITION__", which no encoded value can equal. A name longer than
/// a file system allows is cut and made unique by `ordinal` (the partition's position in the
/// write, unique within it): "<cut>~<ordinal>" ('~' never appears in an encoding).
std::string partition_folder(std::string_view column, const std::optional<std::string>& value, size_t ordinal);

/// True when `relative` is a relative path whose components are all ordinary names (no root,
/// no "." or "..", no empty component, no NUL): joined to any folder, it stays inside it.
bool is_contained_path(std::string_view relative);

}  // namespace cormorant::storage
