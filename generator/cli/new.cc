// `vinhdanh new profile|campaign|bulletin|unit "Tên"`: a correctly named file from an archetype.
// The file name comes from the name's slug, so the page's URL is fixed from the start.
#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.h"

namespace vd::cli {

namespace {

std::string unique_path(const fs::FileSystem& fs, const std::string& dir, const std::string& slug) {
  std::string path = fs::join(dir, slug + ".md");
  for (int i = 2; fs.is_file(path); ++i) path = fs::join(dir, fmt::format("{}-{}.md", slug, i));
  return path;
}

// The archetype is shared with `vinhdanh import`, so both write profiles the same way.
std::string profile_archetype(const std::string& name) {
  import::ProfileFields f;
  f.name = name;
  return import::profile_text(f);
}

std::string campaign_archetype(const std::string& name) {
  return fmt::format(R"(---
title: {}
number: ""                # e.g. 345/KH-PGDĐT
issuer:                   # a unit id from content/units.yml
place:
date:
theme:
basis: []
targets: []
timeline: []
standards: []
draft: true
---
Nội dung kế hoạch.
)",
                     name);
}

// A draft: its missing fields are warnings until `draft: true` is removed.
std::string bulletin_archetype(const std::string& title, const std::string& date) {
  return fmt::format(R"(---
doc_type: THÔNG BÁO       # THÔNG BÁO, BẢN TIN, QUYẾT ĐỊNH, KẾ HOẠCH …
number: ""                # e.g. 215/TB-PGDĐT (the symbol matches the type: TB)
issuer:                   # a unit id from content/units.yml (default: site.yml's issuer)
place:
date: {}
campaign:                 # a campaign id
title: {}
summary:
honourees: []             # - award: Chiến sĩ thi đua cơ sở
                          #   profiles: [<school year>/<file name>]
recipients: []
archive: VT
signer:
  prefix:                 # KT., TM., Q., TL., TUQ. or nothing
  position: ""            # e.g. "Trưởng phòng\nPhó Trưởng phòng"
  name: ""
attachment: false         # true: the list "DANH SÁCH … kèm theo" from the profiles
draft: true
---
Nội dung thông báo.
)",
                     date, title);
}

}  // namespace

int run_new(const std::string& kind, const std::string& name, const std::string& source,
            const Common& common) {
  auto fs = fs::make_real();
  std::string slug = text::slugify(text::nfc(name));
  if (slug.empty()) {
    std::fprintf(stderr, "error: '%s' gives an empty file name; use letters or digits\n",
                 name.c_str());
    return kSystemError;
  }
  std::string path, bytes;
  if (kind == "profile") {
    std::string dir =
        fs::join(source, "content/profiles/" + text::school_year_of(pipeline::today()));
    path = unique_path(*fs, dir, slug);
    bytes = profile_archetype(text::nfc(name));
  } else if (kind == "bulletin") {
    text::Date today = pipeline::today();
    path = unique_path(*fs, fs::join(source, "content/bulletins/" + text::school_year_of(today)),
                       slug);
    bytes = bulletin_archetype(text::nfc(name), text::iso_date(today));
  } else if (kind == "campaign") {
    path = unique_path(*fs, fs::join(source, "content/campaigns"), slug);
    bytes = campaign_archetype(text::nfc(name));
  } else {
    path = fs::join(source, "content/units.yml");
    fs::ReadResult r = fs->read(path);
    bytes = r.status ? r.bytes : std::string();
    if (bytes.find("- id: " + slug + "\n") != std::string::npos) {
      std::fprintf(stderr, "error: a unit with id '%s' already exists in %s\n", slug.c_str(),
                   path.c_str());
      return kSystemError;
    }
    if (!bytes.empty() && bytes.back() != '\n') bytes += '\n';
    bytes +=
        fmt::format("- id: {}\n  name: {}\n  kind: school\n  parent:\n", slug, text::nfc(name));
  }
  diag::Status s = fs->write(path, bytes);
  if (!s) {
    std::fprintf(stderr, "error: %s\n", s.message.c_str());
    return kSystemError;
  }
  if (!common.quiet) std::printf("%s %s\n", kind == "unit" ? "added to" : "created", path.c_str());
  return kOk;
}

}  // namespace vd::cli
