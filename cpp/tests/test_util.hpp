#pragma once
/// Helpers shared by the C++ tests: fixture files in a private temporary directory, text
/// normalization, and cell-by-cell table comparison.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <cormorant/cormorant.hpp>

namespace cormorant {
/// Lets GoogleTest print a Value readably in assertion failures (found by ADL).
inline void PrintTo(const Value& v, std::ostream* os) {
  if (v.is_na()) {
    *os << "<NA>";
  } else if (v.holds<std::string>()) {
    *os << "'" << v.get<std::string>() << "' (string)";
  } else {
    *os << v.to_string() << " (" << dtype_name(v.dtype()) << ")";
  }
}
}  // namespace cormorant

namespace cormorant_test {

namespace fs = std::filesystem;

/// The penguins data set installed by scripts/setup.sh.
inline std::string penguins_path() { return CORMORANT_SOURCE_DIR "/.deps/data/penguins.csv"; }

/// A fresh directory under the system temp dir (unique per process and per instance),
/// removed with everything in it when the object is destroyed. ctest runs tests in
/// parallel processes, so each needs its own.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("cormorant_test_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }

  /// Writes `contents` to `name` inside the directory and returns its full path.
  std::string write(const std::string& name, const std::string& contents) const {
    fs::path p = path_ / name;
    std::ofstream out(p, std::ios::binary);
    out << contents;
    out.close();
    if (!out) ADD_FAILURE() << "could not write fixture " << p;
    return p.string();
  }

 private:
  fs::path path_;
};

/// `text` with every occurrence of `from` replaced by `to`.
inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

/// a // b and a ** b through Series::binary (the api spells them only as BinaryOps).
inline cormorant::Series floordiv(const cormorant::Series& a, const cormorant::Series& b) {
  return a.binary(cormorant::plan::BinaryOp::FloorDiv, b);
}
inline cormorant::Series floordiv(const cormorant::Series& a, const cormorant::Value& b) {
  return a.binary(cormorant::plan::BinaryOp::FloorDiv, b);
}
inline cormorant::Series power(const cormorant::Series& a, const cormorant::Series& b) {
  return a.binary(cormorant::plan::BinaryOp::Pow, b);
}
inline cormorant::Series power(const cormorant::Series& a, const cormorant::Value& b) {
  return a.binary(cormorant::plan::BinaryOp::Pow, b);
}

/// Two cells are equal when their Values are, with NaN equal to NaN (a result may hold NaN).
inline bool same_cell(const cormorant::Value& a, const cormorant::Value& b) {
  if (a.holds<double>() && b.holds<double>() && std::isnan(a.get<double>()) && std::isnan(b.get<double>())) {
    return true;
  }
  return a == b;
}

inline std::string describe_cell(const cormorant::Value& v) {
  if (v.is_na()) return "<NA>";
  if (v.holds<std::string>()) return "'" + v.get<std::string>() + "'";
  return v.to_string() + " (" + std::string(cormorant::dtype_name(v.dtype())) + ")";
}

inline std::string describe_schema(const cormorant::Schema& schema) {
  std::string out = "[";
  for (size_t i = 0; i < schema.size(); ++i) {
    out += (i ? ", " : "") + schema[i].name + ": " + std::string(cormorant::dtype_name(schema[i].dtype));
  }
  return out + "]";
}

/// Compares two tables: same column names and dtypes, same number of rows, and equal
/// values cell by cell (Table::at, Value equality). Lists the first mismatches.
inline ::testing::AssertionResult tables_equal(const cormorant::Table& got, const cormorant::Table& want) {
  if (got.schema() != want.schema()) {
    return ::testing::AssertionFailure() << "schemas differ:\n  got:  " << describe_schema(got.schema())
                                         << "\n  want: " << describe_schema(want.schema());
  }
  if (got.num_rows() != want.num_rows()) {
    return ::testing::AssertionFailure() << "row counts differ: got " << got.num_rows() << ", want "
                                         << want.num_rows();
  }
  std::ostringstream problems;
  int64_t mismatches = 0;
  for (int64_t r = 0; r < got.num_rows(); ++r) {
    for (int64_t c = 0; c < got.num_columns(); ++c) {
      auto g = got.at(r, c);
      auto w = want.at(r, c);
      if (!same_cell(g, w)) {
        if (mismatches < 8) {
          problems << "\n  row " << r << ", column '" << got.schema()[c].name << "': got " << describe_cell(g)
                   << ", want " << describe_cell(w);
        }
        ++mismatches;
      }
    }
  }
  if (mismatches) {
    return ::testing::AssertionFailure() << mismatches << " cell(s) differ (of " << got.num_rows() << " rows x "
                                         << got.num_columns() << " columns):" << problems.str();
  }
  return ::testing::AssertionSuccess();
}

}  // namespace cormorant_test
