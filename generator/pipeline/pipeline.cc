#include "pipeline/pipeline.h"

#include <fmt/format.h>

#include <ctime>

#include "load/load.h"
#include "model/model.h"
#include "render/render.h"
#include "site/site.h"

namespace vd::pipeline {

text::Date today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

BuildResult build(fs::FileSystem& fs, const BuildOptions& opts) {
  BuildResult r;
  load::LoadOptions lo{opts.source, opts.theme.empty() ? opts.source : opts.theme, opts.threads};
  load::SourceTree tree = load::load_site(fs, lo, r.diags);
  model::Model model = model::build_model(tree, r.diags, opts.drafts);
  if (!opts.base_url.empty()) {
    model.config.base_url = opts.base_url;
    if (model.config.base_url.back() != '/') model.config.base_url += '/';
  }
  site::Site site =
      site::build_site(model, {opts.drafts, opts.future, opts.expired, opts.today}, r.diags);
  r.sources = std::move(tree.sources);
  if (r.diags.has_errors())
    return r;  // errors stop the build before anything is rendered or written

  render::Theme theme{std::move(tree.layouts), std::move(tree.assets), std::move(tree.images)};
  render::Output out = render::render_site(site, theme, {opts.threads, opts.pretty_links}, r.diags);
  r.pages = site.pages.size();
  r.files = out.files.size();
  std::vector<std::pair<std::string, std::vector<std::string>>> privates;
  for (const model::PrivateData& p : model.private_data)
    privates.emplace_back(p.profile_path, p.values);
  for (const output::Leak& leak : output::find_leaks(out, privates))
    r.diags.error(
        {leak.value_owner, 0, 0},
        fmt::format("a value from this profile's 'private:' block appears in the output file {}",
                    leak.file),
        "remove the private value from the public fields and the story; private data is never "
        "published");
  if (r.diags.has_errors() || !opts.write) return r;
  r.status = output::write_site(fs, out, opts.out, r.stats);
  return r;
}

}  // namespace vd::pipeline
