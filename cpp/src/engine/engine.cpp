#include "cormorant/engine/engine.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <type_traits>

#include "connection_impl.hpp"
#include "cormorant/common/error.hpp"
#include "duckdb.h"
#include "ewm_aggregates.hpp"
#include "exact_aggregates.hpp"
#include "unicode_functions.hpp"

namespace cormorant::engine {

namespace {

/// The text after DuckDB's "Category Error: " prefix, which names the engine's internals.
std::string_view detail_of(std::string_view message) {
  auto colon = message.find(": ");
  auto first_line = message.substr(0, message.find('\n'));
  if (colon != std::string_view::npos && colon < first_line.size() && first_line.substr(0, colon).ends_with("Error")) {
    return message.substr(colon + 2);
  }
  return message;
}

/// The quoted file name in a DuckDB message ("... file 'x.parquet'" or "file \"x\""), if any.
std::string quoted_path(std::string_view detail) {
  for (char q : {'\'', '"'}) {
    auto open = detail.find(q);
    if (open == std::string_view::npos) continue;
    auto close = detail.find(q, open + 1);
    if (close != std::string_view::npos) return std::string(detail.substr(open + 1, close - open - 1));
  }
  return {};
}

}  // namespace

/// Converts a DuckDB error message ("Category Error: details") to a cormorant Error, in the
/// user's terms: the category and the engine's SQL and column names never reach the user.
[[noreturn]] void throw_engine_error(std::string message) {
  ErrorKind tagged_kind;
  std::string tagged;
  if (parse_query_error(message, tagged_kind, tagged)) throw_error(tagged_kind, tagged);
  // DuckDB appends the offending SQL ("LINE 14: ..."); users did not write that SQL.
  if (auto at = message.find("\n\nLINE "); at != std::string::npos) message.erase(at);
  auto starts = [&](const char* prefix) { return message.rfind(prefix, 0) == 0; };
  if (message.find("Max expression depth limit") != std::string::npos) {
    throw PlanTooDeepError(
        "this result nests its operations or expressions more deeply than the engine accepts (1000 levels); "
        "compute part of it first with .cache() and continue from the result");
  }
  auto has = [&](const char* text) { return message.find(text) != std::string::npos; };
  std::string detail(detail_of(message));
  // "... when casting from source column c0" names a column of the generated SQL.
  if (auto at = detail.find(" when casting from source column"); at != std::string::npos) detail.erase(at);
  if (starts("IO Error") && has("No files found")) throw FileNotFoundError(detail);
  if (has("CSV Error") || has("sniffing file")) {
    if (has("Invalid unicode")) {
      throw ParserError("could not read the CSV file as utf-8 text: it has bytes that are not utf-8; pass its encoding, "
                        "e.g. read_csv(path, encoding=\"latin-1\") or encoding=\"cp1252\"");
    }
    throw ParserError("could not parse the CSV file: " + detail);
  }
  if (has("magic bytes") || has("to be a Parquet file") || (has("Parquet") && has("Corrupt"))) {
    std::string path = quoted_path(detail);
    throw ParserError("could not read '" + path + "' as a Parquet file: it is not a Parquet file or it is corrupt (" +
                      detail + ")");
  }
  if (starts("IO Error")) {
    // Writes: "Cannot open file \"x\": No such file or directory" and the like.
    std::string path = quoted_path(detail);
    auto reason = detail.rfind(": ");
    throw FileWriteError("cannot write '" + path + "': " +
                         (reason == std::string::npos ? detail : detail.substr(reason + 2)));
  }
  if (starts("INTERRUPT Error")) throw InterruptedError("the query was interrupted");
  if (starts("Out of Range Error") || has("out of range for the destination type")) {
    std::string what = detail;
    if (what.rfind("Overflow in ", 0) == 0) {  // "Overflow in multiplication of INT64 (a * b)!"
      what = "Int64 overflow in " + what.substr(12);
      if (auto of = what.find(" of "); of != std::string::npos) what.erase(of, what.find(' ', of + 4) - of);
      if (!what.empty() && what.back() == '!') what.pop_back();
    } else if (auto v = what.find("with value "); v != std::string::npos) {
      what = "the value " + what.substr(v + 11, what.find(' ', v + 11) - v - 11) + " does not fit in Int64";
    }
    throw OverflowError(what + "; convert to Float64 with astype() for larger values");
  }
  if (starts("Conversion Error") || starts("Invalid Input Error")) throw InvalidArgumentError(detail);
  if (starts("Not implemented Error")) throw NotImplementedError(detail);
  if (starts("INTERNAL Error")) throw InternalError("internal error in the engine: " + detail);
  if (starts("Parser Error") || starts("Binder Error") || starts("Catalog Error")) {
    throw InvalidArgumentError("the engine refused the query: " + detail);
  }
  throw ExecutionError(detail);
}

void check_error_data(duckdb_error_data error) {
  if (error == nullptr) return;
  if (!duckdb_error_data_has_error(error)) {
    duckdb_destroy_error_data(&error);
    return;
  }
  std::string message = duckdb_error_data_message(error);
  duckdb_destroy_error_data(&error);
  throw_engine_error(message);
}

[[noreturn]] void detail::ConnectionState::fail(const char* message) {
  rethrow_udf_error();
  throw_engine_error(message ? message : "unknown error");
}

std::string detail::ConnectionState::statement(const std::string& sql) {
  statements_logged += records_reads;
  if (next_tag.empty()) return sql;
  std::string out = std::move(next_tag) + sql;
  next_tag.clear();
  return out;
}

void detail::ConnectionState::rethrow_udf_error() {
  std::exception_ptr e;
  {
    std::lock_guard<std::mutex> lock(udf_error_mutex);
    std::swap(e, udf_error);
  }
  if (e) std::rethrow_exception(e);
}

namespace {

/// Owns a duckdb_result.
struct Result {
  duckdb_result result{};
  ~Result() { duckdb_destroy_result(&result); }
};

/// Owns a duckdb_prepared_statement.
struct Prepared {
  duckdb_prepared_statement stmt = nullptr;
  ~Prepared() { duckdb_destroy_prepare(&stmt); }
};

}  // namespace

namespace {

/// Runs `work` (a call into the engine on `state`'s connection) on this thread, watched as
/// QueryWatch says: the installed InterruptCheck can stop it and the installed ProgressReport
/// follows it; an interrupted call throws InterruptedError whatever the engine said. A call
/// made while the connection's query is already watched (from inside a user function) just runs.
template <class Work>
auto interruptible(detail::ConnectionState& state, Work&& work) -> decltype(work()) {
  if (state.watch) return work();
  detail::QueryWatch watch(state);
  if (!watch.active()) return work();
  using R = decltype(work());
  std::optional<std::conditional_t<std::is_void_v<R>, bool, R>> result;
  std::exception_ptr error;
  state.watch = &watch;
  try {
    if constexpr (std::is_void_v<R>) {
      work();
      result.emplace(true);
    } else {
      result.emplace(work());
    }
  } catch (...) {
    error = std::current_exception();
  }
  state.watch = nullptr;
  watch.finish(error != nullptr);
  // The check said stop (and may have left an exception pending, such as Python's
  // KeyboardInterrupt) even if the statement ended meanwhile: the call stops all the same.
  if (watch.interrupted()) throw InterruptedError("the query was interrupted");
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<R>) return std::move(*result);
}

/// Owns duckdb_extracted_statements.
struct Extracted {
  duckdb_extracted_statements statements = nullptr;
  ~Extracted() { duckdb_destroy_extracted(&statements); }
};

/// Owns a duckdb_pending_result.
struct Pending {
  duckdb_pending_result pending = nullptr;
  ~Pending() { duckdb_destroy_pending(&pending); }
};

/// Runs the statements of `sql` one after another on this thread, one engine task at a time
/// (the engine's own threads run the others), giving up the processor while this thread has
/// no task to run rather than spinning, and ticking the query's watch between tasks. The last
/// statement's result goes to `out` (the caller destroys it): materialized, or a stream when
/// `streaming`.
void run_statements(detail::ConnectionState& state, const std::string& sql, duckdb_result* out, bool streaming) {
  Extracted extracted;
  idx_t count = duckdb_extract_statements(state.conn, sql.c_str(), &extracted.statements);
  if (count == 0) {
    const char* e = duckdb_extract_statements_error(extracted.statements);
    throw_engine_error(e ? e : "the engine found no statement to run");
  }
  for (idx_t i = 0; i < count; ++i) {
    if (state.watch && state.watch->stopped()) throw InterruptedError("the query was interrupted");
    ++state.statements_run;
    Prepared p;
    if (duckdb_prepare_extracted_statement(state.conn, extracted.statements, i, &p.stmt) == DuckDBError) {
      throw_engine_error(duckdb_prepare_error(p.stmt));
    }
    bool last = i + 1 == count;
    Pending pending;
    auto start = last && streaming ? duckdb_pending_prepared_streaming : duckdb_pending_prepared;
    if (start(p.stmt, &pending.pending) == DuckDBError) state.fail(duckdb_pending_error(pending.pending));
    for (;;) {
      if (state.watch) state.watch->tick();
      duckdb_pending_state s = duckdb_pending_execute_task(pending.pending);
      if (s == DUCKDB_PENDING_RESULT_READY) break;
      if (s == DUCKDB_PENDING_ERROR) state.fail(duckdb_pending_error(pending.pending));
      if (s == DUCKDB_PENDING_NO_TASKS_AVAILABLE) std::this_thread::yield();
    }
    Result r;
    if (duckdb_execute_pending(pending.pending, &r.result) == DuckDBError) state.fail(duckdb_result_error(&r.result));
    if (last) std::swap(*out, r.result);
  }
}

}  // namespace

