#include "cormorant/plan/node.hpp"

#include <set>

#include "cormorant/common/error.hpp"

namespace cormorant::plan {

namespace {

Schema fields_of(const std::vector<SourceColumn>& columns) {
  Schema schema;
  for (const auto& c : columns) schema.push_back(c.field);
  return schema;
}

Schema project_schema(const std::vector<NamedExpr>& exprs) {
  Schema schema;
  std::set<std::string> seen;
  for (const auto& e : exprs) {
    if (!seen.insert(e.name).second) {
      throw InvalidArgumentError("duplicate column label '" + e.name +
                                 "': cormorant needs unique column labels; rename one of them");
    }
    schema.push_back({e.name, e.expr->dtype()});
  }
  return schema;
}

}  // namespace

ReadCsvNode::ReadCsvNode(std::string path, CsvOptions options, std::vector<SourceColumn> columns)
    : Node(NodeKind::ReadCsv, fields_of(columns), {}),
      path_(std::move(path)),
      options_(std::move(options)),
      columns_(std::move(columns)) {}

ReadParquetNode::ReadParquetNode(std::string path, std::vector<SourceColumn> columns)
    : Node(NodeKind::ReadParquet, fields_of(columns), {}), path_(std::move(path)), columns_(std::move(columns)) {}

TableScanNode::TableScanNode(std::string table_name, std::vector<SourceColumn> columns)
    : Node(NodeKind::TableScan, fields_of(columns), {}),
      table_name_(std::move(table_name)),
      columns_(std::move(columns)) {}

ProjectNode::ProjectNode(NodePtr input, std::vector<NamedExpr> exprs)
    : Node(NodeKind::Project, project_schema(exprs), {std::move(input)}), exprs_(std::move(exprs)) {}

FilterNode::FilterNode(NodePtr input, ExprPtr predicate)
    : Node(NodeKind::Filter, input->schema(), {input}), predicate_(std::move(predicate)) {
  if (predicate_->dtype() != DType::Boolean) {
    throw DTypeError("a row filter needs a boolean mask, got dtype '" +
                     std::string(dtype_name(predicate_->dtype())) + "'; build one with a comparison");
  }
}

LimitNode::LimitNode(NodePtr input, int64_t limit, int64_t offset)
    : Node(NodeKind::Limit, input->schema(), {input}), limit_(limit), offset_(offset) {
  CORMORANT_CHECK(limit >= 0 && offset >= 0, "negative limit or offset");
}

}  // namespace cormorant::plan
