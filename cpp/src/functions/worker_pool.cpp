#include "cormorant/functions/worker_pool.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "cormorant/common/error.hpp"
#include "cormorant/functions/wire.hpp"

extern char** environ;

namespace cormorant::functions {

namespace {

using nlohmann::json;

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// -- worker processes -----------------------------------------------------------------------

/// One worker process and its end of the socket pair.
struct Worker {
  pid_t pid = -1;
  int fd = -1;
  std::set<std::string> loaded;  ///< keys (routine_key) of the routines it has loaded

  ~Worker() { stop(); }

  void stop() {
    if (fd >= 0) ::close(fd);  // the worker reads EOF and exits
    fd = -1;
    if (pid > 0) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
      }
    }
    pid = -1;
  }

  /// Whether the process still runs (a worker may die while idle: killed, out of memory).
  bool alive() {
    int status = 0;
    if (pid <= 0 || ::waitpid(pid, &status, WNOHANG) != 0) {
      pid = -1;
      return false;
    }
    return true;
  }

  /// Why the process ended, for messages ("was killed by signal 9", "exited with code 1").
  std::string death() {
    int status = 0;
    std::string why = "stopped answering";
    if (pid > 0 && ::waitpid(pid, &status, 0) == pid) {
      if (WIFSIGNALED(status)) why = "was killed by signal " + std::to_string(WTERMSIG(status));
      if (WIFEXITED(status)) why = "exited with code " + std::to_string(WEXITSTATUS(status));
      pid = -1;
    }
    return why;
  }
};

std::unique_ptr<Worker> spawn(const std::string& python) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    throw ExecutionError(std::string("cannot start a function worker: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  std::vector<std::string> argv_s{python, "-m", "cormorant._worker"};
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto w = std::make_unique<Worker>();
  int rc = ::posix_spawnp(&w->pid, python.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    w->pid = -1;
    throw ExecutionError("cannot start a function worker '" + python + "': " + std::strerror(rc) +
                         "; set CORMORANT_PYTHON to a Python with cormorant installed");
  }
  w->fd = fds[0];
  return w;
}

bool send_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

/// Whether `fd` has data (or EOF) within `timeout`.
bool wait_readable(int fd, std::chrono::milliseconds timeout) {
  pollfd p{fd, POLLIN, 0};
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc > 0) return true;
    if (rc == 0) return false;
    if (errno != EINTR) return true;  // the read reports the error
  }
}