void Connection::set_threads(int threads) {
  if (threads <= 0) threads = impl_->opened_threads;
  if (threads == impl_->current_threads || threads <= 0) return;
  execute("SET threads = " + std::to_string(threads));
  impl_->current_threads = threads;
}

void Connection::set_progress_estimate(bool on) {
  if (!impl_->follows_progress || on == impl_->estimates_progress) return;
  execute(on ? "SET enable_progress_bar = true" : "SET enable_progress_bar = false");
  impl_->estimates_progress = on;
}

void Connection::interrupt() { duckdb_interrupt(impl_->conn); }

Connection::Connection(int threads) : impl_(std::make_unique<detail::ConnectionState>()) {
  duckdb_config config = nullptr;
  duckdb_create_config(&config);
  if (threads > 0) duckdb_set_config(config, "threads", std::to_string(threads).c_str());
  char* error = nullptr;
  if (duckdb_open_ext(nullptr, &impl_->db, config, &error) == DuckDBError) {
    std::string message = error ? error : "unknown error";
    duckdb_free(error);
    duckdb_destroy_config(&config);
    throw ExecutionError("could not open the embedded engine: " + message);
  }
  duckdb_destroy_config(&config);
  if (duckdb_connect(impl_->db, &impl_->conn) == DuckDBError) {
    duckdb_close(&impl_->db);
    throw ExecutionError("could not connect to the embedded engine");
  }
  // Time-zone-aware values come back in UTC whatever the machine's zone (pandas' "UTC").
  execute("SET TimeZone = 'UTC'");
  try {
    engine_detail::register_unicode_functions(impl_->conn);
    engine_detail::register_exact_aggregates(impl_->conn);
    engine_detail::register_ewm_aggregates(impl_->conn);
  } catch (...) {
    duckdb_disconnect(&impl_->conn);
    duckdb_close(&impl_->db);
    throw;
  }
  if (progress_installed()) {  // (the engine estimates progress only when asked to)
    execute("SET enable_progress_bar_print = false");
    impl_->follows_progress = true;
  }
  Table t = query("SELECT CAST(current_setting('threads') AS BIGINT) AS n");
  impl_->opened_threads = impl_->current_threads = static_cast<int>(t.at(0, 0).get<int64_t>());
}

