// The Python binding of GroupBy and Series (module cormorant._core; see module.cpp).
#include "convert.hpp"

namespace cormorant::python {

void bind_series(nb::module_& m) {
  nb::class_<GroupBy>(m, "GroupBy")
      .def("agg",
           [](const GroupBy& g,
              const std::vector<std::tuple<Label, Label, std::string, double, std::optional<Label>, bool, int64_t, double>>&
                  specs) {
             std::vector<AggSpec> out;
             for (const auto& [label, column, func, q, other, skipna, min_count, ddof] : specs) {
               out.push_back({label, column, to_agg(func, true), q, other, ReduceOptions{skipna, min_count, ddof}});
             }
             nb::gil_scoped_release release;
             return g.agg(out);
           })
      .def("size", &GroupBy::size, release_gil())
      .def("window",
           [](const GroupBy& g, const std::string& op, const std::vector<Label>& columns, bool group_index,
              nb::kwargs options) {
             WindowSpec spec = to_window_spec(op, options);
             nb::gil_scoped_release release;
             return g.window(spec, columns, group_index);
           },
           nb::arg("op"), nb::arg("columns"), nb::arg("group_index") = false, nb::arg("options"));

  // A reduction not run yet (Series::reduction; Python: cormorant.scalar.Scalar).
  nb::class_<Scalar>(m, "Scalar")
      .def_prop_ro("dtype", [](const Scalar& s) { return std::string(dtype_name(s.dtype())); })
      .def("value",
           [](const Scalar& s) {
             Value v;
             {
               nb::gil_scoped_release release;
               v = s.value();
             }
             return to_python(v);
           })
      .def("binary",
           [](const Scalar& s, const std::string& op, nb::handle other, bool reflected) {
             return s.binary(to_binary_op(op), to_value(other), reflected);
           },
           nb::arg("op"), nb::arg("other"), nb::arg("reflected"));

  nb::class_<Series>(m, "Series")
      .def_prop_ro("name", &Series::name)
      .def_prop_ro("dtype", [](const Series& s) { return std::string(dtype_name(s.dtype())); })
      .def("rename", &Series::rename, nb::arg("name").none())
      .def("astype", [](const Series& s, nb::handle t) { return s.astype(py_to_dtype(t)); })
      .def_prop_ro("categories", [](const Series& s) { return py_categories(s.dtype()); })
      .def("cat_codes", [](const Series& s) { return cat::codes(s); })
      .def("cat_rename_categories",
           [](const Series& s, const nb::list& v) { return cat::rename_categories(s, to_values(v)); })
      .def("cat_add_categories", [](const Series& s, const nb::list& v) { return cat::add_categories(s, to_values(v)); })
      .def("cat_remove_categories",
           [](const Series& s, const nb::list& v) { return cat::remove_categories(s, to_values(v)); })
      .def("cat_set_categories", [](const Series& s, const nb::list& v, std::optional<bool> ordered) {
             return cat::set_categories(s, to_values(v), ordered);
           })
      .def("cat_reorder_categories", [](const Series& s, const nb::list& v, std::optional<bool> ordered) {
             return cat::reorder_categories(s, to_values(v), ordered);
           })
      .def("cat_set_ordered", &cat::set_ordered)
      .def("cut",
           [](const Series& s, const std::vector<double>& edges, bool right, bool include_lowest, nb::handle dtype) {
             std::optional<DType> to;
             if (!dtype.is_none()) to = py_to_dtype(dtype);
             return cut(s, edges, right, include_lowest, to);
           },
           nb::arg("edges"), nb::arg("right"), nb::arg("include_lowest"), nb::arg("dtype").none())
      .def("binary",
           [](const Series& s, const std::string& op, nb::handle other) {
             if (nb::isinstance<Series>(other)) return s.binary(to_binary_op(op), nb::cast<const Series&>(other));
             if (nb::isinstance<Scalar>(other)) return s.binary(to_binary_op(op), nb::cast<const Scalar&>(other));
             return s.binary(to_binary_op(op), to_value(other));
           },
           nb::arg("op"), nb::arg("other").none())
      .def("rbinary",
           [](const Series& s, const std::string& op, nb::handle other) {
             if (nb::isinstance<Scalar>(other)) return s.binary(to_binary_op(op), nb::cast<const Scalar&>(other), true);
             return s.reverse_binary(to_binary_op(op), to_value(other));
           },
           nb::arg("op"), nb::arg("other").none())
      .def("flex",
           [](const Series& s, const std::string& op, const Series& other, nb::handle fill_value, bool reflected) {
             std::optional<Value> fill;
             if (!fill_value.is_none()) fill = to_value(fill_value);
             return s.flex(to_binary_op(op), other, fill, reflected);
           },
           nb::arg("op"), nb::arg("other"), nb::arg("fill_value").none(), nb::arg("reflected"))
      .def("unary", [](const Series& s, const std::string& op) { return s.unary(to_unary_op(op)); })
      .def("positive", &Series::positive)
      .def("filter", [](const Series& s, const Series& mask) { return s[mask]; })
      .def("reindex",
           [](const Series& s, const nb::list& labels, nb::handle fill_value) {
             auto values = to_values(labels);
             std::optional<Value> fill;
             if (!fill_value.is_none()) fill = to_value(fill_value);
             nb::gil_scoped_release release;
             return s.reindex(values, fill);
           },
           nb::arg("labels"), nb::arg("fill_value").none())
      .def("combine_first", &Series::combine_first, nb::arg("other"))
      .def("update", &Series::update, nb::arg("other"))
      .def("equals", &Series::equals, nb::arg("other"), release_gil())
      .def("set_cells",
           [](const Series& s, std::optional<Series> rows, nb::handle value, bool by_position) {
             if (nb::isinstance<Series>(value)) {
               const Series& v = nb::cast<const Series&>(value);
               nb::gil_scoped_release release;
               return s.set_cells(rows, v, by_position);
             }
             Value v = to_value(value);
             nb::gil_scoped_release release;
             return s.set_cells(rows, v);
           },
           nb::arg("rows").none(), nb::arg("value").none(), nb::arg("by_position") = false)
      .def("call",
           [](const Series& s, const std::string& function, std::optional<Series> other, const nb::list& params) {
             auto values = to_values(params);
             nb::gil_scoped_release release;
             return s.call(function, other, values);
           },
           nb::arg("function"), nb::arg("other").none(), nb::arg("params"))
      .def("isin",
           [](const Series& s, const nb::list& values, bool na_matches) {
             auto items = to_values(values);
             nb::gil_scoped_release release;
             return s.isin(items, na_matches);
           },
           nb::arg("values"), nb::arg("na_matches"))
      .def("isin_series", [](const Series& s, const Series& values) { return s.isin(values); }, nb::arg("values"))
      .def("aggregate",
           [](const Series& s, const std::string& func, bool skipna, int64_t min_count, double ddof) {
             AggFunc f = to_agg(func, true);
             Value v;
             {
               nb::gil_scoped_release release;
               v = s.aggregate(f, ReduceOptions{skipna, min_count, ddof});
             }
             return to_python(v);
           },
           nb::arg("func"), nb::arg("skipna") = true, nb::arg("min_count") = 0, nb::arg("ddof") = 1.0)
      .def("reduction", [](const Series& s, const std::string& func) { return s.reduction(to_agg(func, true)); })
      .def_prop_ro("size",
                   [](const Series& s) {
                     nb::gil_scoped_release release;
                     return s.size();
                   })
      .def("window",
           [](const Series& s, const std::string& op, nb::kwargs options) {
             WindowSpec spec = to_window_spec(op, options);
             nb::gil_scoped_release release;
             return s.window(spec);
           },
           nb::arg("op"), nb::arg("options"))
      .def("to_frame", &Series::to_frame)
      .def("cache", &Series::cache, release_gil())
      .def_prop_ro("sql", &Series::sql);
}

}  // namespace cormorant::python
