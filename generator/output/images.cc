// Photos through libvips (its calls are in the plugin, vips.h): sizes, resized copies in WebP
// and JPEG, every metadata block removed. libvips 8.14 ignores `strip` for still WebP
// (DEPENDENCIES.md, upstream issue #3340), so WebP files are cleaned at the RIFF level here.
#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "output/output.h"
#include "output/vips.h"
#include "parallel/parallel.h"

namespace vd::output {

namespace {

// Bumped when the encoding below changes, so cached copies from older builds are not reused.
constexpr const char* kRecipe = "v1";
constexpr int kWidths[] = {160, 320, 640, 1280};

// "JPG" in "a.JPG" as "jpg"; "" without a dot.
std::string extension(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool is_raster(const std::string& name) {
  std::string ext = extension(name);
  return ext == "jpg" || ext == "jpeg" || ext == "png" || ext == "webp";
}

std::uint32_t le32(const std::string& s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

void put_le32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

std::string strip_webp(const std::string& webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0)
    return webp;
  std::string out = webp.substr(0, 12);
  for (std::size_t at = 12; at + 8 <= webp.size();) {
    std::string fourcc = webp.substr(at, 4);
    std::size_t size = le32(webp, at + 4), padded = size + (size & 1);
    if (at + 8 + size > webp.size()) return webp;  // damaged: leave it (never expected)
    std::size_t take = std::min(padded, webp.size() - at - 8);
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      std::string chunk = webp.substr(at, 8 + take);
      if (fourcc == "VP8X" && size >= 1) chunk[8] = static_cast<char>(chunk[8] & ~0x2c);
      out += chunk;
    }
    at += 8 + take;
  }
  put_le32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
  return out;
}

std::string photo_path(const render::Image& img, int width, const char* ext) {
  return fmt::format("images/{}-{}.{}", img.hash, width, ext);
}

std::map<std::string, render::Image> probe_photos(const std::map<std::string, std::string>& images,
                                                  diag::Diagnostics& diags) {
  std::map<std::string, render::Image> out;
  for (const auto& [name, bytes] : images) {
    if (!is_raster(name)) continue;
    std::string why;
    vips::Size size;
    if (const vips::Calls* lib = vips::calls(&why); lib && lib->size(bytes, size, why)) {
      render::Image r;
      std::string seed = bytes + kRecipe;
      r.hash = fmt::format("{:016x}", XXH3_64bits(seed.data(), seed.size())).substr(0, 10);
      r.width = size.width;
      r.height = size.height;
      if (size.orientation >= 5 && size.orientation <= 8) std::swap(r.width, r.height);
      for (int w : kWidths)
        if (w < r.width) r.widths.push_back(w);
      if (r.widths.empty() || (r.width < 1280 && r.width > r.widths.back()))
        r.widths.push_back(std::min(r.width, 1280));
      out.emplace(name, std::move(r));
      continue;
    }
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    diags.warning({"content/images/" + name, 0, 0},
                  fmt::format("this image cannot be read ({}); it is not published", why),
                  "save it again as JPEG, PNG or WebP; profiles using it show initials instead");
  }
  return out;
}

namespace {

// One resized copy, metadata-free: JPEG (strip works) or WebP (cleaned by strip_webp); false
// with libvips' message when it cannot be made.
bool encode(const std::string& source, int width, const std::string& format, std::string& out,
            std::string& error) {
  const vips::Calls* lib = vips::calls(&error);
  if (!lib || !lib->resize(source, width, format, out, error)) return false;
  if (format == "webp") out = strip_webp(out);
  return true;
}

struct Job {
  const std::string* source;
  std::string path, format;
  int width;
  bool cacheable;  // the name holds the source's hash: a previous build's copy is the same bytes
};

}  // namespace

void write_photos(const std::map<std::string, std::string>& images,
                  const std::map<std::string, render::Image>& photos, Writer& out, int threads,
                  diag::Diagnostics& diags) {
  std::vector<Job> jobs;
  for (const auto& [name, img] : photos) {
    const std::string& src = images.at(name);
    for (int w : img.widths) {
      jobs.push_back({&src, photo_path(img, w, "webp"), "webp", w, true});
      jobs.push_back({&src, photo_path(img, w, "jpg"), "jpg", w, true});
    }
    // The photo under its own name too (stories may link it), resized to the largest width.
    std::string ext = extension(name);
    jobs.push_back({&src, "images/" + name, ext == "jpeg" ? "jpg" : ext, img.widths.back(), false});
  }
  std::mutex mutex;
  parallel::parallel_for(jobs.size(), threads, [&](std::size_t i) {
    const Job& j = jobs[i];
    if (j.cacheable && out.reuse(j.path)) return;
    std::string bytes, error;
    if (encode(*j.source, j.width, j.format, bytes, error)) {
      out.put({j.path, std::move(bytes)});
      return;
    }
    std::lock_guard<std::mutex> lock(mutex);
    diags.error({"content/images", 0, 0}, fmt::format("{}: {}", j.path, error),
                "save the image again as JPEG, PNG or WebP");
  });
}

}  // namespace vd::output
