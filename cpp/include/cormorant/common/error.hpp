#pragma once
/// Typed errors. User errors (the caller's fault) carry a message that says what to do;
/// InternalError is our bug. Every boundary converts once: DuckDB -> these in engine/,
/// these -> Python exceptions in the binding.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace cormorant {

/// The category of an error; the Python binding maps each to one exception class.
enum class ErrorKind {
  InvalidArgument,  ///< a bad value for an argument (Python ValueError)
  ColumnNotFound,   ///< an unknown column label (Python KeyError)
  DType,            ///< an operation between incompatible dtypes (Python TypeError)
  FileNotFound,     ///< an input path that does not exist (Python FileNotFoundError)
  Parser,           ///< malformed input data such as a bad CSV row (Python ValueError)
  NotImplemented,   ///< a pandas feature cormorant does not support yet
  Execution,        ///< the engine failed while running a query (e.g. a failed cast)
  Internal,         ///< a bug in cormorant
  IndexOutOfBounds, ///< a position past either end (Python IndexError)
  LabelNotFound,    ///< an index label that is not there (Python KeyError)
  Unalignable,      ///< a boolean mask whose index does not cover the object's (pandas IndexingError)
  NullIndex,        ///< an operation that needs an index on an object with a NULL index
  OrderRequired,    ///< an operation that needs a row order on an unordered object (partial mode)
  NotFound,         ///< an unknown warehouse dataset or table (Python KeyError)
  AlreadyExists,    ///< writing over an existing table without if_exists (Python ValueError)
  QueryTooLarge,    ///< a query whose estimated bytes exceed maximum_bytes_billed
  TooManyPartitions,  ///< a table write that would pass max_partitions (Python ValueError)
  DataFileChanged,  ///< a table's data file changed, replaced or removed outside the catalog
  Overflow,         ///< an Int64 result out of range (Python OverflowError)
  FileWrite,        ///< an output path that cannot be written (Python OSError)
  CorruptTable,     ///< a table whose manifest cannot be read (Python ValueError)
  SessionActive,    ///< cleaning up a session that is still open (Python ValueError)
  PlanTooDeep,      ///< a plan or expression nested deeper than cormorant or the engine can compile
  Interrupted,      ///< a running query was interrupted (Session::interrupt, Ctrl-C in Python)
  UdfExecution,     ///< a user function raised, returned a wrong type, or its worker died
  RemoteFunction,   ///< a remote function's service refused or failed a request (after retries)
  UdfDefinition,    ///< a function that cannot be (or be loaded as) a routine, e.g. code not matching its hash
  EngineConnection, ///< a remote engine (Spark) that cannot be reached, or went away (Python ConnectionError)
};

/// Base class of every exception cormorant throws.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

#define CORMORANT_DEFINE_ERROR(Name, Kind)                                   \
  /** An Error of kind ErrorKind::Kind. */                                     \
  class Name : public Error {                                                \
   public:                                                                   \
    explicit Name(const std::string& message) : Error(ErrorKind::Kind, message) {} \
  };

