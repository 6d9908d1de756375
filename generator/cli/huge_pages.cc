// TCMalloc's memory from the kernel in 2 MiB pages. A 10 000-profile build grows its heap by
// ~200 MiB; in 4 KiB pages that is ~50 000 page faults, each costly in a virtual machine (a fifth
// of a build's time on the benchmark machine). Regions asked of the kernel here are marked for
// transparent huge pages (MADV_HUGEPAGE: used when the system's setting is "madvise" or
// "always"), so the heap faults in 2 MiB at a time. Only in the release build, which links
// TCMalloc (VD_TCMALLOC); memory is given back to the kernel by TCMalloc as before.
#ifdef VD_TCMALLOC
#include <gperftools/malloc_extension.h>
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

namespace vd::cli {

namespace {

class HugePageAllocator : public SysAllocator {
 public:
  explicit HugePageAllocator(SysAllocator* fallback) : fallback_(fallback) {}
  // Called by TCMalloc under its page heap lock: one call at a time.
  void* Alloc(std::size_t size, std::size_t* actual_size, std::size_t alignment) override {
    if (alignment < kHuge) alignment = kHuge;
    std::uintptr_t start = (next_ + alignment - 1) & ~(alignment - 1);
    if (!next_ || start + size > end_) {
      std::size_t want = ((size + alignment + kRegion - 1) / kRegion) * kRegion;
      void* p = ::mmap(nullptr, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) return fallback_->Alloc(size, actual_size, alignment);
      ::madvise(p, want, MADV_HUGEPAGE);
      next_ = reinterpret_cast<std::uintptr_t>(p);
      end_ = next_ + want;
      start = (next_ + alignment - 1) & ~(alignment - 1);
    }
    std::size_t rounded = (size + kHuge - 1) & ~(kHuge - 1);
    if (start + rounded > end_) rounded = size;
    next_ = start + rounded;
    if (actual_size) *actual_size = rounded;
    return reinterpret_cast<void*>(start);
  }

 private:
  static constexpr std::size_t kHuge = std::size_t{2} << 20;
  static constexpr std::size_t kRegion = std::size_t{64} << 20;  // reserved at a time
  SysAllocator* fallback_;
  std::uintptr_t next_ = 0, end_ = 0;
};

}  // namespace

void use_huge_pages() {
  static HugePageAllocator huge(MallocExtension::instance()->GetSystemAllocator());
  MallocExtension::instance()->SetSystemAllocator(&huge);
}

}  // namespace vd::cli
#else
namespace vd::cli {
void use_huge_pages() {}
}  // namespace vd::cli
#endif
