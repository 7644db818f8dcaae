#include "cormorant/functions/worker_pool.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "cormorant/common/error.hpp"
#include "cormorant/functions/portable.hpp"
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
      if (WIFSIGNALED(status)) {
        why = "was killed by signal " + std::to_string(WTERMSIG(status));
        // What the kernel's out-of-memory killer (and a cgroup's memory limit) sends.
        if (WTERMSIG(status) == SIGKILL) why += " (SIGKILL: out of memory, or killed)";
      }
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

/// What a worker knows a loaded routine by: its id (which its errors name; sessions give the
/// same code different ids), code and signature, the row labels it is called with and its
/// bound on the rows of a call.
std::string routine_key(const WorkerRoutine& r) {
  json signature = json::array({r.routine_id});
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
  /// A call never waits for its first worker: with every worker busy (another query's call
  /// may block for long), one more starts, and stops when the call gives it back. Else (the
  /// function service's pools, `size` its instance limit) it waits for a free one.
  bool elastic = false;

  /// A worker for one call: an idle one, a new one while fewer than `size` run, else waits
  /// (an elastic pool starts one more instead).
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
      if (wait && !elastic) idle_changed.wait(lock, [&] { return !idle.empty() || running < size; });
      while (!idle.empty()) {
        auto w = std::move(idle.back());
        idle.pop_back();
        if (w->alive()) return w;
        --running;
      }
      if (running < size || (wait && elastic)) break;
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

  /// Returns a worker after a call (nullptr: it died and is not replaced until needed). An
  /// elastic pool stops a worker started past its size.
  void give_back(std::unique_ptr<Worker> w) {
    std::unique_lock<std::mutex> lock(mutex);
    if (w && !(elastic && running > size)) {
      idle.push_back(std::move(w));
    } else {
      --running;
    }
    idle_changed.notify_one();
    lock.unlock();
    w.reset();  // (an extra worker reads EOF and exits)
  }

  /// One call in flight on a worker: sent, its reply not read yet.
  struct Pending {
    std::unique_ptr<Worker> worker;
    bool loaded = false;  ///< the worker had the routine loaded before this call
    bool sent = false;
    int64_t rows = 0;
    size_t piece = 0;  ///< its place among the pieces of a call
    std::chrono::steady_clock::time_point sent_at;
  };

  std::map<int64_t, WorkerPool::WorkerStats> stats;  ///< by process id
  std::map<std::string, double> costs;               ///< seconds per row, by routine key

  double cost(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = costs.find(key);
    return it == costs.end() ? 0 : it->second;
  }

  /// Sends a call of `routine` (known to workers as `key`) over `batch` to worker `w`.
  Pending send(std::unique_ptr<Worker> w, const WorkerRoutine& routine, const std::string& key,
                   const std::string& batch, int64_t rows, const std::string& context) {
    Pending p;
    p.loaded = w->loaded.count(key) > 0;
    std::string request = p.loaded ? "" : load_request(routine);
    request += call_frame(key, batch, context);
    p.sent_at = std::chrono::steady_clock::now();
    p.sent = send_all(w->fd, request);
    p.worker = std::move(w);
    p.rows = rows;
    return p;
  }

  /// Reads the reply of a call sent. The worker stays in `p`, or is gone (nullptr) when it
  /// died or ran past `timeout` (it is then replaced by a later take).
  WorkerPool::Outcome receive(Pending& p, const WorkerRoutine& routine, const std::string& key,
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
    if (status == 'E' && json::parse(out.payload, nullptr, false).value("retire", false)) {
      // The function ran out of memory (MemoryError): the worker may be left in a bad state
      // (a limit reached, a heap grown), so it is replaced.
      w->stop();
      w.reset();
      give_back(nullptr);
      out.status = WorkerPool::Outcome::Failed;
      return out;
    }
    w->loaded.insert(key);
    double busy = std::chrono::duration<double>(std::chrono::steady_clock::now() - p.sent_at).count();
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto& st = stats[w->pid];
      st.pid = w->pid;
      st.calls += 1;
      st.rows += p.rows;
      st.busy_seconds += busy;
      if (p.loaded && p.rows > 0) {  // the first call of a worker also loads the routine
        double& c = costs[key];
        c = c == 0 ? busy / p.rows : 0.75 * c + 0.25 * busy / p.rows;
      }
    }
    out.status = status == 'E' ? WorkerPool::Outcome::Failed : WorkerPool::Outcome::Ok;
    return out;
  }
};

void WorkerSlots::acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  freed_.wait(lock, [&] { return free_ > 0; });
  --free_;
}

bool WorkerSlots::try_acquire() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (free_ <= 0) return false;
  --free_;
  return true;
}

void WorkerSlots::release() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++free_;
  }
  freed_.notify_one();
}

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
  if (!pool) {
    pool = std::make_shared<WorkerPool>(exe, size);
    pool->impl_->elastic = true;
  }
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
  Impl::Pending p = impl_->send(impl_->take(), routine, key, batch, rows, context);
  Outcome out = impl_->receive(p, routine, key, timeout);
  if (p.worker) impl_->give_back(std::move(p.worker));
  return out;
}

namespace {

/// The index of a call in `flying` whose worker answered (or hung up).
size_t wait_any(const std::vector<std::unique_ptr<Worker>*>& flying) {
  std::vector<pollfd> fds;
  for (auto* w : flying) fds.push_back({(*w)->fd, POLLIN, 0});
  while (true) {
    int rc = ::poll(fds.data(), fds.size(), -1);
    if (rc > 0) {
      for (size_t i = 0; i < fds.size(); ++i) {
        if (fds[i].revents != 0) return i;
      }
    }
    if (rc < 0 && errno != EINTR) return 0;  // the read reports the error
  }
}

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

}  // namespace

