#pragma once
/// Persistent Python worker processes that run stored routines on batches of rows, so that
/// CPU-heavy functions scale with cores (one interpreter per worker, no shared GIL) and C++
/// programs, which have no interpreter, can run Python routines. Each worker is
/// `<python> -m cormorant._worker`, talking over a socket pair on its stdin and stdout; a
/// routine's code is loaded into a worker once. The framing of requests and replies is
/// documented in python/cormorant/_worker.py; their batches are Arrow IPC streams
/// (functions/wire.hpp).
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cormorant/common/udf.hpp"

namespace cormorant::functions {

/// What a worker needs to load and run a routine.
struct WorkerRoutine {
  std::string routine_id;
  std::string source, entry_point, code_hash;
  std::vector<DType> arg_types;
  /// The function takes a row as a pandas Series with these labels (DataFrame.apply).
  bool row_input = false;
  std::vector<std::string> row_names;
  bool row_names_literal = false;  ///< row_names are Python literals of the labels (repr)
  DType result_type = DType::Int64;
  int64_t max_batching_rows = 0;
};

/// How many workers one routine may use at once (its workers=N), shared by the engine threads
/// calling it: a counting semaphore.
class WorkerSlots {
 public:
  explicit WorkerSlots(int n) : free_(n) {}
  void acquire();      ///< waits for a free slot
  bool try_acquire();  ///< takes a free slot if any
  void release();

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  int free_;
};

/// A pool of worker processes running one Python executable.
class WorkerPool {
 public:
  /// Starts no process yet; at most `size` workers run at once.
  WorkerPool(std::string python, int size);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// The pool of this process for `python` (CORMORANT_PYTHON, else "python3", when empty),
  /// grown to at least `size` workers. Its calls never wait for their first worker: when all
  /// are busy (say, in a query blocked inside a function), one more starts for the call and
  /// stops after it, so one query's calls never hold up another's.
  static std::shared_ptr<WorkerPool> shared(const std::string& python, int size);

  /// Runs `routine` over `args` (a struct array, one child per argument) and moves the result
  /// (a struct array with one child) into `result`/`result_schema`, on up to `slots` workers at
  /// once (the first is waited for, the others taken while free). The rows are dealt out in
  /// pieces to whichever held worker is free (guided: large pieces first, smaller ones near
  /// the end, none shorter than about kPieceSeconds of the routine's measured cost), so a slow
  /// or descheduled worker delays no other; a worker with nothing left to do is released at
  /// once for the other engine threads. The pieces' results are joined in row order. Throws
  /// UdfExecutionError when the function raised (naming the first failing row of the chunk)
  /// or a worker died (the worker is then replaced).
  void call(const WorkerRoutine& routine, ArrowSchema* args_schema, ArrowArray* args, ArrowSchema* result_schema,
            ArrowArray* result, WorkerSlots& slots);
  /// The fewest rows a piece of a call has (but the last).
  static constexpr int64_t kMinRowsPerCall = 256;
  /// The shortest piece, in seconds of the routine's measured cost per row.
  static constexpr double kPieceSeconds = 0.002;

  /// What one worker process has computed since the pool started (or reset_stats).
  struct WorkerStats {
    int64_t pid = 0;
    int64_t calls = 0, rows = 0;
    double busy_seconds = 0;  ///< from sending a call to reading its reply
  };
  /// Every worker's counts, current and past ones (by process id).
  std::vector<WorkerStats> stats() const;
  void reset_stats();

  /// What a call of a batch in IPC form gave.
  struct Outcome {
    enum Status { Ok, Failed, WorkerDied, TimedOut } status = Ok;
    /// Ok: the result batch; Failed: the worker's JSON {message, traceback, row}; else a message.
    std::string payload;
  };
  /// Runs `routine` over `batch` (`rows` rows, an Arrow IPC stream). A worker that dies
  /// or runs past `timeout` (0: none) is stopped and replaced by the next call. `context` (a
  /// JSON object, "" for none) is the request's userDefinedContext, which the function reads
  /// with cormorant.remote.user_defined_context() while it runs.
  Outcome run(const WorkerRoutine& routine, const std::string& batch, int64_t rows,
              std::chrono::milliseconds timeout = std::chrono::milliseconds(0), const std::string& context = "");
  /// Stops the workers not running a call (scaling to zero).
  void stop_idle();
  /// Workers started (idle or busy).
  int running() const;
  int size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A ScalarUdf named `engine_name` that runs `routine` in `pool`, in at most `workers` worker
/// processes at once (each engine chunk split across those free).
std::shared_ptr<ScalarUdf> worker_udf(std::shared_ptr<WorkerPool> pool, WorkerRoutine routine, std::string engine_name,
                                      int workers);

}  // namespace cormorant::functions
