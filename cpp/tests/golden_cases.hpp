#pragma once
/// The golden SQL cases (golden_cases.cpp) and the fixture they are built over
/// (golden_sql_test.cpp): shared by the golden tests of both dialects.
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <cormorant/cormorant.hpp>

#include "test_util.hpp"

namespace cormorant_golden {

using cormorant::DataFrame;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant_test::TempDir;

/// The directory holding the fixture files, written once per test process (golden_sql_test.cpp).
const TempDir& fixture_dir();

inline bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// A fresh session over the fixture. Every case starts from a new session, so its SQL does
/// not depend on which cases ran before it in the same process (sessions number the tables
/// they create).
class Fixture {
 public:
  explicit Fixture(const TempDir& dir = fixture_dir()) : dir_(dir), session_(SessionOptions{":memory:"}) {}
  /// A DataFrame over a fixture file (read_parquet for *.parquet, else read_csv); each call
  /// reads the file again, as another source of the same session.
  DataFrame df(const std::string& file = "fixture.csv") const {
    std::string path = (dir_.path() / file).string();
    return ends_with(file, ".parquet") ? session_.read_parquet(path) : session_.read_csv(path);
  }
  const Session& session() const { return session_; }
  /// The SQL with machine- and session-specific parts replaced by placeholders.
  std::string normalize(const std::string& sql) const {
    std::string out = cormorant_test::replace_all(sql, dir_.path().string(), "<DATA>");
    return cormorant_test::replace_all(out, session_.id(), "<SESSION>");
  }

 private:
  const TempDir& dir_;
  Session session_;
};

struct GoldenCase {
  std::string name;
  std::function<DataFrame(const DataFrame&)> build;
  /// Non-empty when the SQL is known not to run (a core bug): the text is still compared,
  /// the run check is skipped with this note.
  std::string known_bug = {};
  /// The fixture file `build` gets a DataFrame over.
  std::string source = "fixture.csv";
  /// When set, builds the case from the fixture itself (several sources) instead of `build`.
  std::function<DataFrame(const Fixture&)> build_sources = {};
  /// Text the SQL must not contain, and text it must contain (checked in the normalized SQL).
  std::vector<std::string> forbid = {};
  std::vector<std::string> require = {};
  /// Non-empty when the SQL is known to contain a `forbid` text (a core bug): the golden is
  /// still compared and run, the forbid check is skipped with this note (and fails once the
  /// text is gone, so the note gets removed).
  std::string shape_bug = {};
  /// Texts the SQL must contain in this order (each found after the previous one).
  std::vector<std::string> in_order = {};
  /// Texts the SQL must contain exactly this many times.
  std::vector<std::pair<std::string, size_t>> counts = {};
};

inline std::ostream& operator<<(std::ostream& out, const GoldenCase& c) { return out << c.name; }

/// Every golden case, in the order of golden_cases.cpp.
const std::vector<GoldenCase>& golden_cases();

/// A filter, then a sorted groupby with several aggregations: the same plan over each source.
DataFrame filter_then_groupby(const DataFrame& df);
/// Unsorted groups (order of first appearance), <NA> keys kept, and the order-dependent
/// first/last.
DataFrame groupby_unsorted_first_last(const DataFrame& df);

}  // namespace cormorant_golden
