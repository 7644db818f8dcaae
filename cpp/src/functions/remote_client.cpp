/// The engine's client of remote functions (see functions/remote.hpp): each engine batch is
/// split into requests of at most max_batching_rows calls, sent together over kept-alive
/// connections (a libcurl multi handle per engine thread), retried with exponential backoff
/// on 429, 5xx and timeouts as BigQuery does.
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <cstdio>
#include <optional>
#include <random>
#include <nlohmann/json.hpp>
#include <thread>

#include "cormorant/common/error.hpp"
#include "cormorant/functions/portable.hpp"
#include "cormorant/functions/remote.hpp"
#include "cormorant/functions/wire.hpp"

namespace cormorant::functions {

namespace {

using nlohmann::json;

void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t append_body(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

/// The curl handles of one engine thread, kept so that connections stay alive.
struct Handles {
  CURLM* multi = nullptr;
  std::vector<CURL*> easy;
  Handles() {
    init_curl();
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 16L);
  }
  ~Handles() {
    for (CURL* e : easy) curl_easy_cleanup(e);
    curl_multi_cleanup(multi);
  }
  CURL* get(size_t i) {
    while (easy.size() <= i) easy.push_back(curl_easy_init());
    return easy[i];
  }
};

Handles& thread_handles() {
  thread_local Handles handles;
  return handles;
}

/// One request of a batch and its answer.
struct Request {
  size_t first = 0, rows = 0;
  std::string body, response;
  long status = 0;
  CURLcode code = CURLE_OK;
  bool done = false;
};

bool retryable(const Request& r) {
  if (r.code != CURLE_OK) return true;  // timeouts, refused or reset connections
  return r.status == 408 || r.status == 429 || r.status >= 500;
}

std::string error_message_of(const Request& r) {
  if (r.code != CURLE_OK) return curl_easy_strerror(r.code);
  try {
    json j = json::parse(r.response);
    if (j.is_object() && j.contains("errorMessage")) return j["errorMessage"].get<std::string>();
  } catch (const std::exception&) {
  }
  return r.response.substr(0, 500);
}

/// Sends `requests` (the ones not done) to `url` at most `in_flight` at once.
void send_all(const RemoteCall& call, const std::string& url, std::vector<Request*>& requests) {
  Handles& h = thread_handles();
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, ("Authorization: Bearer " + call.token).c_str());
  size_t next = 0, running_count = 0;
  std::map<CURL*, Request*> active;
  auto start = [&](size_t slot) {
    Request* r = requests[next++];
    CURL* e = h.get(slot);
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r->body.size()));
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &r->response);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(call.request_timeout.count()));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    r->response.clear();
    curl_multi_add_handle(h.multi, e);
    active[e] = r;
    ++running_count;
  };
  size_t slots = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(call.max_in_flight), requests.size()));
  std::vector<size_t> free_slots;
  for (size_t s = 0; s < slots; ++s) start(s);
  std::map<CURL*, size_t> slot_of;
  for (size_t s = 0; s < slots; ++s) slot_of[h.easy[s]] = s;
  while (running_count > 0) {
    int still = 0;
    curl_multi_perform(h.multi, &still);
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(h.multi, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      CURL* e = m->easy_handle;
      Request* r = active[e];
      r->code = m->data.result;
      curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r->status);
      r->done = true;
      curl_multi_remove_handle(h.multi, e);
      active.erase(e);
      --running_count;
      if (next < requests.size()) start(slot_of[e]);
    }
    if (running_count > 0) curl_multi_poll(h.multi, nullptr, 0, 100, nullptr);
  }
  curl_slist_free_all(headers);
}

class Caller {
 public:
  explicit Caller(RemoteCall call) : call_(std::move(call)) {
    // A JSON string is a Python literal of the same string (bigframes sends repr(label)).
    for (const auto& name : call_.row_names) row_literals_.push_back(json(name).dump());
  }

