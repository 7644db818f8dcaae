#include "cormorant/common/error.hpp"

namespace cormorant {

namespace {
constexpr std::string_view kTag = "cormorant-error#";
}  // namespace

void throw_error(ErrorKind kind, const std::string& message) {
  switch (kind) {
    case ErrorKind::InvalidArgument: throw InvalidArgumentError(message);
    case ErrorKind::ColumnNotFound: throw ColumnNotFoundError(message);
    case ErrorKind::DType: throw DTypeError(message);
    case ErrorKind::FileNotFound: throw FileNotFoundError(message);
    case ErrorKind::Parser: throw ParserError(message);
    case ErrorKind::NotImplemented: throw NotImplementedError(message);
    case ErrorKind::Execution: throw ExecutionError(message);
    case ErrorKind::Internal: throw InternalError(message);
    case ErrorKind::IndexOutOfBounds: throw IndexOutOfBoundsError(message);
    case ErrorKind::LabelNotFound: throw LabelNotFoundError(message);
    case ErrorKind::Unalignable: throw UnalignableError(message);
    case ErrorKind::NullIndex: throw NullIndexError(message);
    case ErrorKind::OrderRequired: throw OrderRequiredError(message);
    case ErrorKind::NotFound: throw NotFoundError(message);
    case ErrorKind::AlreadyExists: throw AlreadyExistsError(message);
    case ErrorKind::QueryTooLarge: throw QueryTooLargeError(message);
    case ErrorKind::TooManyPartitions: throw TooManyPartitionsError(message);
    case ErrorKind::DataFileChanged: throw DataFileChangedError(message);
    case ErrorKind::Overflow: throw OverflowError(message);
    case ErrorKind::FileWrite: throw FileWriteError(message);
    case ErrorKind::CorruptTable: throw CorruptTableError(message);
    case ErrorKind::SessionActive: throw SessionActiveError(message);
    case ErrorKind::PlanTooDeep: throw PlanTooDeepError(message);
    case ErrorKind::Interrupted: throw InterruptedError(message);
    case ErrorKind::UdfExecution: throw UdfExecutionError(message, "");
    case ErrorKind::RemoteFunction: throw RemoteFunctionError(message, "", 0, message);
    case ErrorKind::UdfDefinition: throw UdfDefinitionError(message);
    case ErrorKind::EngineConnection: throw EngineConnectionError(message, "");
  }
  throw InternalError(message);
}

std::string query_error_tag(ErrorKind kind) {
  return std::string(kTag) + std::to_string(static_cast<int>(kind)) + ":";
}

bool parse_query_error(std::string_view engine_message, ErrorKind& kind, std::string& message) {
  auto at = engine_message.find(kTag);
  if (at == std::string_view::npos) return false;
  std::string_view rest = engine_message.substr(at + kTag.size());
  auto colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  int k = 0;
  for (char c : rest.substr(0, colon)) {
    if (c < '0' || c > '9') return false;
    k = k * 10 + (c - '0');
  }
  if (k > 63) return false;  // tags are ours; a larger number is not one of them
  kind = static_cast<ErrorKind>(k);
  message = std::string(rest.substr(colon + 1));
  return true;
}

}  // namespace cormorant
