// Watching running queries: the installed InterruptCheck and ProgressReport, called between the
// engine tasks the calling thread runs, and a signal watcher that stops a query inside a long
// task (see QueryWatch in connection_impl.hpp).
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "connection_impl.hpp"
#include "cormorant/engine/engine.hpp"
#include "duckdb.h"

namespace cormorant::engine {

namespace {

std::atomic<InterruptCheck> interrupt_check{nullptr};
std::atomic<ProgressReport> progress_report{nullptr};
std::atomic<SignalWatch> signal_watch{nullptr};
std::atomic<int64_t> progress_after_ms{1000};

/// How often a running query calls the installed InterruptCheck and ProgressReport.
constexpr auto kPoll = std::chrono::milliseconds(50);

/// A thread that sleeps until signal_arrived() writes to its pipe, then interrupts the queries
/// registered with it. It costs a query nothing on the way (registering takes a lock, no
/// wake-up), and it lives as long as the process (never destroyed: a query may still run when
/// static objects go).
class SignalWatcher {
 public:
  static SignalWatcher& get() {
    static SignalWatcher* watcher = new SignalWatcher();
    return *watcher;
  }
  /// The write end of the pipe, or -1 before the watcher started (read by signal handlers).
  static std::atomic<int> write_fd;

  void add(detail::QueryWatch* watch) {
    std::lock_guard<std::mutex> lock(mutex_);
    running_.push_back(watch);
  }
  void remove(detail::QueryWatch* watch) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase(running_, watch);
  }

 private:
  SignalWatcher() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return;  // (then signals stop queries between tasks only)
    read_fd_ = fds[0];
    write_fd.store(fds[1]);
    std::thread([this] { serve(); }).detach();
  }
  void serve() {
    pollfd p{read_fd_, POLLIN, 0};
    bool stopping = false;  // a registered query was stopped: stop it again until it ends
    for (;;) {
      // (The engine forgets a stop when its next statement starts, so a query of several
      // statements is stopped again every 20 ms until it has ended.)
      int ready = poll(&p, 1, stopping ? 20 : -1);
      if (ready < 0) continue;  // (EINTR)
      char drained[64];
      while (read(read_fd_, drained, sizeof drained) > 0) {
      }
      std::lock_guard<std::mutex> lock(mutex_);
      stopping = false;
      for (detail::QueryWatch* w : running_) {
        if (ready > 0 || w->signalled()) {
          w->stop_for_signal();
          stopping = true;
        }
      }
    }
  }
  int read_fd_ = -1;
  std::mutex mutex_;
  std::vector<detail::QueryWatch*> running_;
};

std::atomic<int> SignalWatcher::write_fd{-1};

}  // namespace

void set_interrupt_check(InterruptCheck check) { interrupt_check.store(check); }
void set_progress_report(ProgressReport report, std::chrono::milliseconds after) {
  progress_after_ms.store(after.count());
  progress_report.store(report);
}
void set_signal_watch(SignalWatch watch) {
  if (watch) SignalWatcher::get();  // (started now, not inside a signal handler)
  signal_watch.store(watch);
}

void signal_arrived() noexcept {
  int fd = SignalWatcher::write_fd.load();
  if (fd < 0) return;
  char byte = 1;
  ssize_t written = write(fd, &byte, 1);  // (a full pipe already wakes the watcher)
  (void)written;
}

bool progress_installed() { return progress_report.load() != nullptr; }

namespace detail {

QueryWatch::QueryWatch(ConnectionState& state)
    : state_(state),
      check_(interrupt_check.load()),
      report_(state.follows_progress ? progress_report.load() : nullptr),
      started_(std::chrono::steady_clock::now()),
      next_poll_(started_ + kPoll),
      report_after_(std::chrono::milliseconds(progress_after_ms.load())) {
  SignalWatch watch = signal_watch.load();
  if (check_ && watch && watch()) {
    SignalWatcher::get().add(this);
    watched_ = true;
  }
}

QueryWatch::~QueryWatch() {
  if (watched_) SignalWatcher::get().remove(this);
}

bool QueryWatch::active() const { return check_ || report_; }

void QueryWatch::stop_for_signal() {
  signalled_ = true;
  duckdb_interrupt(state_.conn);
}

void QueryWatch::tick() {
  auto now = std::chrono::steady_clock::now();
  // (Once stopped, the statement ends with the engine's interrupt, and run_statements starts
  // no further one: nothing is left to check.)
  if (now < next_poll_ || interrupted_) return;
  next_poll_ = now + kPoll;
  if (check_ && check_()) {
    interrupted_ = true;
    duckdb_interrupt(state_.conn);
    return;
  }
  auto elapsed = now - started_;
  if (!report_ || elapsed < report_after_) return;
  // Without the engine's estimate (a query expected to be short), percent -1: the time alone.
  duckdb_query_progress_type p{-1, 0, 0};
  if (state_.estimates_progress) {
    p = duckdb_query_progress(state_.conn);
    if (p.percentage < 0) return;  // not started yet, or no estimate for this statement
  }
  last_ = {p.percentage, p.rows_processed, p.total_rows_to_process, std::chrono::duration<double>(elapsed).count(),
           false};
  report_(last_);
  reported_ = true;
}

void QueryWatch::finish(bool failed) {
  // A signal stopped the query inside a task: the check, on this thread, says what it was
  // (Python raises its KeyboardInterrupt here).
  if (signalled_.load() && !interrupted_) {
    if (check_) check_();
    interrupted_ = true;
  }
  if (reported_) {
    last_.finished = true;
    last_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (!failed && !interrupted_) {
      last_.percent = 100;
      last_.rows_done = std::max(last_.rows_done, last_.rows_total);
    }
    report_(last_);
  }
}

}  // namespace detail
}  // namespace cormorant::engine