void WorkerPool::call(const WorkerRoutine& routine, ArrowSchema* args_schema, ArrowArray* args,
                      ArrowSchema* result_schema, ArrowArray* result, WorkerSlots& slots) {
  const int64_t rows = args->length;
  const std::string key = routine_key(routine);
  // The shortest piece: kPieceSeconds at the routine's measured cost (cheap routines are not
  // split: a piece costs a round trip); never measured, the rows are split evenly over the
  // workers held at first. A call holds no more workers than it has shortest pieces.
  const double cost = impl_->cost(key);
  const int64_t shortest =
      cost > 0 ? std::max<int64_t>(kMinRowsPerCall, static_cast<int64_t>(std::ceil(kPieceSeconds / cost)))
               : kMinRowsPerCall;
  const int64_t useful = std::max<int64_t>(1, rows / shortest);

  std::vector<Impl::Pending> flying;              // calls in flight, one per worker
  std::vector<std::unique_ptr<Worker>> ready;     // held workers with no call
  std::vector<std::pair<int64_t, Outcome>> done;  // by piece: its rows, its outcome
  int64_t held = 0, next = 0;                     // workers held (one slot each); the first row not dealt out
  bool failed = false;
  // However the call ends, held workers go back (those with a call in flight are stopped).
  struct Giveback {
    Impl& pool;
    WorkerSlots& slots;
    std::vector<Impl::Pending>& flying;
    std::vector<std::unique_ptr<Worker>>& ready;
    ~Giveback() {
      for (auto& w : ready) {
        pool.give_back(std::move(w));
        slots.release();
      }
      for (auto& p : flying) {
        p.worker.reset();
        pool.give_back(nullptr);
        slots.release();
      }
    }
  } giveback{*impl_, slots, flying, ready};
  auto hire = [&](bool wait) {
    if (wait) {
      slots.acquire();
    } else if (!slots.try_acquire()) {
      return false;
    }
    std::unique_ptr<Worker> w;
    try {
      w = wait ? impl_->take() : impl_->try_take();
    } catch (...) {
      slots.release();
      throw;
    }
    if (!w) {
      slots.release();
      return false;
    }
    ready.push_back(std::move(w));
    ++held;
    return true;
  };
  hire(true);
  while (held < useful && hire(false)) {
  }
  while (true) {
    // Deal pieces in row order to the free workers: guided (a share of what is left, so the
    // workers finish together), at least `shortest` rows and no crumb left behind; a lone
    // worker gets all that is left (a split would only add round trips).
    while (!failed && !ready.empty() && (next < rows || done.empty())) {
      int64_t left = rows - next;
      int64_t n = held == 1 ? left
                  : cost > 0 ? std::max(shortest, ceil_div(left, 2 * held))
                             : ceil_div(left, static_cast<int64_t>(ready.size()));
      if (left - n < shortest / 2) n = left;
      n = std::min(n, left);
      std::string batch = wire::encode_batch(routine.arg_types, *args_schema, *args, next, n);
      flying.push_back(impl_->send(std::move(ready.back()), routine, key, batch, n, ""));
      ready.pop_back();
      flying.back().piece = done.size();
      done.emplace_back(n, Outcome{});
      next += n;
    }
    // A worker with nothing left to do goes back at once, for the other engine threads.
    for (auto& w : ready) {
      impl_->give_back(std::move(w));
      slots.release();
      --held;
    }
    ready.clear();
    if (flying.empty()) break;
    std::vector<std::unique_ptr<Worker>*> fds;
    for (auto& p : flying) fds.push_back(&p.worker);
    size_t i = wait_any(fds);
    Impl::Pending p = std::move(flying[i]);
    flying.erase(flying.begin() + static_cast<std::ptrdiff_t>(i));
    Outcome out = impl_->receive(p, routine, key, std::chrono::milliseconds(0));
    failed = failed || out.status != Outcome::Ok;  // then nothing more is dealt out
    done[p.piece].second = std::move(out);
    if (p.worker) {
      ready.push_back(std::move(p.worker));
    } else {
      slots.release();
      --held;
    }
    while (!failed && next < rows && held < useful && hire(false)) {
    }
  }
  std::vector<std::string> results;
  for (auto& [n, out] : done) {  // the first failure in row order
    if (out.status == Outcome::Failed) {
      json e = json::parse(out.payload);
      std::string replaced = e.value("retire", false) ? "; the worker process ran out of memory and was replaced" : "";
      throw UdfExecutionError(e.at("message").get<std::string>() + replaced, routine.routine_id,
                              e.at("traceback").get<std::string>(), e.at("row").dump());
    }
    if (out.status != Outcome::Ok) {
      throw UdfExecutionError(out.payload + "; the query failed and the worker was replaced", routine.routine_id);
    }
    results.push_back(std::move(out.payload));
  }
  wire::decode_result(results, routine.result_type, rows, result_schema, result);
}

std::vector<WorkerPool::WorkerStats> WorkerPool::stats() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<WorkerStats> out;
  for (const auto& [pid, st] : impl_->stats) out.push_back(st);
  return out;
}

void WorkerPool::reset_stats() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->stats.clear();
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
  auto slots = std::make_shared<WorkerSlots>(std::max(1, workers));
  udf->call = [pool, r, slots](ArrowSchema* s, ArrowArray* a, ArrowSchema* rs, ArrowArray* ra) {
    pool->call(*r, s, a, rs, ra, *slots);
  };
  udf->portable = [r] { return portable_routine(*r); };
  return udf;
}

}  // namespace cormorant::functions
