#pragma once
/// Relational plan nodes: immutable, validated and typed when constructed.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/table.hpp"
#include "cormorant/plan/expr.hpp"

namespace cormorant::plan {

class Node;
/// Plans are DAGs of shared, never mutated nodes.
using NodePtr = std::shared_ptr<const Node>;

/// What a Node is; compile/ dispatches on it.
enum class NodeKind { ReadCsv, ReadParquet, TableScan, Project, Filter, Limit };

/// A relation: its output schema and its inputs.
class Node {
 public:
  virtual ~Node() = default;
  NodeKind kind() const { return kind_; }
  const Schema& schema() const { return schema_; }
  const std::vector<NodePtr>& inputs() const { return inputs_; }

 protected:
  Node(NodeKind kind, Schema schema, std::vector<NodePtr> inputs)
      : kind_(kind), schema_(std::move(schema)), inputs_(std::move(inputs)) {}

 private:
  NodeKind kind_;
  Schema schema_;
  std::vector<NodePtr> inputs_;
};

/// How a CSV file is parsed. The defaults are pandas' read_csv defaults.
struct CsvOptions {
  char delimiter = ',';
  bool header = true;
  /// Strings read as missing; empty means pandas' default list ("", "NA", "NaN", "null", ...).
  std::vector<std::string> na_values;
  /// Only these columns, in file order; empty means all.
  std::vector<std::string> usecols;
};

/// The columns a source presents, with the engine type each must be converted from when it is
/// not already the canonical type of its dtype (e.g. INTEGER read as Int64).
struct SourceColumn {
  Field field;
  bool needs_cast = false;
};

/// Rows of a CSV file, in file order.
class ReadCsvNode final : public Node {
 public:
  ReadCsvNode(std::string path, CsvOptions options, std::vector<SourceColumn> columns);
  const std::string& path() const { return path_; }
  const CsvOptions& options() const { return options_; }
  const std::vector<SourceColumn>& columns() const { return columns_; }

 private:
  std::string path_;
  CsvOptions options_;
  std::vector<SourceColumn> columns_;
};

/// Rows of one or more Parquet files (a path or a glob), in file order.
class ReadParquetNode final : public Node {
 public:
  ReadParquetNode(std::string path, std::vector<SourceColumn> columns);
  const std::string& path() const { return path_; }
  const std::vector<SourceColumn>& columns() const { return columns_; }

 private:
  std::string path_;
  std::vector<SourceColumn> columns_;
};

/// Rows of a table the engine holds (e.g. data brought in with read_pandas), in insertion order.
class TableScanNode final : public Node {
 public:
  TableScanNode(std::string table_name, std::vector<SourceColumn> columns);
  const std::string& table_name() const { return table_name_; }
  const std::vector<SourceColumn>& columns() const { return columns_; }

 private:
  std::string table_name_;
  std::vector<SourceColumn> columns_;
};

/// A named output expression.
struct NamedExpr {
  std::string name;
  ExprPtr expr;
};

/// Computes new columns from each input row; row count and order are unchanged.
class ProjectNode final : public Node {
 public:
  /// Throws InvalidArgumentError on duplicate output names.
  ProjectNode(NodePtr input, std::vector<NamedExpr> exprs);
  const std::vector<NamedExpr>& exprs() const { return exprs_; }

 private:
  std::vector<NamedExpr> exprs_;
};

/// Keeps the rows whose predicate is True (<NA> drops the row, like pandas' boolean masks
/// with nullable booleans filled as False).
class FilterNode final : public Node {
 public:
  /// Throws DTypeError unless `predicate` is boolean.
  FilterNode(NodePtr input, ExprPtr predicate);
  const ExprPtr& predicate() const { return predicate_; }

 private:
  ExprPtr predicate_;
};

/// Rows [offset, offset + limit) of the input, in its order.
class LimitNode final : public Node {
 public:
  LimitNode(NodePtr input, int64_t limit, int64_t offset = 0);
  int64_t limit() const { return limit_; }
  int64_t offset() const { return offset_; }

 private:
  int64_t limit_;
  int64_t offset_;
};

}  // namespace cormorant::plan
