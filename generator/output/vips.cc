// The plugin vinhdanh-images.so: every libvips call of vinhdanh (the only file that includes it),
// behind the plain interface of vips.h. Built on its own (generator/CMakeLists.txt) and loaded by
// vips_plugin.cc the first time a photo or a card is made. libvips' exceptions stop here.
#include "output/vips.h"

#include <vips/vips8>

#include <memory>

namespace vd::output::vips {

namespace {

using ::vips::VError;
using ::vips::VImage;

// libvips' message, as it is (line breaks included); its error buffer is cleared.
bool failed(const VError& e, std::string& error) {
  error = e.what();
  vips_error_clear();
  return false;
}

// The bytes of a blob libvips returned, which is released.
std::string blob_bytes(VipsBlob* blob) {
  std::string out(static_cast<const char*>(VIPS_AREA(blob)->data), VIPS_AREA(blob)->length);
  vips_area_unref(VIPS_AREA(blob));
  return out;
}

// A blob over `bytes` (not copied), released however the call using it ends.
std::unique_ptr<VipsBlob, void (*)(VipsBlob*)> blob(const std::string& bytes) {
  return {vips_blob_new(nullptr, bytes.data(), bytes.size()),
          [](VipsBlob* b) { vips_area_unref(VIPS_AREA(b)); }};
}

Pixels pixels(const VImage& img) {
  std::size_t size = 0;
  void* bytes = img.write_to_memory(&size);
  Pixels out{img.width(), img.height(), img.bands(),
             std::string(static_cast<const char*>(bytes), size)};
  g_free(bytes);
  return out;
}

bool size(const std::string& image, Size& out, std::string& error) try {
  VImage img = VImage::new_from_buffer(image.data(), image.size(), "",
                                       VImage::option()->set("access", "sequential"));
  out.width = img.width();
  out.height = img.height();
  out.orientation = img.get_typeof("orientation") ? img.get_int("orientation") : 1;
  return true;
} catch (const VError& e) {
  return failed(e, error);
}

bool resize(const std::string& image, int width, const std::string& format, std::string& out,
            std::string& error) try {
  auto in = blob(image);
  VImage img = VImage::thumbnail_buffer(
      in.get(), width,
      VImage::option()->set("height", VIPS_MAX_COORD)->set("size", VIPS_SIZE_DOWN));
  img = img.colourspace(VIPS_INTERPRETATION_sRGB);
  if (format == "webp") {
    out = blob_bytes(img.webpsave_buffer(VImage::option()->set("Q", 80)->set("strip", true)));
  } else if (format == "png") {
    out = blob_bytes(img.pngsave_buffer(VImage::option()->set("strip", true)));
  } else {
    if (img.has_alpha()) img = img.flatten(VImage::option()->set("background", 255));
    out = blob_bytes(img.jpegsave_buffer(VImage::option()
                                             ->set("Q", 82)
                                             ->set("strip", true)
                                             ->set("optimize_coding", true)
                                             ->set("interlace", true)));
  }
  return true;
} catch (const VError& e) {
  return failed(e, error);
}

// Made, built, read and released in one call, outside libvips' operation cache: the Pango
// layout and context go in the operation's dispose, which the caller's lock must cover too.
bool text(const std::string& markup, const char* font, int width, Pixels& out,
          std::string& error) try {
  VipsOperation* op = vips_operation_new("text");
  if (!op) throw VError();
  g_object_set(op, "text", markup.c_str(), "font", font, "width", width, "dpi", 72, "wrap",
               VIPS_TEXT_WRAP_WORD_CHAR, nullptr);
  if (vips_object_build(VIPS_OBJECT(op)) != 0) {  // not vips_cache_operation_build: no cache
    vips_object_unref_outputs(VIPS_OBJECT(op));
    g_object_unref(op);
    throw VError();
  }
  VipsImage* made = nullptr;
  g_object_get(op, "out", &made, nullptr);
  VImage mask(made);
  out = pixels(mask);
  mask = VImage();
  vips_object_unref_outputs(VIPS_OBJECT(op));
  g_object_unref(op);  // the layout and context are released here, under the caller's lock
  return true;
} catch (const VError& e) {
  return failed(e, error);
}

bool portrait(const std::string& image, int width, int height,
              const std::array<std::uint8_t, 3>& background, Pixels& out, std::string& error) try {
  auto in = blob(image);
  VImage img = VImage::thumbnail_buffer(
      in.get(), width,
      VImage::option()->set("height", height)->set("crop", VIPS_INTERESTING_ATTENTION));
  img = img.colourspace(VIPS_INTERPRETATION_sRGB);
  if (img.has_alpha())
    img = img.flatten(VImage::option()->set(
        "background", std::vector<double>(background.begin(), background.end())));
  out = pixels(img.cast(VIPS_FORMAT_UCHAR));
  return true;
} catch (const VError& e) {
  return failed(e, error);
}

bool jpeg(const unsigned char* rgb, int width, int height, std::string& out,
          std::string& error) try {
  VImage img = VImage::new_from_memory(const_cast<unsigned char*>(rgb),
                                       static_cast<std::size_t>(width) * height * 3, width, height,
                                       3, VIPS_FORMAT_UCHAR);
  out = blob_bytes(img.jpegsave_buffer(
      VImage::option()->set("Q", 82)->set("strip", true)->set("optimize_coding", true)));
  return true;
} catch (const VError& e) {
  return failed(e, error);
}

const Calls kCalls{kAbi, size, resize, text, portrait, jpeg};

}  // namespace

}  // namespace vd::output::vips

// Starts libvips (one thread per image: images are spread over threads instead; no operation
// cache: every image is used once) and hands out the calls; nullptr when libvips cannot start.
extern "C" __attribute__((visibility("default"))) const vd::output::vips::Calls*
vd_images_plugin() {
  if (VIPS_INIT("vinhdanh") != 0) return nullptr;
  vips_concurrency_set(1);
  vips_cache_set_max(0);
  return &vd::output::vips::kCalls;
}