Connection::~Connection() {
  duckdb_disconnect(&impl_->conn);
  duckdb_close(&impl_->db);
}

std::vector<EngineColumn> Connection::describe(const std::string& sql) {
  ++impl_->statements_run;
  Prepared p;
  if (duckdb_prepare(impl_->conn, sql.c_str(), &p.stmt) == DuckDBError) {
    throw_engine_error(duckdb_prepare_error(p.stmt));
  }
  std::vector<EngineColumn> out;
  idx_t n = duckdb_prepared_statement_column_count(p.stmt);
  for (idx_t i = 0; i < n; ++i) {
    EngineColumn c;
    c.name = duckdb_prepared_statement_column_name(p.stmt, i);
    duckdb_logical_type type = duckdb_prepared_statement_column_logical_type(p.stmt, i);
    auto [dtype, canonical] = classify(type);
    c.dtype = dtype;
    c.canonical = canonical;
    if (dtype == DType::Float64 && duckdb_get_type_id(type) == DUCKDB_TYPE_DECIMAL) {
      c.decimal_precision = duckdb_decimal_width(type);
      c.decimal_scale = duckdb_decimal_scale(type);
    }
    c.engine_type = dtype ? std::string(dtype_name(*dtype)) : type_name(type);
    duckdb_destroy_logical_type(&type);
    out.push_back(std::move(c));
  }
  return out;
}

