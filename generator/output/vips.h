// The few libvips calls that photos (images.cc) and social cards (cards.cc) need, made in one
// adapter file (vips.cc) that is built as a plugin, vinhdanh-images.so, and loaded on first use
// (vips_plugin.cc). libvips links ~100 shared libraries (glib, Pango, cairo, poppler, HDF5…)
// whose loading and start-up cost ~25 ms of every run, and most runs (check, version, serve until
// a card is asked for, any site without photos or cards) never make an image.
// In: encoded images, text, plain RGB pixels. Out: sizes, encoded bytes, 8-bit masks, pixels;
// a failure as libvips' own message. Never throws across the plugin boundary; no file access.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace vd::output::vips {

// Bumped whenever Calls changes, so a plugin left from another build is refused, not misread.
constexpr int kAbi = 1;

// The name of the plugin file and of the function it exports (extern "C", const Calls*(), which
// starts libvips and returns nullptr when it cannot).
constexpr const char* kPluginFile = "vinhdanh-images.so";
constexpr const char* kEntryPoint = "vd_images_plugin";

struct Size {
  int width = 0, height = 0;
  int orientation = 1;  // EXIF orientation (1 when the image has none)
};

// An 8-bit image, row by row (`bands` bytes a pixel).
struct Pixels {
  int width = 0, height = 0, bands = 0;
  std::string bytes;
};

// Every call returns false with libvips' message in `error` when libvips fails.
struct Calls {
  int abi;
  // The size of an encoded image, read from its header.
  bool (*size)(const std::string& image, Size& out, std::string& error);
  // A copy `width` pixels wide (never enlarged), sRGB, without metadata, as "webp", "png" or
  // "jpg" (alpha flattened on white). libvips 8.14 leaves EXIF in WebP: strip_webp cleans it.
  bool (*resize)(const std::string& image, int width, const std::string& format, std::string& out,
                 std::string& error);
  // Pango markup laid out in `font`, wrapped at `width` pixels (words, else characters), at
  // 72 dpi: a one-band mask (255 = ink). Not thread-safe in libvips 8.14 (cards.cc locks).
  bool (*text)(const std::string& markup, const char* font, int width, Pixels& out,
               std::string& error);
  // The photo cropped to fill width × height around its most interesting part (a face), as
  // 3-band sRGB, alpha flattened on `background`; it may come out smaller than asked.
  bool (*portrait)(const std::string& image, int width, int height,
                   const std::array<std::uint8_t, 3>& background, Pixels& out, std::string& error);
  // width × height 3-band pixels as a baseline JPEG (quality 82, optimised coding, no metadata).
  bool (*jpeg)(const unsigned char* rgb, int width, int height, std::string& out,
               std::string& error);
};

// The plugin's calls, loaded and started once (thread-safe); nullptr when it cannot be, with the
// reason in `why` (the plugin is missing or broken, or libvips could not start).
const Calls* calls(std::string* why = nullptr);

}  // namespace vd::output::vips
