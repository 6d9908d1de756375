// The kainjow Mustache adapter: the only file that includes kainjow/mustache.hpp.
#include "render/templates.h"

#include <kainjow/mustache.hpp>

#include <fmt/format.h>

#include "text/text.h"

namespace vd::render {

namespace mus = kainjow::mustache;

namespace {

mus::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mus::data d{mus::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mus::data d{mus::data::type::list};
      for (const auto& item : j) d.push_back(to_data(item));
      return d;
    }
    case nlohmann::json::value_t::string: {
      // kainjow treats "" as true in sections: make an empty value false so {{#x}} hides it.
      const auto& s = j.get_ref<const std::string&>();
      return s.empty() ? mus::data(false) : mus::data(s);
    }
    case nlohmann::json::value_t::boolean:
      return mus::data(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return mus::data(std::to_string(j.get<long long>()));
    case nlohmann::json::value_t::number_float:
      return mus::data(text::format_decimal(j.get<double>(), 2));
    default:
      return mus::data(false);
  }
}

std::string layout_name(const std::string& file) {
  std::string n = file;
  if (n.size() > 9 && n.compare(n.size() - 9, 9, ".mustache") == 0) n.resize(n.size() - 9);
  return n;
}

// Turns kainjow's "… at 12" byte offset into line:column inside the file.
diag::Position position_of(const load::ThemeFile& f, const std::string& message) {
  diag::Position pos{"layouts/" + f.name, 0, 0};
  auto at = message.rfind(" at ");
  if (at == std::string::npos) return pos;
  std::size_t offset = std::strtoul(message.c_str() + at + 4, nullptr, 10);
  offset = std::min(offset, f.bytes.size());
  std::size_t line_start = f.bytes.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string::npos || offset == 0) ? 0 : line_start + 1;
  pos.line = 1 + static_cast<int>(std::count(f.bytes.begin(), f.bytes.begin() + line_start, '\n'));
  pos.column = static_cast<int>(
      text::column_of(std::string_view(f.bytes).substr(line_start), offset - line_start));
  return pos;
}

}  // namespace

struct Templates::Impl {
  std::map<std::string, std::unique_ptr<mus::mustache>> pages;
  std::map<std::string, std::string> partials;
};

Templates::Templates(const std::vector<load::ThemeFile>& layouts)
    : impl_(std::make_unique<Impl>()) {
  for (const load::ThemeFile& f : layouts) {
    std::string name = layout_name(f.name);
    if (name.rfind("partials/", 0) == 0) {
      impl_->partials[name.substr(9)] = f.bytes;
    } else {
      impl_->pages[name] = std::make_unique<mus::mustache>(f.bytes);
    }
  }
}

Templates::~Templates() = default;

bool Templates::has(const std::string& name) const {
  return impl_->pages.count(name) > 0;
}

std::string Templates::render(const std::string& name, const nlohmann::json& view,
                              std::string& errors) {
  auto it = impl_->pages.find(name);
  if (it == impl_->pages.end()) {
    errors += fmt::format("layout '{}.mustache' not found in layouts/\n", name);
    return {};
  }
  mus::mustache& tmpl = *it->second;
  if (!tmpl.is_valid()) return {};  // reported once by check_layouts
  mus::data data = to_data(view);
  for (const auto& [pname, body] : impl_->partials) {
    const std::string* text = &body;
    data.set(pname, mus::partial([text] { return *text; }));
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    errors += fmt::format("layouts/{}.mustache: {} (in a partial it includes)\n", name,
                          tmpl.error_message());
    return {};
  }
  return out;
}

void check_layouts(const std::vector<load::ThemeFile>& layouts, diag::Diagnostics& diags) {
  for (const load::ThemeFile& f : layouts) {
    if (f.name.size() < 9 || f.name.compare(f.name.size() - 9, 9, ".mustache") != 0) continue;
    mus::mustache t(f.bytes);
    if (!t.is_valid())
      diags.error(
          position_of(f, t.error_message()), "template syntax: " + t.error_message(),
          "every {{#section}} needs a matching {{/section}}, and every tag must be closed with }}");
  }
}

}  // namespace vd::render