void Connection::execute(const std::string& sql) {
  std::string text = impl_->statement(sql);
  Result r;
  interruptible(*impl_, [&] { run_statements(*impl_, text, &r.result, false); });
}

namespace {

/// The schema of a result (its columns must have canonical types) and its Arrow form.
struct ResultSchema {
  Schema schema;
  std::vector<duckdb_logical_type> types;
  std::vector<std::string> names;
  ~ResultSchema() {
    for (auto& t : types) duckdb_destroy_logical_type(&t);
  }
};

void describe_result(duckdb_result* result, ResultSchema& out) {
  idx_t ncols = duckdb_column_count(result);
  for (idx_t i = 0; i < ncols; ++i) {
    duckdb_logical_type type = duckdb_column_logical_type(result, i);
    auto [dtype, canonical] = classify(type);
    out.types.push_back(type);
    out.names.push_back(duckdb_column_name(result, i));
    if (!dtype || !canonical) {
      throw InternalError("internal error: query result column '" + out.names.back() + "' has a non-canonical type");
    }
    out.schema.push_back({out.names.back(), *dtype});
  }
}

/// Converts chunks of `result` to a Table until `rows` rows (or the end); nullopt when the
/// result had no more chunks.
std::optional<Table> fetch_table(detail::ConnectionState& owner, duckdb_result& result, const ResultSchema& rs, int64_t rows,
                                 bool always, bool* finished = nullptr) {
  duckdb_arrow_options options = duckdb_result_get_arrow_options(&result);
  std::vector<const char*> names;
  for (const auto& n : rs.names) names.push_back(n.c_str());
  ArrowSchema arrow_schema{};
  std::vector<ArrowArray> batches;
  int64_t fetched = 0;
  bool ended = false;
  try {
    auto types = rs.types;
    check_error_data(duckdb_to_arrow_schema(options, types.data(), names.data(), names.size(), &arrow_schema));
    while (fetched < rows) {
      duckdb_data_chunk chunk = duckdb_fetch_chunk(result);
      if (!chunk) {
        if (const char* e = duckdb_result_error(&result); e && *e) owner.fail(e);
        ended = true;
        break;
      }
      ArrowArray array{};
      duckdb_error_data e = duckdb_data_chunk_to_arrow(options, chunk, &array);
      duckdb_destroy_data_chunk(&chunk);
      check_error_data(e);
      fetched += array.length;
      batches.push_back(array);
    }
    if (ended && batches.empty() && always) {
      // One empty batch, so that a consumer sees the columns' dictionaries (a categorical's
      // categories travel with the batches, not the schema).
      duckdb_data_chunk chunk = duckdb_create_data_chunk(types.data(), types.size());
      duckdb_data_chunk_set_size(chunk, 0);
      ArrowArray array{};
      duckdb_error_data e = duckdb_data_chunk_to_arrow(options, chunk, &array);
      duckdb_destroy_data_chunk(&chunk);
      check_error_data(e);
      batches.push_back(array);
    }
  } catch (...) {
    for (auto& b : batches) b.release(&b);
    if (arrow_schema.release) arrow_schema.release(&arrow_schema);
    duckdb_destroy_arrow_options(&options);
    throw;
  }
  duckdb_destroy_arrow_options(&options);
  if (finished) *finished = ended;
  if (ended && batches.empty() && !always) {
    if (arrow_schema.release) arrow_schema.release(&arrow_schema);
    return std::nullopt;
  }
  return Table(rs.schema, arrow_schema, std::move(batches));
}

}  // namespace

