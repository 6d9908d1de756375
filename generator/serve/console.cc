#include "serve/serve.h"

#include <fmt/format.h>

namespace vd::serve {

std::string Console::describe(const Event& ev) {
  const RebuildResult& r = *ev.result;
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  std::set<std::string> warnings;
  for (const diag::Diagnostic& d : r.diags.sorted()) {
    if (d.severity == diag::Severity::kNote && (quiet_ || r.ok)) continue;
    std::string text = diag::format(d, r.sources);
    if (d.severity == diag::Severity::kWarning) {
      warnings.insert(text);
      if (shown_.count(text)) continue;
    }
    out += text;
  }
  // A rebuild reports every problem of the site; pages rendered later add theirs.
  if (r.later)
    shown_.insert(warnings.begin(), warnings.end());
  else
    shown_ = std::move(warnings);

  std::string what = r.later              ? std::string("rendering pages left for later")
                     : ev.changed.empty() ? std::string("built")
                     : ev.changed.size() == 1
                         ? "rebuilt after " + ev.changed[0]
                         : fmt::format("rebuilt after {} changes", ev.changed.size());
  if (r.ok)
    out += fmt::format(
        "{} in {:.0f} ms: {} files rendered, {} changed{}{}\n", what, r.seconds * 1000,
        r.rendered.size(), r.updated, r.full ? " (full)" : "",
        r.deferred ? fmt::format(", {} pages rendered when viewed", r.deferred) : std::string());
  if (r.ok && timings_) {
    std::string t;
    for (const auto& [stage, seconds] : r.timings)
      t += fmt::format(" {} {:.1f}", stage, seconds * 1000);
    out += fmt::format("  ms:{}; processor time {:.0f} ms\n", t, r.cpu_seconds * 1000);
  }
  if (!r.ok)
    out += fmt::format("{} failed in {:.0f} ms: {}; still serving the last good build{}\n", what,
                       r.seconds * 1000, diag::summary(r.diags), r.later ? " of those pages" : "");
  return out;
}

}  // namespace vd::serve
