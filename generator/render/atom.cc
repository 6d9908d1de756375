#include "render/atom.h"

#include <fmt/format.h>

#include "text/text.h"

namespace vd::render {

std::string atom_feed(const site::Site& s, const std::string& title, const std::string& self,
                      const std::string& alternate, const std::string& updated,
                      const std::vector<AtomEntry>& entries) {
  auto absolute = [&](const std::string& path) {
    return text::xml_escape(s.config.base_url + path.substr(1));
  };
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\" rel=\"self\"/>\n"
      "  <link href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}T00:00:00Z</updated>\n"
      "  <author><name>{}</name></author>\n",
      text::xml_escape(s.config.language), text::xml_escape(title), absolute(self),
      absolute(alternate), absolute(self), updated, text::xml_escape(s.config.issuer.name));
  for (const AtomEntry& e : entries) {
    out += fmt::format(
        "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n"
        "    <updated>{}T00:00:00Z</updated>\n    <summary>{}</summary>\n",
        text::xml_escape(e.title), text::xml_escape(e.url), text::xml_escape(e.url), e.updated,
        text::xml_escape(e.summary));
    if (!e.category.empty())
      out += fmt::format("    <category term=\"{}\"/>\n", text::xml_escape(e.category));
    out += "  </entry>\n";
  }
  return out + "</feed>\n";
}

}  // namespace vd::render