void Connection::record_file_reads(bool on) {
  if (on == impl_->records_reads) return;
  if (on) {
    execute("SET enable_external_file_cache = false");
    execute("CALL enable_logging(['FileSystem', 'QueryLog'])");
  } else {
    execute("CALL disable_logging()");
    execute("SET enable_external_file_cache = true");
  }
  impl_->records_reads = on;
}

void Connection::forget_cached_files() {
  if (impl_->records_reads) return;  // (off while recording: nothing cached)
  execute("SET enable_external_file_cache = false");  // (which empties it)
  execute("SET enable_external_file_cache = true");
}

namespace {

/// The comment that tags a statement; the QueryLog message of the statement starts with it.
constexpr const char* kTagPrefix = "/*cormorant_query:";

}  // namespace

void Connection::tag_next_statement(std::optional<int64_t> tag) {
  impl_->next_tag = tag ? kTagPrefix + std::to_string(*tag) + "*/ " : std::string();
}

int64_t Connection::statements_logged() const { return impl_->statements_logged; }

int64_t Connection::statements_run() const { return impl_->statements_run; }

namespace {

/// Strips `suffix` from the end of `s`; false when `s` does not end with it.
bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

/// Strips the trailing run of characters that `keep` accepts (at least one) and returns it.
template <class Keep>
std::optional<std::string_view> take_tail(std::string_view& s, Keep keep) {
  size_t n = s.size();
  while (n > 0 && keep(s[n - 1])) --n;
  if (n == s.size()) return std::nullopt;
  std::string_view tail = s.substr(n);
  s.remove_suffix(tail.size());
  return tail;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<FileRead> parse_file_read(std::string_view message) {
  // DuckDB writes {"fs":"..","path":"..","op":"..","bytes":"..","pos":".."} with the path put
  // in unescaped: everything between the fixed head and the fixed tail is the path.
  constexpr std::string_view head = "{\"fs\":\"";
  if (!message.starts_with(head)) return std::nullopt;
  std::string_view rest = message.substr(head.size());
  auto fs_end = rest.find('"');
  if (fs_end == std::string_view::npos || !rest.substr(fs_end).starts_with("\",\"path\":\"")) return std::nullopt;
  rest.remove_prefix(fs_end + 10);
  if (!strip_suffix(rest, "\"}")) return std::nullopt;
  auto pos = take_tail(rest, is_digit);
  if (!pos || !strip_suffix(rest, "\",\"pos\":\"")) return std::nullopt;
  auto bytes = take_tail(rest, is_digit);
  if (!bytes) return std::nullopt;
  bool negative = strip_suffix(rest, "-");
  if (!strip_suffix(rest, "\",\"bytes\":\"")) return std::nullopt;
  auto op = take_tail(rest, [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; });
  if (!op || *op != "READ" || !strip_suffix(rest, "\",\"op\":\"")) return std::nullopt;
  auto number = [](std::string_view digits) {
    int64_t v = 0;
    for (char c : digits) v = v * 10 + (c - '0');  // (file offsets and sizes: far below 2**63)
    return v;
  };
  int64_t n = number(*bytes);
  return FileRead{std::string(rest), number(*pos), negative ? -n : n};
}

std::map<int64_t, std::vector<FileRead>> Connection::take_file_reads() {
  // A statement's reads carry its query_id, as does its QueryLog entry, whose message is the
  // statement's text, starting with the tag. The FileSystem messages are parsed here (see
  // parse_file_read): DuckDB puts the path in unescaped, so a path with '"' or '\\' makes the
  // message malformed JSON. Only the READ messages of tagged statements are fetched.
  Table t = query(R"sql(
    WITH tagged AS (
      SELECT query_id, CAST(regexp_extract(left(message, 40), '^/\*cormorant_query:([0-9]+)\*/', 1) AS BIGINT) AS tag
      FROM duckdb_logs WHERE type = 'QueryLog' AND starts_with(message, '/*cormorant_query:'))
    SELECT tagged.tag, logs.message
    FROM duckdb_logs AS logs JOIN tagged USING (query_id)
    WHERE logs.type = 'FileSystem' AND contains(logs.message, '","op":"READ","bytes":"'))sql");
  execute("CALL truncate_duckdb_logs()");
  impl_->statements_logged = 0;
  std::map<int64_t, std::vector<FileRead>> out;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    if (auto read = parse_file_read(t.at(r, 1).get<std::string>())) out[t.at(r, 0).get<int64_t>()].push_back(std::move(*read));
  }
  return out;
}

Table Connection::query(const std::string& sql) {
  std::string text = impl_->statement(sql);
  Result r;
  interruptible(*impl_, [&] { run_statements(*impl_, text, &r.result, false); });
  ResultSchema rs;
  describe_result(&r.result, rs);
  return *fetch_table(*impl_, r.result, rs, std::numeric_limits<int64_t>::max(), true);
}

struct ResultStream::Impl {
  detail::ConnectionState* owner = nullptr;  ///< for interrupting and a user function's errors
  Result result;
  ResultSchema schema;
  bool finished = false;  ///< the engine said there are no more rows: do not ask again
  std::optional<Table> whole;  ///< a materialized table's rows (ResultStream::of), handed out once
};

ResultStream::ResultStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultStream::~ResultStream() = default;

std::unique_ptr<ResultStream> ResultStream::of(Table table) {
  auto impl = std::make_unique<Impl>();
  impl->whole.emplace(std::move(table));
  return std::unique_ptr<ResultStream>(new ResultStream(std::move(impl)));
}

std::optional<Table> ResultStream::next(int64_t rows) {
  if (impl_->whole) {
    std::optional<Table> out = std::move(impl_->whole);
    impl_->whole.reset();
    impl_->finished = true;
    if (out->num_rows() == 0) return std::nullopt;  // (no batch for no rows, as a DuckDB stream)
    return out;
  }
  if (impl_->finished) return std::nullopt;
  return interruptible(*impl_->owner, [&] {
    return fetch_table(*impl_->owner, impl_->result.result, impl_->schema, std::max<int64_t>(rows, 1), false, &impl_->finished);
  });
}

std::unique_ptr<ResultStream> Connection::stream(const std::string& sql) {
  auto impl = std::make_unique<ResultStream::Impl>();
  impl->owner = impl_.get();
  std::string text = impl_->statement(sql);
  interruptible(*impl_, [&] { run_statements(*impl_, text, &impl->result.result, true); });
  describe_result(&impl->result.result, impl->schema);
  return std::unique_ptr<ResultStream>(new ResultStream(std::move(impl)));
}

namespace {

/// An appender to a table of the connection, destroyed with this object; engine errors are
/// thrown as cormorant errors.
class Appender {
 public:
  Appender(duckdb_connection conn, const std::string& table_name) {
    if (duckdb_appender_create(conn, nullptr, table_name.c_str(), &appender_) == DuckDBError) {
      std::string message = duckdb_appender_error(appender_);
      duckdb_appender_destroy(&appender_);
      throw_engine_error(message);
    }
  }
  ~Appender() { duckdb_appender_destroy(&appender_); }
  Appender(const Appender&) = delete;
  Appender& operator=(const Appender&) = delete;
  operator duckdb_appender() const { return appender_; }  // NOLINT: used as the handle it wraps
  /// Flushes the appended rows into the table.
  void close() {
    if (duckdb_appender_close(appender_) == DuckDBError) throw_engine_error(duckdb_appender_error(appender_));
  }