  void operator()(ArrowSchema* args_schema, ArrowArray* args, ArrowSchema* result_schema, ArrowArray* result) {
    auto rows = static_cast<size_t>(args->length);
    std::vector<json> columns =
        wire::columns_to_json(wire::arrow_columns(call_.arg_types, *args_schema, *args, 0, args->length));
    size_t per = call_.max_batching_rows > 0 ? static_cast<size_t>(call_.max_batching_rows) : std::max<size_t>(rows, 1);
    std::vector<Request> requests;
    for (size_t first = 0; first < rows; first += per) {
      Request r;
      r.first = first;
      r.rows = std::min(per, rows - first);
      json calls = json::array();
      for (size_t i = first; i < first + r.rows; ++i) {
        json row = json::array();
        if (call_.row_input) {
          row.push_back(wire::row_to_json(row_literals_, call_.arg_types, columns, i));
        } else {
          for (auto& col : columns) row.push_back(std::move(col[i]));
        }
        calls.push_back(std::move(row));
      }
      json body = {{"requestId", request_id()},
                   {"caller", "cormorant"},
                   {"sessionUser", ""},
                   {"calls", std::move(calls)}};
      if (!call_.user_defined_context.empty()) body["userDefinedContext"] = json::parse(call_.user_defined_context);
      r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
      requests.push_back(std::move(r));
    }
    std::string url = this->url(false);
    std::vector<Request*> pending;
    for (auto& r : requests) pending.push_back(&r);
    for (int attempt = 1; !pending.empty(); ++attempt) {
      send_all(call_, url, pending);
      std::vector<Request*> again;
      for (Request* r : pending) {
        if (r->code == CURLE_OK && r->status == 200) continue;
        if (!retryable(*r) || attempt >= call_.max_attempts) fail(*r, attempt, url);
        r->done = false;
        again.push_back(r);
      }
      pending.swap(again);
      if (pending.empty()) break;
      bool unreachable = std::any_of(pending.begin(), pending.end(), [](Request* r) {
        return r->code == CURLE_COULDNT_CONNECT || r->code == CURLE_GOT_NOTHING || r->code == CURLE_RECV_ERROR ||
               r->code == CURLE_SEND_ERROR;
      });
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(2000, 50 << (attempt - 1))));
      if (unreachable) url = this->url(true);
    }
    json replies = json::array();
    auto& all = replies.get_ref<json::array_t&>();
    all.reserve(rows);
    for (auto& r : requests) {
      json j;
      try {
        j = json::parse(r.response);
      } catch (const json::parse_error&) {
        throw RemoteFunctionError("remote function " + call_.routine_id + " answered malformed JSON: " +
                                      r.response.substr(0, 200),
                                  call_.routine_id, static_cast<int>(r.status), "malformed JSON reply");
      }
      if (!j.is_object() || !j.contains("replies") || !j["replies"].is_array() || j["replies"].size() != r.rows) {
        throw RemoteFunctionError("remote function " + call_.routine_id + " answered " +
                                      (j.is_object() && j.contains("replies") && j["replies"].is_array()
                                           ? std::to_string(j["replies"].size()) + " replies"
                                           : std::string("no \"replies\" list")) +
                                      " to a request of " + std::to_string(r.rows) + " calls",
                                  call_.routine_id, static_cast<int>(r.status), "wrong number of replies");
      }
      for (auto& v : j["replies"]) all.push_back(std::move(v));
    }
    std::optional<wire::Column> column;
    try {
      column = wire::json_values_to_column(replies, call_.result_type);
    } catch (const InvalidArgumentError& e) {
      throw RemoteFunctionError("remote function " + call_.routine_id + " answered a value of the wrong type: " +
                                    e.what() + " (declared " + std::string(dtype_name(call_.result_type)) + ")",
                                call_.routine_id, 200, e.what());
    }
    wire::to_arrow(std::move(*column), result_schema, result);
  }

 private:
  std::string url(bool retry) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (url_.empty() || retry) url_ = call_.url(retry);
    return url_;
  }

  /// Unique among every process calling the function (Spark's executors each run a caller).
  std::string request_id() { return call_.routine_id + "-" + instance_ + "-" + std::to_string(++requests_); }

  [[noreturn]] void fail(const Request& r, int attempts, const std::string& url) {
    std::string message = error_message_of(r);
    std::string what = r.code != CURLE_OK ? "could not be reached at " + url + " (" + message + ")"
                                          : "answered HTTP " + std::to_string(r.status) + ": " + message;
    throw RemoteFunctionError("remote function " + call_.routine_id + " " + what +
                                  (attempts > 1 ? " (after " + std::to_string(attempts) + " attempts)" : ""),
                              call_.routine_id, static_cast<int>(r.code != CURLE_OK ? 0 : r.status), message);
  }

  RemoteCall call_;
  std::vector<std::string> row_literals_;  ///< the row's labels as Python literals
  std::mutex mutex_;
  std::string url_;
  std::atomic<int64_t> requests_{0};
  std::string instance_ = [] {
    std::random_device random;
    char text[17];
    std::snprintf(text, sizeof text, "%08x%08x", random(), random());
    return std::string(text);
  }();
};

}  // namespace

std::shared_ptr<ScalarUdf> remote_udf(RemoteCall call, std::string engine_name) {
  auto udf = std::make_shared<ScalarUdf>();
  udf->engine_name = std::move(engine_name);
  udf->arg_types = call.arg_types;
  udf->result_type = call.result_type;
  udf->portable = [call] { return portable_remote(call); };
  auto caller = std::make_shared<Caller>(std::move(call));
  udf->call = [caller](ArrowSchema* s, ArrowArray* a, ArrowSchema* rs, ArrowArray* ra) { (*caller)(s, a, rs, ra); };
  return udf;
}

}  // namespace cormorant::functions