bool recv_all(int fd, char* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::recv(fd, out + done, size - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string frame(char op, const std::string& payload) {
  std::string out(1, op);
  put<uint64_t>(out, payload.size());
  return out + payload;
}

/// What a worker knows a loaded routine by: its code and signature, the row labels it is
/// called with and its bound on the rows of a call.
std::string routine_key(const WorkerRoutine& r) {
  json signature = json::array();
  for (const DType& d : r.arg_types) signature.push_back(std::string(dtype_name(d)));
  signature.push_back(std::string(dtype_name(r.result_type)));
  return r.code_hash + signature.dump() + (r.row_input ? json(r.row_names).dump() + (r.row_names_literal ? "L" : "") : "") +
         (r.max_batching_rows > 0 ? "/" + std::to_string(r.max_batching_rows) : "");
}

std::string load_request(const WorkerRoutine& r) {
  json j = {{"key", routine_key(r)}, {"routine_id", r.routine_id}, {"source", r.source}, {"entry_point", r.entry_point},
            {"code_hash", r.code_hash},   {"row_input", r.row_input},   {"row_names", r.row_names},
            {"row_names_literal", r.row_names_literal},
            {"result_type", std::string(dtype_name(r.result_type))}, {"max_batching_rows", r.max_batching_rows}};
  return frame('L', j.dump());
}

/// The 'C' frame calling the routine known to workers by `key` over `batch`.
std::string call_frame(const std::string& key, const std::string& batch, const std::string& context) {
  std::string call;
  put<uint32_t>(call, static_cast<uint32_t>(key.size()));
  call += key;
  put<uint32_t>(call, static_cast<uint32_t>(context.size()));
  call += context;
  call += batch;
  return frame('C', call);
}

}  // namespace

struct WorkerPool::Impl {
  std::string python;
  int size = 1;
  std::mutex mutex;
  std::condition_variable idle_changed;
  std::vector<std::unique_ptr<Worker>> idle;
  int running = 0;  ///< workers started (idle or busy)

  /// A worker for one call: an idle one, a new one while fewer than `size` run, else waits.
  /// Idle workers that died meanwhile are replaced, so they fail no query.
  std::unique_ptr<Worker> take() {
    std::unique_lock<std::mutex> lock(mutex);
    return take_locked(lock, true);
  }

  /// Like take(), but nullptr instead of waiting when every worker is busy.
  std::unique_ptr<Worker> try_take() {
    std::unique_lock<std::mutex> lock(mutex);
    return take_locked(lock, false);
  }

  std::unique_ptr<Worker> take_locked(std::unique_lock<std::mutex>& lock, bool wait) {
    while (true) {
      if (wait) idle_changed.wait(lock, [&] { return !idle.empty() || running < size; });
      while (!idle.empty()) {
        auto w = std::move(idle.back());
        idle.pop_back();
        if (w->alive()) return w;
        --running;
      }
      if (running < size) break;
      if (!wait) return nullptr;
    }
    ++running;
    lock.unlock();
    try {
      return spawn(python);
    } catch (...) {
      give_back(nullptr);
      throw;
    }
  }

  /// Returns a worker after a call (nullptr: it died and is not replaced until needed).
  void give_back(std::unique_ptr<Worker> w) {
    std::lock_guard<std::mutex> lock(mutex);
    if (w) {
      idle.push_back(std::move(w));
    } else {
      --running;
    }
    idle_changed.notify_one();
  }

  /// One call in flight on a worker: sent, its reply not read yet.
  struct Pending {
    std::unique_ptr<Worker> worker;
    bool loaded = false;  ///< the worker had the routine loaded before this call
    bool sent = false;
    int64_t rows = 0;
  };

  /// Sends a call of `routine` (known to workers as `key`) over `batch` to worker `w`.
  Pending send(std::unique_ptr<Worker> w, const WorkerRoutine& routine, const std::string& key,
                   const std::string& batch, int64_t rows, const std::string& context) {
    Pending p;
    p.loaded = w->loaded.count(key) > 0;
    std::string request = p.loaded ? "" : load_request(routine);
    request += call_frame(key, batch, context);
    p.sent = send_all(w->fd, request);
    p.worker = std::move(w);
    p.rows = rows;
    return p;
  }

  /// Reads the reply of a call sent; the worker goes back to the pool (or is replaced).
  WorkerPool::Outcome receive(Pending p, const WorkerRoutine& routine, const std::string& key,
                                std::chrono::milliseconds timeout) {
    std::unique_ptr<Worker>& w = p.worker;
    char status = 0;
    uint64_t size = 0;
    WorkerPool::Outcome out;
    // A worker that still has to start and load the routine gets time for that too.
    auto wait = timeout;
    if (!p.loaded && timeout.count() > 0) wait += std::chrono::seconds(30);
    bool timed_out = false;
    auto recv = [&](char* data, size_t n) {
      if (wait.count() > 0 && !wait_readable(w->fd, wait)) {
        timed_out = true;
        return false;
      }
      return recv_all(w->fd, data, n);
    };
    bool ok = p.sent && recv(&status, 1) && recv_all(w->fd, reinterpret_cast<char*>(&size), sizeof size);
    if (ok) {
      out.payload.resize(size);
      ok = recv_all(w->fd, out.payload.data(), size);
    }
    if (!ok) {
      if (timed_out) {
        w->stop();  // a worker busy past the deadline is stopped; the next call starts another
        out.status = WorkerPool::Outcome::TimedOut;
        out.payload = "the function ran longer than its timeout of " + std::to_string(timeout.count() / 1000.0).substr(0, 5) +
                      " s on a batch of " + std::to_string(p.rows) + " rows";
      } else {
        out.status = WorkerPool::Outcome::WorkerDied;
        out.payload = "the worker process running UDF " + routine.routine_id + " " + w->death() +
                      " while computing a batch of " + std::to_string(p.rows) + " rows";
      }
      w.reset();
      give_back(nullptr);
      return out;
    }
    w->loaded.insert(key);
    give_back(std::move(w));
    out.status = status == 'E' ? WorkerPool::Outcome::Failed : WorkerPool::Outcome::Ok;
    return out;
  }
};

WorkerPool::WorkerPool(std::string python, int size) : impl_(std::make_unique<Impl>()) {
  impl_->python = std::move(python);
  impl_->size = std::max(1, size);
}

WorkerPool::~WorkerPool() = default;

int WorkerPool::size() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->size;
}

std::shared_ptr<WorkerPool> WorkerPool::shared(const std::string& python, int size) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<WorkerPool>> pools;
  std::string exe = python;
  if (exe.empty()) {
    const char* env = std::getenv("CORMORANT_PYTHON");
    exe = env && *env ? env : "python3";
  }
  std::lock_guard<std::mutex> lock(mutex);
  auto& pool = pools[exe];
  if (!pool) pool = std::make_shared<WorkerPool>(exe, size);
  {
    std::lock_guard<std::mutex> l(pool->impl_->mutex);
    pool->impl_->size = std::max(pool->impl_->size, size);
  }
  pool->impl_->idle_changed.notify_all();
  return pool;
}