 private:
  duckdb_appender appender_ = nullptr;
};

}  // namespace

void Connection::append_arrow(const std::string& table_name, ArrowArrayStream* stream) {
  struct StreamGuard {
    ArrowArrayStream* s;
    ~StreamGuard() {
      if (s->release) s->release(s);
    }
  } guard{stream};
  ArrowSchema schema{};
  if (stream->get_schema(stream, &schema) != 0) {
    const char* e = stream->get_last_error(stream);
    throw InvalidArgumentError(std::string("could not read the Arrow schema: ") + (e ? e : "unknown error"));
  }
  // A duration in microseconds is held as its count (BIGINT; the engine would make an INTERVAL,
  // which orders months and days apart from microseconds): the same int64 buffers, read as "l".
  std::vector<std::pair<ArrowSchema*, const char*>> durations;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    if (std::strcmp(schema.children[i]->format, "tDu") == 0) {
      durations.emplace_back(schema.children[i], schema.children[i]->format);
      schema.children[i]->format = "l";
    }
  }
  duckdb_arrow_converted_schema converted = nullptr;
  duckdb_error_data converted_error = duckdb_schema_from_arrow(impl_->conn, &schema, &converted);
  for (auto& [child, format] : durations) child->format = format;  // the producer's release may read its own
  check_error_data(converted_error);
  struct ConvertedGuard {
    duckdb_arrow_converted_schema* c;
    ArrowSchema* s;
    ~ConvertedGuard() {
      duckdb_destroy_arrow_converted_schema(c);
      if (s->release) s->release(s);
    }
  } converted_guard{&converted, &schema};
  Appender appender(impl_->conn, table_name);
  while (true) {
    ArrowArray array{};
    if (stream->get_next(stream, &array) != 0) {
      const char* e = stream->get_last_error(stream);
      throw InvalidArgumentError(std::string("could not read an Arrow batch: ") + (e ? e : "unknown error"));
    }
    if (array.release == nullptr) break;
    duckdb_data_chunk chunk = nullptr;
    check_error_data(duckdb_data_chunk_from_arrow(impl_->conn, &array, converted, &chunk));
    duckdb_state state = duckdb_append_data_chunk(appender, chunk);
    duckdb_destroy_data_chunk(&chunk);
    if (state == DuckDBError) throw_engine_error(duckdb_appender_error(appender));
  }
  appender.close();
}

