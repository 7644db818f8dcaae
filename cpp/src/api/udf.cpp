/// User functions applied to rows (DataFrame.apply(axis=1)); Series::call applies them to
/// one or two Series.
#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/session/session.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

Series DataFrame::call_rows(const std::string& function) const {
  std::vector<plan::ExprPtr> args;
  for (const auto& c : value_columns()) args.push_back(api_detail::column_of(plan_, c.id));
  return Series(ctx_, plan_, index_, default_index_, std::make_shared<plan::FunctionExpr>(function, std::move(args)),
                std::nullopt);
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
  if (info.name.empty()) info.name = "cormorant_" + info.identity.substr(0, 16);
  info.creator_session = ctx_->id();
  info.created.clear();
  return ctx_->catalog().put_routine(info);
}

RoutineInfo Session::describe_routine(const std::string& routine_id) const {
  auto [dataset, name] = parse_routine_id(routine_id);
  return ctx_->catalog().routine(dataset, name);
}

std::vector<std::string> Session::list_routines(const std::string& dataset) const {
  return ctx_->catalog().routines(dataset);
}

void Session::delete_routine(const std::string& routine_id) const {
  auto [dataset, name] = parse_routine_id(routine_id);
  ctx_->catalog().drop_routine(dataset, name);
}

}  // namespace cormorant
