// Social cards (Open Graph pictures) with libvips (its calls are in the plugin, vips.h): text
// through its text operation (Pango and fontconfig, DejaVu Sans), the portrait through
// thumbnail, the card painted in plain memory in the site's colours (--c-red, --c-gold,
// --c-gold-light of its assets/style.css), then encoded as JPEG.
//
// libvips 8.14 guards only part of its text operation with its own lock: the Pango layout and
// context it makes are released in the operation's dispose, outside that lock, while another
// thread may be laying out text in the same shared font map. Drawing text on several threads
// crashed (SIGFPE in g_hash_table_lookup, segfaults) in about four runs in ten (upstream libvips
// issues #3660 and #4542, fixed in 8.16/8.17). So every text operation is made, built, read and
// released under one lock, outside libvips' operation cache. That lock is all that is serial:
// the text is a one-band mask, and the lines that repeat across thousands of cards (the site's
// title, award names, units) are laid out once per build and kept; only the name is laid out per
// card. Painting the masks and encoding the JPEG run on every thread.
#include <fmt/format.h>

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "output/output.h"
#include "output/vips.h"
#include "parallel/parallel.h"

namespace vd::output {

namespace {

// A libvips call failed (its message is not used: the card is left out, and counted).
struct Failed {};

// The plugin's calls; throws Failed when libvips cannot be loaded or started.
const vips::Calls& lib() {
  const vips::Calls* calls = vips::calls();
  if (!calls) throw Failed{};
  return *calls;
}

constexpr int kWidth = 1200, kHeight = 630;
constexpr int kPanel = 420;       // the portrait's column, when there is one
constexpr int kRuleTop = 560;     // the gold rule
constexpr int kTextBottom = 530;  // no text below this line
const std::vector<double> kWhite{255, 255, 255};

std::vector<double> rgb(const std::array<std::uint8_t, 3>& c) {
  return {static_cast<double>(c[0]), static_cast<double>(c[1]), static_cast<double>(c[2])};
}

std::mutex text_mutex;  // every libvips text operation of the process

// How one line of a card is set: the fonts tried from the largest, and the most
// height its block may take (a block taller than that is set smaller, then shortened).
struct Style {
  std::vector<const char*> fonts;
  int max_height;
};
// Names and awards in white; the site's title and the unit in the theme's light colour.
const Style kSiteStyle{{"DejaVu Sans 26"}, 44};
const Style kNameStyle{{"DejaVu Sans Bold 60", "DejaVu Sans Bold 50", "DejaVu Sans Bold 42"}, 170};
const Style kAwardStyle{{"DejaVu Sans 32", "DejaVu Sans 26"}, 90};
const Style kUnitStyle{{"DejaVu Sans 28", "DejaVu Sans 24"}, 76};

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// At most `max` code points, "…" added when some were dropped.
std::string shorten(std::string_view s, std::size_t max) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && points++ == max)
      return std::string(s.substr(0, i)) + "…";
  return std::string(s);
}

// Pango markup with & < > escaped, so a name is drawn as written and never read as markup.
std::string escape_markup(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '&')
      out += "&amp;";
    else if (ch == '<')
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else
      out += ch;
  }
  return out;
}

// The ink of `text` (255 = ink), wrapped at `width` pixels, at 72 dpi.
TextInk text_mask(const std::string& text, const char* font, int width) {
  std::string markup = escape_markup(text);
  const vips::Calls& calls = lib();
  vips::Pixels mask;
  std::string error;
  std::lock_guard<std::mutex> lock(text_mutex);
  if (!calls.text(markup, font, width, mask, error)) throw Failed{};
  return {mask.width, mask.height, std::move(mask.bytes)};
}

TextInk crop(const TextInk& in, int width, int height) {
  if (in.width <= width && in.height <= height) return in;
  TextInk out{std::min(in.width, width), std::min(in.height, height), {}};
  for (int y = 0; y < out.height; ++y)
    out.coverage.append(in.coverage, static_cast<std::size_t>(y) * in.width, out.width);
  return out;
}

