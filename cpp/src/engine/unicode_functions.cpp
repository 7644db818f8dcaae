#include "unicode_functions.hpp"

#include <string>
#include <string_view>

#include "cormorant/common/error.hpp"
#include "cormorant/common/unicode.hpp"

namespace cormorant::engine_detail {

namespace {

using unicode::CaseMapping;
using unicode::Predicate;

std::string_view view(duckdb_string_t& s) { return {duckdb_string_t_data(&s), duckdb_string_t_length(s)}; }

/// Calls `per_row(row, text)` for each non-missing row of the one VARCHAR argument; missing
/// rows give missing results.
template <typename F>
void for_each_string(duckdb_data_chunk input, duckdb_vector output, F per_row) {
  idx_t n = duckdb_data_chunk_get_size(input);
  duckdb_vector in = duckdb_data_chunk_get_vector(input, 0);
  auto* data = static_cast<duckdb_string_t*>(duckdb_vector_get_data(in));
  uint64_t* in_valid = duckdb_vector_get_validity(in);
  uint64_t* out_valid = nullptr;
  if (in_valid) {
    duckdb_vector_ensure_validity_writable(output);
    out_valid = duckdb_vector_get_validity(output);
  }
  for (idx_t row = 0; row < n; ++row) {
    if (in_valid && !duckdb_validity_row_is_valid(in_valid, row)) {
      duckdb_validity_set_row_invalid(out_valid, row);
      continue;
    }
    per_row(row, view(data[row]));
  }
}

void predicate_function(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  auto predicate = *static_cast<Predicate*>(duckdb_scalar_function_get_extra_info(info));
  auto* out = static_cast<bool*>(duckdb_vector_get_data(output));
  for_each_string(input, output,
                  [&](idx_t row, std::string_view s) { out[row] = unicode::str_predicate(predicate, s); });
}

void case_function(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  auto mapping = *static_cast<CaseMapping*>(duckdb_scalar_function_get_extra_info(info));
  std::string buffer;
  for_each_string(input, output, [&](idx_t row, std::string_view s) {
    buffer.clear();
    unicode::str_case(mapping, s, buffer);
    duckdb_vector_assign_string_element_len(output, row, buffer.data(), buffer.size());
  });
}

void add(duckdb_connection conn, const std::string& name, duckdb_type result, duckdb_scalar_function_t callback,
         void* extra) {
  duckdb_scalar_function f = duckdb_create_scalar_function();
  duckdb_scalar_function_set_name(f, name.c_str());
  duckdb_logical_type varchar = duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
  duckdb_logical_type out = duckdb_create_logical_type(result);
  duckdb_scalar_function_add_parameter(f, varchar);
  duckdb_scalar_function_set_return_type(f, out);
  duckdb_destroy_logical_type(&varchar);
  duckdb_destroy_logical_type(&out);
  duckdb_scalar_function_set_function(f, callback);
  duckdb_scalar_function_set_extra_info(f, extra, nullptr);
  duckdb_state state = duckdb_register_scalar_function(conn, f);
  duckdb_destroy_scalar_function(&f);
  if (state == DuckDBError) throw ExecutionError("could not register the engine function " + name);
}

}  // namespace

void register_unicode_functions(duckdb_connection conn) {
  // (static: the engine keeps the extra info pointers for the connection's life)
  static Predicate predicates[] = {Predicate::Alnum,   Predicate::Alpha, Predicate::Digit, Predicate::Decimal,
                                   Predicate::Numeric, Predicate::Space, Predicate::Lower, Predicate::Upper,
                                   Predicate::Title,   Predicate::Ascii};
  static const char* predicate_names[] = {"isalnum", "isalpha", "isdigit", "isdecimal", "isnumeric",
                                          "isspace", "islower", "isupper", "istitle",   "isascii"};
  static CaseMapping mappings[] = {CaseMapping::Lower,      CaseMapping::Upper,    CaseMapping::Title,
                                   CaseMapping::Capitalize, CaseMapping::Swapcase, CaseMapping::Casefold};
  static const char* mapping_names[] = {"lower", "upper", "title", "capitalize", "swapcase", "casefold"};
  for (size_t i = 0; i < std::size(predicates); ++i) {
    add(conn, std::string("cormorant_str_") + predicate_names[i], DUCKDB_TYPE_BOOLEAN, predicate_function,
        &predicates[i]);
  }
  for (size_t i = 0; i < std::size(mappings); ++i) {
    add(conn, std::string("cormorant_str_") + mapping_names[i], DUCKDB_TYPE_VARCHAR, case_function, &mappings[i]);
  }
}

}  // namespace cormorant::engine_detail