void Connection::append_values(const std::string& table_name, DType dtype, const std::vector<Value>& values) {
  Appender appender(impl_->conn, table_name);
  for (const auto& v : values) {
    duckdb_state state = DuckDBError;
    switch (dtype) {
      case DType::Int64:
      case DType::Integer:  // (values within the column's range, cast by the appender)
        state = duckdb_append_int64(appender, v.get<int64_t>());
        break;
      case DType::Timedelta: state = duckdb_append_int64(appender, std::stoll(v.get<Moment>().iso)); break;
      case DType::Float64: state = duckdb_append_double(appender, v.get<double>()); break;
      case DType::Boolean: state = duckdb_append_bool(appender, v.get<bool>()); break;
      case DType::String: {
        const auto& text = v.get<std::string>();
        state = duckdb_append_varchar_length(appender, text.data(), text.size());
        break;
      }
      case DType::Date:
      case DType::Time:
      case DType::Timestamp:
      case DType::TimestampTz: {  // ISO text, cast by the appender to the column's type
        const auto& text = v.get<Moment>().iso;
        state = duckdb_append_varchar_length(appender, text.data(), text.size());
        break;
      }
      default: throw InternalError("internal error: append_values of an unsupported dtype");
    }
    if (state == DuckDBError || duckdb_appender_end_row(appender) == DuckDBError) {
      throw_engine_error(duckdb_appender_error(appender));
    }
  }
  appender.close();
}

}  // namespace cormorant::engine
