// Portraits in pages: responsive photos prepared by output/ (srcset in WebP and JPEG), or a
// generated SVG picture with the person's initials.
#include <fmt/format.h>

#include "render/views.h"

namespace vd::render {

std::string initials_path(std::string_view initials) {
  std::string hex;
  for (unsigned char ch : initials) hex += fmt::format("{:02x}", ch);
  return "images/chu-cai/" + (hex.empty() ? std::string("trong") : hex) + ".svg";
}

// A square in the theme's colours with the initials (diacritics kept: "ĐƯ"). Fonts of the
// reader's system; DejaVu and Noto carry every Vietnamese letter.
std::string initials_svg(std::string_view initials) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 160 160\" width=\"160\" "
      "height=\"160\"><rect width=\"160\" height=\"160\" fill=\"#9b1c1c\"/><text x=\"80\" "
      "y=\"80\" dy=\"0.35em\" text-anchor=\"middle\" font-family=\"'Noto Sans', 'DejaVu Sans', "
      "Arial, sans-serif\" font-size=\"{}\" font-weight=\"700\" fill=\"#ffffff\">{}</text></svg>\n",
      text::codepoints(initials) > 1 ? 64 : 76, text::xml_escape(initials));
}

json photo_view(const ViewContext& c, const std::string& photo, const std::string& initials) {
  const Image* img = nullptr;
  if (!photo.empty()) {
    auto it = c.photos().find(photo);
    if (it != c.photos().end()) img = &it->second;
  }
  json out = {{"has_photo", img != nullptr},
              {"initials_url", c.link("/" + initials_path(initials))}};
  if (!img) return out;
  std::string webp, jpeg;
  int fallback = img->widths.front();
  for (int w : img->widths) {
    auto url = [&](const char* ext) {
      return c.link(fmt::format("/images/{}-{}.{}", img->hash, w, ext));
    };
    webp += fmt::format("{}{} {}w", webp.empty() ? "" : ", ", url("webp"), w);
    jpeg += fmt::format("{}{} {}w", jpeg.empty() ? "" : ", ", url("jpg"), w);
    if (w <= 320) fallback = w;
  }
  out["photo"] = {{"src", c.link(fmt::format("/images/{}-{}.jpg", img->hash, fallback))},
                  {"srcset_webp", webp},
                  {"srcset_jpeg", jpeg},
                  {"width", fallback},
                  {"height", img->height_at(fallback)}};
  return out;
}

}  // namespace vd::render
