/// User functions applied to rows (DataFrame.apply(axis=1)); Series::call applies them to
/// one or two Series.
#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/functions/portable.hpp"
#include "cormorant/functions/service.hpp"
#include "cormorant/functions/worker_pool.hpp"
#include "cormorant/session/udf.hpp"
#include "cormorant/session/session.hpp"
#include "plan_helpers.hpp"
#include "remote.hpp"

namespace cormorant {

Series DataFrame::call_rows(const std::string& function, std::vector<Value> params) const {
  std::vector<plan::ExprPtr> args;
  for (const auto& c : value_columns()) args.push_back(api_detail::column_of(plan_, c.id));
  return Series(ctx_, plan_, index_, default_index_,
                std::make_shared<plan::FunctionExpr>(function, std::move(args), std::move(params)), std::nullopt);
}

namespace {

/// "dataset.name" of a routine, checked.
std::pair<std::string, std::string> parse_routine_id(const std::string& id) {
  try {
    return storage::parse_table_id(id);
  } catch (const InvalidArgumentError&) {
    throw InvalidArgumentError("invalid routine id '" + id + "': write it as \"dataset.name\" (letters, digits "
                               "and underscores, not starting with a digit)");
  }
}

}  // namespace

bool Session::create_routine(RoutineInfo& info) const {
  if (info.dataset.empty()) info.dataset = storage::anonymous_dataset(ctx_->id());
  info.code_hash = storage::code_hash(info.source);
  if (info.identity.empty()) info.identity = storage::routine_identity(info);
  if (info.name.empty()) info.name = "cormorant_" + info.identity.substr(0, 16);
  info.creator_session = ctx_->id();
  info.created.clear();
  if (ctx_->warehouse().empty()) return true;  // an in-memory session keeps no routines
  return ctx_->catalog().put_routine(info);
}

RoutineInfo Session::describe_routine(const std::string& routine_id) const {
  auto [dataset, name] = parse_routine_id(routine_id);
  return ctx_->catalog().routine(dataset, name);
}

RoutineInfo Session::read_routine(const std::string& routine_id) const {
  RoutineInfo info = describe_routine(routine_id);
  if (!info.source.empty()) storage::check_code_hash(info);
  return info;
}

std::vector<std::string> Session::list_routines(const std::string& dataset) const {
  return ctx_->catalog().routines(dataset);
}

void Session::delete_routine(const std::string& routine_id) const {
  auto [dataset, name] = parse_routine_id(routine_id);
  RoutineInfo info = ctx_->catalog().routine(dataset, name);
  ctx_->catalog().drop_routine(dataset, name);
  if (info.deployed) functions::undeploy(ctx_->catalog().root(), info.id());
}

}  // namespace cormorant

namespace cormorant {

Function Session::read_function(const std::string& routine_id, int workers, std::string python) const {
  RoutineInfo info = read_routine(routine_id);
  if (info.remote()) {
    return Function(info, ctx_->catalog().root(), ctx_->catalog().connection_token(info.connection), python);
  }
  if (info.language != "python") {
    throw InvalidArgumentError("routine '" + routine_id + "' is written in " + info.language + ", not Python");
  }
  return Function(std::move(info), workers, std::move(python));
}

Function::Function(RoutineInfo info, int workers, std::string python)
    : info_(std::move(info)), workers_(std::max(1, workers)), python_(std::move(python)) {}

namespace {

/// What a worker process loads to run Python routine `info` on such rows (row_names) or values.
functions::WorkerRoutine worker_routine(const RoutineInfo& info, const std::vector<std::string>* row_names,
                                        const std::vector<DType>& row_dtypes) {
  functions::WorkerRoutine r;
  r.routine_id = info.id();
  r.source = info.source;
  r.entry_point = info.entry_point;
  r.code_hash = info.code_hash;
  r.result_type = info.result_type;
  r.row_input = info.row_input;
  r.max_batching_rows = info.max_batching_rows;
  r.arg_types = info.arg_types;
  if (row_names) {
    r.row_names = *row_names;
    r.arg_types = row_dtypes;
  }
  return r;
}

}  // namespace

std::string Function::engine_function(const std::vector<std::string>* row_names,
                                     const std::vector<DType>& row_dtypes) const {
  if (info_.row_input != (row_names != nullptr)) {
    throw InvalidArgumentError("routine '" + info_.id() + "' takes " +
                               (info_.row_input ? "a row: apply it with apply_rows(df)" : "values, not a row"));
  }
  for (size_t i = 0; i < row_dtypes.size(); ++i) {  // (the workers and the wire take no Int8..UInt64 yet)
    if (row_dtypes[i] == DType::Integer) refuse_storage_only("a user function's row with", row_names ? (*row_names)[i] : "", row_dtypes[i]);
  }
  if (info_.remote()) return remote_engine_function(info_, warehouse_, token_, python_, row_names, row_dtypes);
  functions::WorkerRoutine r = worker_routine(info_, row_names, row_dtypes);
  // One engine function per routine (errors name it; routines of several sessions share an
  // identity) and bound on a call's rows.
  std::string name = "cormorant_udf_" + info_.identity.substr(0, 16) + "_w" +
                     std::to_string(std::hash<std::string>{}(info_.id()) % 1000000000);
  if (info_.max_batching_rows > 0) name += "_b" + std::to_string(info_.max_batching_rows);
  name += "_p" + std::to_string(std::max(1, workers_));  // its own bound on workers at once
  if (row_names) {
    std::string joined;
    for (size_t i = 0; i < row_names->size(); ++i) {
      joined += (*row_names)[i] + '\x1f' + std::string(dtype_name(row_dtypes[i])) + '\x1e';
    }
    name += "_" + std::to_string(std::hash<std::string>{}(joined) % 1000000000);
  }
  session::register_udf(
      functions::worker_udf(functions::WorkerPool::shared(python_, workers_), std::move(r), name, workers_));
  return name;
}

std::string Function::portable(const std::vector<std::string>* row_names, const std::vector<DType>& row_dtypes,
                               bool literal_names) const {
  if (info_.remote() || info_.language != "python") {
    throw InvalidArgumentError("routine '" + info_.id() + "' is not a Python routine run by workers");
  }
  functions::WorkerRoutine r = worker_routine(info_, row_names, row_dtypes);
  r.row_names_literal = literal_names && row_names;
  return functions::portable_routine(r);
}

Series Function::operator()(const Series& s) const { return s.call(engine_function()); }

Series Function::operator()(const Series& a, const Series& b) const { return a.call(engine_function(), b); }

Series Function::apply_rows(const DataFrame& df) const {
  std::vector<std::string> names;
  std::vector<DType> dtypes;
  for (const auto& c : df.value_columns()) {
    names.push_back(c.label.to_string());
    dtypes.push_back(df[c.label].dtype());
  }
  return df.call_rows(engine_function(&names, dtypes));
}

}  // namespace cormorant
