// Typed access to one YAML map, recording which keys were read so that unknown keys can be
// reported with a "did you mean" hint. Internal to model/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "load/load.h"
#include "model/model.h"
#include "text/text.h"

namespace vd::model {

class Fields {
 public:
  // `what` names the record in messages, e.g. "profile", "unit".
  Fields(const load::Node& map, std::string what, diag::Diagnostics& diags);

  std::string text(const char* key, bool required = false);
  std::optional<int> integer(const char* key, int min, int max, bool required = false);
  std::optional<double> number(const char* key, bool required = false);
  bool boolean(const char* key, bool fallback);
  std::optional<text::Date> date(const char* key, bool required = false);
  std::string school_year(const char* key, bool required = false);
  std::vector<std::string> text_list(const char* key);
  // An address published as a link: only http:// or https:// (never javascript:, data:, …).
  std::string url(const char* key, bool required = false);
  // The position of every item of a list-valued key (of the key itself for a single value).
  std::vector<diag::Position> item_positions(const char* key) const;
  // The raw node of a nested value (map or list), or nullptr; marks the key as known.
  const load::Node* node(const char* key, bool required = false);
  // Accepts the key without reading it (read elsewhere, e.g. `private`).
  void allow(const char* key);

  // Reports keys that were never asked for. Call after every field was read.
  void finish();
  bool ok() const { return ok_; }
  diag::Position pos() const { return map_.pos; }
  diag::Position pos_of(const char* key) const;

 private:
  const load::Node* scalar(const char* key, bool required, const char* type_word);
  void type_error(const load::Node& n, const char* key, const std::string& expected,
                  const std::string& hint);
  void missing(const char* key);

  const load::Node& map_;
  std::string what_;
  diag::Diagnostics& diags_;
  std::vector<std::string> known_;
  bool ok_ = true;
};

// Content is never a template: "{{" in a value or a story would be published as it stands.
// Reports it (returns false) with the position of the braces.
bool check_no_mustache(std::string_view text, const diag::Position& start,
                       diag::Diagnostics& diags);
// check_plain_text is declared in model.h (importers use it too).

// Reads a scalar node as the given types (used for list items and nested maps).
std::optional<text::Date> as_date(const load::Node& n, diag::Diagnostics& diags);

}  // namespace vd::model
