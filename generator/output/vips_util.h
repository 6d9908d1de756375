// What images.cc (photos) and cards.cc (social cards) share of libvips: start-up and blobs.
// In: nothing but libvips itself. Out: a started libvips (false when it cannot start), bytes.
// Never included outside output/ (libvips stays in its adapter files: tests/layering_check.sh).
#pragma once

#include <vips/vips8>

#include <string>

namespace vd::output {

// Starts libvips once (one thread per image, no operation cache); false if it cannot start.
bool vips_ready();

// The bytes of a blob libvips returned, which is released.
inline std::string blob_bytes(VipsBlob* blob) {
  std::string out(static_cast<const char*>(VIPS_AREA(blob)->data), VIPS_AREA(blob)->length);
  vips_area_unref(VIPS_AREA(blob));
  return out;
}

}  // namespace vd::output
