#include "cormorant/common/label.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "cormorant/common/value.hpp"

namespace cormorant {

Label Label::boolean(bool b) {
  Label l;
  l.kind_ = Kind::Bool;
  l.b_ = b;
  return l;
}

Label Label::floating(double d) {
  Label l;
  l.kind_ = Kind::Float;
  l.d_ = d;
  return l;
}

Label Label::tuple(std::vector<Label> items) {
  Label l;
  l.kind_ = Kind::Tuple;
  l.items_ = std::move(items);
  return l;
}

Label Label::temporal(std::string dtype, int64_t value, std::string text, std::string repr) {
  Label l;
  l.kind_ = Kind::Temporal;
  l.s_ = std::move(dtype);
  l.i_ = value;
  l.text_ = std::move(text);
  l.repr_ = std::move(repr);
  return l;
}

namespace {

std::string float_text(double d) {
  if (std::isnan(d)) return "nan";
  return Value(d).to_string();
}

std::string quoted(const std::string& s) {
  // Python's repr: single quotes unless the text holds one and no double quote.
  char q = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, q);
  for (unsigned char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == static_cast<unsigned char>(q)) {
      out += std::string("\\") + q;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + q;
}

}  // namespace

std::string Label::to_string() const {
  switch (kind_) {
    case Kind::String: return s_;
    case Kind::Temporal: return text_;
    default: return repr();
  }
}

std::string Label::repr() const {
  switch (kind_) {
    case Kind::None: return "None";
    case Kind::Bool: return b_ ? "True" : "False";
    case Kind::Int: return std::to_string(i_);
    case Kind::Float: return float_text(d_);
    case Kind::String: return quoted(s_);
    case Kind::Temporal: return repr_;
    case Kind::Tuple: {
      std::string out = "(";
      for (size_t i = 0; i < items_.size(); ++i) out += (i ? ", " : "") + items_[i].repr();
      return out + (items_.size() == 1 ? ",)" : ")");
    }
  }
  return "";
}

bool Label::has_nul() const {
  if (kind_ == Kind::String) return s_.find('\0') != std::string::npos;
  for (const auto& item : items_) {
    if (item.has_nul()) return true;
  }
  return false;
}

bool Label::operator==(const Label& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::None: return true;
    case Kind::Bool: return b_ == other.b_;
    case Kind::Int: return i_ == other.i_;
    case Kind::Float: return d_ == other.d_ || (std::isnan(d_) && std::isnan(other.d_));
    case Kind::String: return s_ == other.s_;
    case Kind::Tuple: return items_ == other.items_;
    case Kind::Temporal: return s_ == other.s_ && i_ == other.i_;
  }
  return false;
}

bool Label::operator<(const Label& other) const {
  if (kind_ != other.kind_) return kind_ < other.kind_;
  switch (kind_) {
    case Kind::None: return false;
    case Kind::Bool: return b_ < other.b_;
    case Kind::Int: return i_ < other.i_;
    case Kind::Float:
      if (std::isnan(d_) || std::isnan(other.d_)) return !std::isnan(d_) && std::isnan(other.d_);
      return d_ < other.d_;
    case Kind::String: return s_ < other.s_;
    case Kind::Tuple: return items_ < other.items_;
    case Kind::Temporal: return s_ != other.s_ ? s_ < other.s_ : i_ < other.i_;
  }
  return false;
}

Label label_of(const Value& value) {
  switch (value.storage().index()) {
    case 0: return Label::floating(std::nan(""));
    case 1: return Label::boolean(value.get<bool>());
    case 2: return Label(value.get<int64_t>());
    case 3: return Label::floating(value.get<double>());
    default: return Label(value.get<std::string>());
  }
}

std::vector<Label> to_labels(const std::vector<std::string>& names) { return {names.begin(), names.end()}; }

std::ostream& operator<<(std::ostream& out, const Label& label) { return out << label.repr(); }

std::string repr(const std::vector<Label>& labels) {
  std::string out = "[";
  for (size_t i = 0; i < labels.size(); ++i) out += (i ? ", " : "") + labels[i].repr();
  return out + "]";
}

}  // namespace cormorant