WorkerPool::Outcome WorkerPool::run(const WorkerRoutine& routine, const std::string& batch, int64_t rows,
                                    std::chrono::milliseconds timeout, const std::string& context) {
  std::string key = routine_key(routine);
  return impl_->receive(impl_->send(impl_->take(), routine, key, batch, rows, context), routine, key, timeout);
}

void WorkerPool::call(const WorkerRoutine& routine, ArrowSchema* args_schema, ArrowArray* args,
                      ArrowSchema* result_schema, ArrowArray* result, int parallel) {
  int64_t rows = args->length;
  std::string key = routine_key(routine);
  // The rows go to as many free workers as `parallel` allows (at least kMinRowsPerCall rows
  // each), all computing at once: a chunk from one engine thread uses every core. Only the
  // first worker is waited for; the others are taken when free, so that callers holding a
  // worker never wait for one another.
  int64_t parts = std::max<int64_t>(1, std::min<int64_t>(parallel, rows / kMinRowsPerCall));
  std::vector<std::unique_ptr<Worker>> workers;
  workers.push_back(impl_->take());
  while (static_cast<int64_t>(workers.size()) < parts) {
    auto w = impl_->try_take();
    if (!w) break;
    workers.push_back(std::move(w));
  }
  parts = static_cast<int64_t>(workers.size());
  std::vector<Impl::Pending> pending;
  for (int64_t k = 0; k < parts; ++k) {
    int64_t start = rows * k / parts, end = rows * (k + 1) / parts;
    std::string batch;
    wire::encode_batch(batch, routine.arg_types, *args_schema, *args, start, end - start);
    pending.push_back(impl_->send(std::move(workers[static_cast<size_t>(k)]), routine, key, batch, end - start, ""));
  }
  std::vector<Outcome> outcomes;
  for (auto& p : pending) outcomes.push_back(impl_->receive(std::move(p), routine, key, std::chrono::milliseconds(0)));
  std::vector<std::string> results;
  for (auto& out : outcomes) {  // the first failure in row order
    if (out.status == Outcome::Failed) {
      json e = json::parse(out.payload);
      throw UdfExecutionError(e.at("message").get<std::string>(), routine.routine_id,
                              e.at("traceback").get<std::string>(), e.at("row").dump());
    }
    if (out.status != Outcome::Ok) {
      throw UdfExecutionError(out.payload + "; the query failed and the worker was replaced", routine.routine_id);
    }
    results.push_back(std::move(out.payload));
  }
  std::string all = results.size() == 1 ? std::move(results[0]) : wire::concat_batches(results, routine.result_type);
  wire::decode_result(all, routine.result_type, rows, result_schema, result);
}

void WorkerPool::stop_idle() {
  std::vector<std::unique_ptr<Worker>> stopping;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->running -= static_cast<int>(impl_->idle.size());
    stopping.swap(impl_->idle);
  }
  stopping.clear();  // each worker reads EOF and exits
}

int WorkerPool::running() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->running;
}

std::shared_ptr<ScalarUdf> worker_udf(std::shared_ptr<WorkerPool> pool, WorkerRoutine routine, std::string engine_name,
                                      int workers) {
  auto udf = std::make_shared<ScalarUdf>();
  udf->engine_name = std::move(engine_name);
  udf->arg_types = routine.arg_types;
  udf->result_type = routine.result_type;
  auto r = std::make_shared<const WorkerRoutine>(std::move(routine));
  // At most `workers` calls of this function at once, whatever the pool's size (the pool of a
  // Python is shared by every routine and grows to the largest number asked for).
  struct Slots {
    std::mutex mutex;
    std::condition_variable freed;
    int free = 1;
  };
  auto slots = std::make_shared<Slots>();
  slots->free = std::max(1, workers);
  udf->call = [pool, r, slots](ArrowSchema* s, ArrowArray* a, ArrowSchema* rs, ArrowArray* ra) {
    int held = 0;
    {
      std::unique_lock<std::mutex> lock(slots->mutex);
      slots->freed.wait(lock, [&] { return slots->free > 0; });
      held = slots->free;  // all free slots: the chunk is split across them
      slots->free = 0;
    }
    struct Release {
      Slots& s;
      int n;
      ~Release() {
        {
          std::lock_guard<std::mutex> lock(s.mutex);
          s.free += n;
        }
        s.freed.notify_all();
      }
    } release{*slots, held};
    pool->call(*r, s, a, rs, ra, held);
  };
  return udf;
}

}  // namespace cormorant::functions
