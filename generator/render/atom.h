// Atom 1.0 feeds (RFC 4287): one writer for every feed of the site (honourees, units, bulletins).
// In: the feed's metadata and its entries, already ordered. Out: the feed document, every text
// and URL XML-escaped. Never reads a clock: dates come from the content, so feeds are
// deterministic.
#pragma once

#include <string>
#include <vector>

#include "site/site.h"

namespace vd::render {

struct AtomEntry {
  std::string title;
  std::string url;      // absolute
  std::string updated;  // YYYY-MM-DD
  std::string summary;
  std::string category;  // empty: no <category>
};

// `self` and `alternate` are site paths ("/feed.xml", "/"); `updated` is YYYY-MM-DD.
std::string atom_feed(const site::Site& s, const std::string& title, const std::string& self,
                      const std::string& alternate, const std::string& updated,
                      const std::vector<AtomEntry>& entries);

}  // namespace vd::render
