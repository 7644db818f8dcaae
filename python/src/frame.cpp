// The Python binding of DataFrame (module cormorant._core; see module.cpp).
#include "convert.hpp"

namespace cormorant::python {

void bind_frame(nb::module_& m) {
  nb::class_<DataFrame>(m, "DataFrame")
      .def_prop_ro("session", [](const DataFrame& d) { return Session::of(d); })
      .def("column", [](const DataFrame& d, const Label& c) { return d[c]; }, nb::arg("label").none())
      .def("is_own_column", &DataFrame::is_own_column, nb::arg("series"))
      .def("column_level", &DataFrame::column_level, nb::arg("key").none())
      .def("select", [](const DataFrame& d, const std::vector<Label>& cs) { return d[cs]; })
      .def("filter", [](const DataFrame& d, const Series& mask) { return d[mask]; })
      .def("call_rows",
           [](const DataFrame& d, const std::string& function, const nb::list& params) {
             return d.call_rows(function, to_values(params));
           },
           nb::arg("function"), nb::arg("params") = nb::list())
      .def("assign_series", [](const DataFrame& d, const Label& n, const Series& s) { return d.assign(n, s); },
           nb::arg("name").none(), nb::arg("value"))
      .def("assign_value", [](const DataFrame& d, const Label& n, nb::handle v) { return d.assign(n, to_value(v)); },
           nb::arg("name").none(), nb::arg("value").none())
      .def("binary",
           [](const DataFrame& d, const std::string& op, nb::handle other, const std::string& axis, bool reflected,
              nb::handle fill_value, bool flex) {
             BinaryOptions o{reflected, std::nullopt, flex};
             if (!fill_value.is_none()) o.fill_value = to_value(fill_value);
             plan::BinaryOp bop = to_binary_op(op);
             if (nb::isinstance<DataFrame>(other)) return d.binary(bop, nb::cast<const DataFrame&>(other), o);
             if (nb::isinstance<Series>(other)) {
               const Series& s = nb::cast<const Series&>(other);
               nb::gil_scoped_release release;  // along the columns the Series runs first
               return d.binary(bop, s, axis == "index" ? Axis::Index : Axis::Columns, o);
             }
             if (nb::isinstance<nb::list>(other)) {  // (label, value) pairs along the columns
               std::vector<std::pair<Label, Value>> row;
               for (nb::handle item : nb::cast<nb::list>(other)) {
                 row.emplace_back(nb::cast<Label>(item[0]), to_value(item[1]));
               }
               return d.binary(bop, row, o);
             }
             return d.binary(bop, to_value(other), o);
           },
           nb::arg("op"), nb::arg("other").none(), nb::arg("axis"), nb::arg("reflected"), nb::arg("fill_value").none(),
           nb::arg("flex"))
      .def("set_cells",
           [](const DataFrame& d, std::optional<Series> rows, const std::vector<Label>& columns, nb::handle value,
              bool by_position) {
             if (nb::isinstance<Series>(value)) {
               const Series& v = nb::cast<const Series&>(value);
               nb::gil_scoped_release release;  // a mask from another object is checked by a query
               return d.set_cells(rows, columns, v, by_position);
             }
             Value v = to_value(value);
             nb::gil_scoped_release release;
             return d.set_cells(rows, columns, v);
           },
           nb::arg("rows").none(), nb::arg("columns"), nb::arg("value").none(), nb::arg("by_position") = false)
      .def("reindex",
           [](const DataFrame& d, std::optional<nb::list> labels, std::optional<std::vector<Label>> columns,
              nb::handle fill_value) {
             std::optional<std::vector<Value>> values;
             if (labels) values = to_values(*labels);
             std::optional<Value> fill;
             if (!fill_value.is_none()) fill = to_value(fill_value);
             nb::gil_scoped_release release;
             return d.reindex(values, columns, fill);
           },
           nb::arg("labels").none(), nb::arg("columns").none(), nb::arg("fill_value").none())
      .def("combine_first", &DataFrame::combine_first, nb::arg("other"))
      .def("align",
           [](const DataFrame& d, const DataFrame& other, const std::string& join, std::optional<std::string> axis,
              nb::handle fill_value) {
             static const std::map<std::string, JoinHow> hows{
                 {"outer", JoinHow::Outer}, {"inner", JoinHow::Inner}, {"left", JoinHow::Left}, {"right", JoinHow::Right}};
             std::optional<Axis> ax;
             if (axis) ax = *axis == "index" ? Axis::Index : Axis::Columns;
             std::optional<Value> fill;
             if (!fill_value.is_none()) fill = to_value(fill_value);
             nb::gil_scoped_release release;
             return d.align(other, hows.at(join), ax, fill);
           },
           nb::arg("other"), nb::arg("join"), nb::arg("axis").none(), nb::arg("fill_value").none())
      .def("update", &DataFrame::update, nb::arg("other"), nb::arg("overwrite"))
      .def("equals", &DataFrame::equals, nb::arg("other"), release_gil())
      .def("replace",
           [](const DataFrame& d, const nb::list& pairs, const std::vector<Label>& columns) {
             std::vector<std::pair<Value, Value>> items;
             for (nb::handle item : pairs) items.emplace_back(to_value(item[0]), to_value(item[1]));
             return d.replace(items, columns);
           },
           nb::arg("pairs"), nb::arg("columns"))
      .def("position_mask", &DataFrame::position_mask, release_gil())
      .def("slice_mask", &DataFrame::slice_mask, nb::arg("start").none(), nb::arg("stop").none(), nb::arg("step"),
           release_gil())
      .def("label_mask",
           [](const DataFrame& d, const nb::list& labels) {
             auto values = to_values(labels);
             nb::gil_scoped_release release;
             return d.label_mask(values);
           })
      .def("unary", [](const DataFrame& d, const std::string& op) { return d.unary(to_unary_op(op)); })
      .def("positive", &DataFrame::positive)
      .def("where",
           [](const DataFrame& d, const DataFrame& cond, nb::handle other, bool mask,
              std::optional<DataFrame> other_frame) { return d.where(cond, to_value(other), mask, other_frame); },
           nb::arg("cond"), nb::arg("other").none(), nb::arg("mask"), nb::arg("other_frame").none())
      .def("astype", [](const DataFrame& d, nb::handle t) { return d.astype(py_to_dtype(t)); })
      .def("categories_of", [](const DataFrame& d, const Label& c) { return py_categories(d[c].dtype()); },
           nb::arg("label").none())
      .def("astype_columns",
           [](const DataFrame& d, const std::map<Label, nb::object>& m) {
             std::map<Label, DType> dtypes;
             for (const auto& [k, v] : m) dtypes[k] = py_to_dtype(v);
             return d.astype(dtypes);
           })
      .def("rename", &DataFrame::rename)
      .def("drop", &DataFrame::drop)
      .def("head", &DataFrame::head, release_gil())
      .def("tail", &DataFrame::tail, release_gil())
      .def("iloc", &DataFrame::iloc, nb::arg("start").none(), nb::arg("stop").none(), nb::arg("step"), release_gil())
      .def("take", &DataFrame::take, release_gil())
      .def("take_mask", &DataFrame::take_mask, release_gil())
      .def("loc",
           [](const DataFrame& d, const nb::list& labels) {
             auto values = to_values(labels);
             nb::gil_scoped_release release;
             return d.loc(values);
           })
      .def("loc_slice",
           [](const DataFrame& d, nb::handle start, nb::handle stop) {
             Value from = to_value(start), to = to_value(stop);
             nb::gil_scoped_release release;
             return d.loc_slice(from, to);
           },
           nb::arg("start").none(), nb::arg("stop").none())
      .def("sort_values", &DataFrame::sort_values, release_gil())
      .def("sort_index", &DataFrame::sort_index, release_gil())
      .def("set_index", &DataFrame::set_index)
      .def("reset_index", &DataFrame::reset_index)
      .def("rename_axis", &DataFrame::rename_axis)
      .def("aggregate",
           [](const DataFrame& d, const std::string& func, bool skipna, bool numeric_only, int64_t min_count,
              double ddof) {
             AggFunc f = to_agg(func, true);
             std::vector<std::pair<Label, Value>> values;
             {
               nb::gil_scoped_release release;
               values = d.aggregate(f, ReduceOptions{skipna, min_count, ddof}, numeric_only);
             }
             nb::list out;
             for (const auto& [label, v] : values) {
               out.append(nb::make_tuple(label, to_python(v)));
             }
             return out;
           },
           nb::arg("func"), nb::arg("skipna") = true, nb::arg("numeric_only") = false, nb::arg("min_count") = 0,
           nb::arg("ddof") = 1.0)
      .def("quantile",
           [](const DataFrame& d, double q) {
             std::vector<std::pair<Label, Value>> values;
             {
               nb::gil_scoped_release release;
               values = d.quantile(q);
             }
             nb::list out;
             for (const auto& [label, v] : values) out.append(nb::make_tuple(label, to_python(v)));
             return out;
           })
      .def("quantiles",
           [](const DataFrame& d, const std::vector<double>& qs) {
             std::vector<DataFrame::Quantiles> columns;
             {
               nb::gil_scoped_release release;
               columns = d.quantiles(qs);
             }
             nb::list out;
             for (const auto& c : columns) {
               nb::list values;
               for (const auto& v : c.values) values.append(to_python(v));
               out.append(nb::make_tuple(c.label, values, c.has_missing));
             }
             return out;
           })
      .def("pairwise",
           [](const DataFrame& d, const std::string& func, const std::vector<Label>& labels) {
             std::vector<Value> values;
             {
               nb::gil_scoped_release release;
               values = d.pairwise(func == "corr" ? AggFunc::Corr : AggFunc::Cov, labels);
             }
             nb::list out;
             for (const auto& v : values) out.append(to_python(v));
             return out;
           })
      .def("groupby", &DataFrame::groupby, release_gil())
      .def("window",
           [](const DataFrame& d, const std::string& op, const std::vector<Label>& columns, nb::kwargs options) {
             WindowSpec spec = to_window_spec(op, options);
             nb::gil_scoped_release release;
             return d.window(spec, columns);
           },
           nb::arg("op"), nb::arg("columns"), nb::arg("options"))
      .def("duplicated", &DataFrame::duplicated, release_gil())
      .def("drop_duplicates", &DataFrame::drop_duplicates, release_gil())
      .def("merge",
           [](const DataFrame& d, const DataFrame& right, const std::string& how, const std::vector<Label>& on,
              const std::vector<Label>& left_on, const std::vector<Label>& right_on,
              const std::pair<std::string, std::string>& suffixes, bool indicator, bool sort_outer) {
             nb::gil_scoped_release release;
             static const std::pair<const char*, MergeHow> hows[] = {{"inner", MergeHow::Inner},
                                                                     {"left", MergeHow::Left},
                                                                     {"right", MergeHow::Right},
                                                                     {"outer", MergeHow::Outer},
                                                                     {"cross", MergeHow::Cross}};
             for (const auto& [n, h] : hows) {
               if (how == n) return d.merge(right, MergeOptions{h, on, left_on, right_on, suffixes, indicator, sort_outer});
             }
             throw InvalidArgumentError("how must be one of inner, left, right, outer, cross; got '" + how + "'");
           })
      .def_prop_ro("shape",
                   [](const DataFrame& d) {
                     nb::gil_scoped_release release;
                     return d.shape();
                   })
      .def_prop_ro("columns", &DataFrame::columns)
      .def_prop_ro("default_index", &DataFrame::default_index)
      .def_prop_ro("index_names",
                   [](const DataFrame& d) {
                     std::vector<std::optional<Label>> out;
                     for (const auto& l : d.index()) out.push_back(l.name);
                     return out;
                   })
      // The index levels' column ids, unique in the process: objects sharing them hold rows of
      // one index (the binding keeps a resample result's freq for them).
      .def_prop_ro("index_ids",
                   [](const DataFrame& d) {
                     std::vector<std::string> out;
                     for (const auto& l : d.index()) out.push_back(l.id);
                     return out;
                   })
      .def_prop_ro("column_levels", [](const DataFrame& d) { return to_py(d.column_levels()); })
      .def("with_column_levels",
           [](const DataFrame& d, const std::vector<PyColumnLevel>& levels) { return d.with_column_levels(from_py(levels)); },
           nb::arg("levels"))
      .def_prop_ro("dtypes",
                   [](const DataFrame& d) {
                     std::vector<std::pair<Label, std::string>> out;
                     for (const auto& c : d.value_columns()) {
                       out.emplace_back(c.label, std::string(dtype_name(d.plan()->dtype_of(c.id))));
                     }
                     return out;
                   })
      .def_prop_ro("sql", [](const DataFrame& d) { return d.sql(); })
      .def("to_arrow", &run)
      .def("cache", &DataFrame::cache, release_gil())
      .def("to_table",
           [](const DataFrame& d, const std::string& table_id, std::optional<std::string> partition_by,
              const std::string& partition_unit, const std::vector<std::string>& cluster_by,
              const std::string& if_exists, int64_t row_group_size) {
             WriteOptions o;
             if (partition_by) {
               Partitioning p;
               p.column = *partition_by;
               if (partition_unit == "day") {
                 p.unit = Partitioning::Unit::Day;
               } else if (partition_unit == "month") {
                 p.unit = Partitioning::Unit::Month;
               } else if (partition_unit != "value") {
                 throw InvalidArgumentError("a partition unit is \"value\", \"day\" or \"month\", got \"" +
                                            partition_unit + "\"");
               }
               o.partitioning = p;
             }
             o.clustering = cluster_by;
             o.if_exists = if_exists;
             o.row_group_size = row_group_size;
             TableInfo info;
             {
               nb::gil_scoped_release release;
               info = d.to_table(table_id, o);
             }
             return table_info(info);
           },
           nb::arg("table_id"), nb::arg("partition_by").none(), nb::arg("partition_unit"), nb::arg("cluster_by"),
           nb::arg("if_exists"), nb::arg("row_group_size"))
      .def("peek", &DataFrame::peek, nb::arg("n"), release_gil())
      .def_prop_ro("ordered", [](const DataFrame& d) { return !d.plan()->ordering().empty(); })
      .def_prop_ro("last_query",
                   [](const DataFrame& d) {
                     nb::gil_scoped_release release;
                     return d.context()->last_query();
                   })
      .def("dry_run", &DataFrame::dry_run, release_gil())
      .def("explain", &DataFrame::explain, release_gil())
      .def("to_batches", &DataFrame::to_batches, nb::arg("rows"), release_gil())
      .def("to_parquet",
           [](const DataFrame& d, const std::string& path, bool index) {
             nb::gil_scoped_release release;
             d.to_parquet(path, index);
           })
      .def("to_csv",
           [](const DataFrame& d, const std::string& path, const std::string& sep, bool header, bool index) {
             if (sep.size() != 1) throw InvalidArgumentError("sep must be a single character, got '" + sep + "'");
             nb::gil_scoped_release release;
             d.to_csv(path, sep[0], header, index);
           })
      .def("to_string",
           [](const DataFrame& d, int64_t max_rows) {
             nb::gil_scoped_release release;
             return d.to_string(max_rows);
           },
           nb::arg("max_rows") = 60);
}

}  // namespace cormorant::python