CORMORANT_DEFINE_ERROR(InvalidArgumentError, InvalidArgument)
CORMORANT_DEFINE_ERROR(ColumnNotFoundError, ColumnNotFound)
CORMORANT_DEFINE_ERROR(DTypeError, DType)
CORMORANT_DEFINE_ERROR(FileNotFoundError, FileNotFound)
CORMORANT_DEFINE_ERROR(ParserError, Parser)
CORMORANT_DEFINE_ERROR(NotImplementedError, NotImplemented)
CORMORANT_DEFINE_ERROR(ExecutionError, Execution)
CORMORANT_DEFINE_ERROR(InternalError, Internal)
CORMORANT_DEFINE_ERROR(IndexOutOfBoundsError, IndexOutOfBounds)
CORMORANT_DEFINE_ERROR(LabelNotFoundError, LabelNotFound)
CORMORANT_DEFINE_ERROR(UnalignableError, Unalignable)
CORMORANT_DEFINE_ERROR(NullIndexError, NullIndex)
CORMORANT_DEFINE_ERROR(OrderRequiredError, OrderRequired)
CORMORANT_DEFINE_ERROR(NotFoundError, NotFound)
CORMORANT_DEFINE_ERROR(AlreadyExistsError, AlreadyExists)
CORMORANT_DEFINE_ERROR(QueryTooLargeError, QueryTooLarge)
CORMORANT_DEFINE_ERROR(TooManyPartitionsError, TooManyPartitions)
CORMORANT_DEFINE_ERROR(DataFileChangedError, DataFileChanged)
CORMORANT_DEFINE_ERROR(OverflowError, Overflow)
CORMORANT_DEFINE_ERROR(FileWriteError, FileWrite)
CORMORANT_DEFINE_ERROR(CorruptTableError, CorruptTable)
CORMORANT_DEFINE_ERROR(SessionActiveError, SessionActive)
CORMORANT_DEFINE_ERROR(PlanTooDeepError, PlanTooDeep)
CORMORANT_DEFINE_ERROR(InterruptedError, Interrupted)
CORMORANT_DEFINE_ERROR(UdfDefinitionError, UdfDefinition)
#undef CORMORANT_DEFINE_ERROR

/// Throws the Error subclass of `kind` (so callers catch it by class as well as by kind).
[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);

/// Errors raised inside a running query: compile/ makes the engine fail with a message that
/// starts with query_error_tag(kind), and engine/ turns that message back into the Error of
/// `kind` (parse_query_error), so a check that only the data can decide (a failed astype, an
/// overflowing sum) still speaks of the user's column.
std::string query_error_tag(ErrorKind kind);
/// The kind and message of a tagged query error found in an engine message, if any.
bool parse_query_error(std::string_view engine_message, ErrorKind& kind, std::string& message);

/// A user function failed while a query ran: it raised, returned a value of the wrong type,
/// or the worker process running it died. Says which routine, the function's traceback and
/// the input row (as JSON) where known.
class UdfExecutionError : public Error {
 public:
  UdfExecutionError(const std::string& message, std::string routine_id, std::string traceback = "",
                    std::string input_row_json = "null")
      : Error(ErrorKind::UdfExecution, message),
        routine_id_(std::move(routine_id)),
        traceback_(std::move(traceback)),
        input_row_json_(std::move(input_row_json)) {}
  const std::string& routine_id() const { return routine_id_; }
  const std::string& traceback() const { return traceback_; }
  const std::string& input_row_json() const { return input_row_json_; }

 private:
  std::string routine_id_, traceback_, input_row_json_;
};

/// A remote function failed: its service answered an error status (after the retries of
/// 429, 5xx and timeouts) or could not be reached (status 0). Carries the HTTP status and
/// the service's errorMessage.
class RemoteFunctionError : public Error {
 public:
  RemoteFunctionError(const std::string& message, std::string routine_id, int status, std::string error_message)
      : Error(ErrorKind::RemoteFunction, message),
        routine_id_(std::move(routine_id)),
        status_(status),
        error_message_(std::move(error_message)) {}
  const std::string& routine_id() const { return routine_id_; }
  int status() const { return status_; }
  const std::string& error_message() const { return error_message_; }

 private:
  std::string routine_id_;
  int status_;
  std::string error_message_;
};

/// A remote engine (the Spark engine's Spark Connect server) cannot be reached at its
/// address, or stopped answering: the message says what to start; `address` is the address.
class EngineConnectionError : public Error {
 public:
  EngineConnectionError(const std::string& message, std::string address)
      : Error(ErrorKind::EngineConnection, message), address_(std::move(address)) {}
  const std::string& address() const { return address_; }

 private:
  std::string address_;
};

}  // namespace cormorant

/// Checks an invariant of cormorant itself; failing it is our bug, not the user's.
#define CORMORANT_CHECK(cond, message)                                         \
  do {                                                                         \
    if (!(cond)) throw ::cormorant::InternalError(std::string("internal error: ") + (message)); \
  } while (0)
