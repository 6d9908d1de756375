// Loads the libvips plugin (vips.h) the first time a photo or a card is made. It is looked for
// beside the running program (build/release/vinhdanh-images.so beside build/release/vinhdanh,
// and a copied pair keeps working), then where this build made it (the test and fuzz binaries,
// which live in other folders).
#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <string>

#include "output/vips.h"

namespace vd::output::vips {

namespace {

std::string program_folder() {
  char path[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return {};
  std::string s(path, static_cast<std::size_t>(n));
  return s.substr(0, s.rfind('/') + 1);
}

struct Loaded {
  const Calls* calls = nullptr;
  std::string why;
};

Loaded load() {
  Loaded r;
  std::string tried;
  for (std::string path : {program_folder() + kPluginFile, std::string(VD_IMAGES_PLUGIN)}) {
    if (path == kPluginFile) continue;  // no program folder: never search the library path
    void* lib = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      if (::access(path.c_str(), F_OK) == 0) {  // there but broken: say why, look no further
        const char* e = ::dlerror();
        r.why = "the image plugin cannot be loaded: " + std::string(e ? e : path);
        return r;
      }
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    using Entry = const Calls* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(lib, kEntryPoint));
    if (!entry) {
      r.why = "the image plugin " + path + " is not one of this version of vinhdanh";
      return r;
    }
    r.calls = entry();
    if (!r.calls)
      r.why = "libvips could not start";
    else if (r.calls->abi != kAbi) {
      r.calls = nullptr;
      r.why = "the image plugin " + path + " is not one of this version of vinhdanh";
    }
    return r;
  }
  r.why = "the image plugin " + std::string(kPluginFile) + " is missing (looked for " + tried +
          "); rebuild vinhdanh, or keep the plugin beside the program";
  return r;
}

}  // namespace

const Calls* calls(std::string* why) {
  static const Loaded loaded = load();
  if (!loaded.calls && why) *why = loaded.why;
  return loaded.calls;
}

}  // namespace vd::output::vips
