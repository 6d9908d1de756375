// libFuzzer entry point for vd::fuzz::import_list (see targets.h); built by the "fuzz" preset.
#include "fuzz/targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return vd::fuzz::import_list(data, size);
}