// The ink of one block: the first font whose wrapped text fits the style's height, else the
// text shortened at the smallest font until it fits. Never wider than `width`.
TextInk fit(const std::string& text, const Style& style, int width) {
  std::string t = shorten(text, 160);
  TextInk m;
  for (const char* font : style.fonts) {
    m = text_mask(t, font, width);
    if (m.height <= style.max_height) break;
  }
  for (std::size_t n = code_points(t); m.height > style.max_height && n > 1;) {
    n = n * 3 / 4;
    m = text_mask(shorten(t, n), style.fonts.back(), width);
  }
  return crop(m, width, style.max_height);
}

// A card being drawn: 8-bit RGB, row by row. Drawn in plain memory rather than as a chain of
// libvips operations: a chain costs more in setting up than in drawing a few lines of text.
struct Canvas {
  std::vector<unsigned char> rgb = std::vector<unsigned char>(kWidth * kHeight * 3);

  void fill(int x, int y, int w, int h, const std::vector<double>& c) {
    for (int r = y; r < y + h; ++r)
      for (int i = x; i < x + w; ++i)
        for (int b = 0; b < 3; ++b)
          rgb[(r * kWidth + i) * 3 + b] = static_cast<unsigned char>(c[b]);
  }
  // `ink` in `colour` over what is there, its top left corner at (x, y); clipped to the card.
  void paint(const TextInk& ink, int x, int y, const std::vector<double>& colour) {
    for (int r = 0; r < ink.height && y + r < kHeight; ++r)
      for (int i = 0; i < ink.width && x + i < kWidth; ++i) {
        int a = static_cast<unsigned char>(ink.coverage[r * ink.width + i]);
        if (a == 0) continue;
        unsigned char* px = &rgb[((y + r) * kWidth + x + i) * 3];
        for (int b = 0; b < 3; ++b)
          px[b] = static_cast<unsigned char>(
              px[b] + ((static_cast<int>(colour[b]) - px[b]) * a + 127) / 255);
      }
  }
  // The portrait, cropped to the panel around what libvips finds most interesting (a face).
  void portrait(const std::string& photo, const std::array<std::uint8_t, 3>& background) {
    vips::Pixels img;
    std::string error;
    if (!lib().portrait(photo, kPanel, kHeight, background, img, error)) throw Failed{};
    const auto* px = reinterpret_cast<const unsigned char*>(img.bytes.data());
    int w = std::min(img.width, kPanel), h = std::min(img.height, kHeight);
    for (int r = 0; r < h; ++r)
      std::copy(px + static_cast<std::size_t>(r) * img.width * 3,
                px + (static_cast<std::size_t>(r) * img.width + w) * 3, &rgb[r * kWidth * 3]);
  }
  std::string jpeg() const {
    std::string out, error;
    if (!lib().jpeg(rgb.data(), kWidth, kHeight, out, error)) throw Failed{};
    return out;
  }
};

// The inks of repeated lines and the backgrounds, for one set of cards, shared by the threads
// drawing them (read-only once made).
class Painter {
 public:
  explicit Painter(const std::map<std::string, std::string>* images) : images_(images) {}

  std::string draw(const render::SocialCard& c) {
    const std::string* photo = nullptr;
    if (!c.photo.empty() && images_) {
      auto it = images_->find(c.photo);
      if (it != images_->end()) photo = &it->second;
    }
    int x = photo ? kPanel + 60 : 80, width = kWidth - x - 80;
    thread_local Canvas card;
    card.rgb = background(c, x, width, photo != nullptr)->rgb;
    if (photo) card.portrait(*photo, c.colours.background);
    int y = 140;
    if (!c.name.empty()) {
      TextInk name = fit(c.name, kNameStyle, width);  // per card: not kept
      card.paint(name, x, y, kWhite);
      y += name.height + 28;
    }
    if (!c.award.empty()) card.paint(*kept(c.award, kAwardStyle, width), x, y, kWhite);
    if (!c.unit.empty()) {
      std::shared_ptr<const TextInk> unit = kept(c.unit, kUnitStyle, width);
      card.paint(*unit, x, kTextBottom - unit->height, rgb(c.colours.light));
    }
    return card.jpeg();
  }

 private:
  // The ink of a line many cards share, laid out once. Bounded: a site with thousands of
  // distinct units starts over rather than keeping them all.
  std::shared_ptr<const TextInk> kept(const std::string& text, const Style& style, int width) {
    std::string key = fmt::format("{}\x1f{}\x1f{}", style.fonts.front(), width, text);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = inks_.find(key); it != inks_.end()) return it->second;
    }
    auto ink = std::make_shared<const TextInk>(fit(text, style, width));
    std::lock_guard<std::mutex> lock(mutex_);
    if (inks_.size() >= 4096) inks_.clear();
    return inks_.emplace(key, ink).first->second;
  }

  // The background colour, the rule (beside the portrait's column, if any) and the site's title.
  std::shared_ptr<const Canvas> background(const render::SocialCard& c, int x, int width,
                                           bool panel) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::shared_ptr<const Canvas>& bg = backgrounds_[panel];
    if (bg && site_ == c.site && colours_ == c.colours) return bg;
    auto made = std::make_shared<Canvas>();
    made->fill(0, 0, kWidth, kHeight, rgb(c.colours.background));
    int left = panel ? kPanel : 0;
    made->fill(left, kRuleTop, kWidth - left, 10, rgb(c.colours.rule));
    if (!c.site.empty()) made->paint(fit(c.site, kSiteStyle, width), x, 56, rgb(c.colours.light));
    if (site_ != c.site || colours_ != c.colours) backgrounds_[!panel] = nullptr;
    site_ = c.site;
    colours_ = c.colours;
    return bg = made;
  }

  const std::map<std::string, std::string>* images_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const TextInk>> inks_;
  std::string site_;
  render::CardColours colours_;
  std::shared_ptr<const Canvas> backgrounds_[2];
};

// Calls draw(i, painter) for every card, spread over `threads` threads.
void each_card(std::size_t count, const std::map<std::string, std::string>& images, int threads,
               const std::function<void(std::size_t, Painter&)>& draw) {
  if (count == 0) return;
  Painter painter(&images);
  parallel::parallel_for(count, threads, [&](std::size_t i) { draw(i, painter); });
}

// One card's JPEG, "" when libvips could not draw it.
std::string try_draw(Painter& painter, const render::SocialCard& card) {
  if (!vips::calls()) return {};
  try {
    return painter.draw(card);
  } catch (const Failed&) {
    return {};
  }
}

}  // namespace

TextInk social_card_ink(const std::string& text, const std::string& font, int width) {
  try {
    return text_mask(text, font.c_str(), width);
  } catch (const Failed&) {
    return {};
  }
}

std::vector<std::string> social_card_jpegs(const std::vector<render::SocialCard>& cards,
                                           const std::map<std::string, std::string>& images,
                                           int threads) {
  std::vector<std::string> out(cards.size());
  each_card(cards.size(), images, threads,
            [&](std::size_t i, Painter& p) { out[i] = try_draw(p, cards[i]); });
  return out;
}

void write_social_cards(const std::vector<render::SocialCard>& cards,
                        const std::map<std::string, std::string>& images, Writer& out, int threads,
                        diag::Diagnostics& diags) {
  std::mutex mutex;
  std::size_t failed = 0;
  std::string first;
  each_card(cards.size(), images, threads, [&](std::size_t i, Painter& p) {
    if (out.reuse(cards[i].path)) return;  // the name is a hash of everything drawn
    std::string jpeg = try_draw(p, cards[i]);
    if (!jpeg.empty()) return out.put({cards[i].path, std::move(jpeg)});
    std::lock_guard<std::mutex> lock(mutex);
    if (failed++ == 0 || cards[i].path < first) first = cards[i].path;
  });
  if (failed)
    diags.warning({"site.yml", 0, 0},
                  fmt::format("{} social card(s) could not be drawn ({}{})", failed, first,
                              failed > 1 ? ", …" : ""),
                  "install fonts-dejavu-core, or set 'social_cards: false'");
}

}  // namespace vd::output
