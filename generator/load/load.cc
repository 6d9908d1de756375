#include "load/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "parallel/parallel.h"
#include "text/text.h"

namespace vd::load {

// Content files are text written by people; anything larger is a mistake (or an attack) and
// would only make the build slow.
constexpr std::size_t kMaxFileBytes = std::size_t{8} << 20;

bool clean_text(const std::string& path, std::string& text, diag::Diagnostics& diags) {
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (auto bad = text::validate_nfc(text)) {  // UTF-8 checked, then NFC (one pass)
    std::size_t line_start = text.rfind('\n', *bad == 0 ? 0 : *bad - 1);
    line_start = (line_start == std::string::npos || *bad == 0) ? 0 : line_start + 1;
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + line_start, '\n'));
    int col = static_cast<int>(
                  text::codepoints(std::string_view(text).substr(line_start, *bad - line_start))) +
              1;
    diags.error({path, line, col}, fmt::format("invalid UTF-8 at byte {}", *bad),
                "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)");
    return false;
  }
  if (std::size_t nul = text.find('\0'); nul != std::string::npos) {
    std::size_t line_start = nul == 0 ? std::string::npos : text.rfind('\n', nul - 1);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + line_start, '\n'));
    int col = static_cast<int>(
                  text::codepoints(std::string_view(text).substr(line_start, nul - line_start))) +
              1;
    diags.error({path, line, col}, fmt::format("NUL byte at byte {}", nul),
                "this looks like a binary file, or was saved as UTF-16: save it as UTF-8 text");
    return false;
  }
  if (text.find('\r') != std::string::npos) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
      if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
    text.swap(out);
  }
  return true;
}

namespace {

bool under(const std::string& path, const std::string& dir) {
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         (dir.back() == '/' || path[dir.size()] == '/'));
}

bool fence_line(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---";
}

}  // namespace

namespace {

// Splits the fences and parses the front matter; the body starts at `body_at` (npos: no body,
// the file was reported). The body itself is left to the callers (copied or moved).
Document split_document(const std::string& path, std::string_view text, diag::Diagnostics& diags,
                        std::size_t& body_at) {
  Document doc;
  doc.path = path;
  body_at = std::string_view::npos;
  std::size_t first_nl = text.find('\n');
  std::string_view first = text.substr(0, first_nl);
  if (!fence_line(first)) {
    diags.error({path, 1, 1}, "the file does not start with front matter",
                "put a line '---' first, then the fields (name: …), then another '---'");
    return doc;
  }
  std::size_t start = first_nl == std::string_view::npos ? text.size() : first_nl + 1;
  std::size_t pos = start;
  int line = 2;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view l =
        text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
    if (fence_line(l)) {
      doc.front = parse_yaml(path, text.substr(start, pos - start), 2, diags);
      body_at = nl == std::string_view::npos ? text.size() : nl + 1;
      doc.body_line = line + 1;
      if (!doc.front.is_map()) {
        if (doc.front.is_null() && diags.errors() == 0) {
          diags.error({path, 2, 1}, "the front matter is empty",
                      "add the fields between the two '---' lines");
        } else if (!doc.front.is_null()) {
          diags.error(doc.front.pos, "the front matter must be a list of 'key: value' fields",
                      "write one field per line, e.g. 'name: Nguyễn Thị Thúy'");
        }
        return doc;
      }
      doc.ok = true;
      return doc;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  diags.error({path, 1, 1}, "the front matter is never closed",
              "add a line '---' after the last field, before the text");
  return doc;
}

}  // namespace

Document parse_document(const std::string& path, std::string_view text, diag::Diagnostics& diags) {
  std::size_t body_at;
  Document doc = split_document(path, text, diags, body_at);
  if (body_at != std::string_view::npos) doc.body = std::string(text.substr(body_at));
  return doc;
}

Document take_document(const std::string& path, std::string& text, diag::Diagnostics& diags) {
  std::size_t body_at;
  Document doc = split_document(path, text, diags, body_at);
  if (body_at == std::string_view::npos) return doc;
  if (!doc.ok) {
    doc.body = text.substr(body_at);
    return doc;
  }
  // The body and the front matter (which diagnostics quote) each get a buffer of their own size,
  // and the file's buffer is freed at once for the next file read on this thread: fresh memory
  // (a page fault per 4 KiB) goes only to what is kept, not to 10 000 read buffers and their
  // slack.
  doc.body = text.substr(body_at);
  text.resize(body_at);
  text.shrink_to_fit();
  return doc;
}

namespace {

struct Loader {
  const fs::FileSystem& fs;
  const LoadOptions& opts;
  diag::Diagnostics& diags;
  SourceTree& tree;

  std::string real_root = fs.real_path(opts.root);

  // Reads and cleans a file; records its text for diagnostics.
  bool read(const std::string& rel, std::string& text, diag::Diagnostics& d) {
    return take(rel, fs.read(fs::join(opts.root, rel)), text, d);
  }

  // Checks and cleans what reading the file `rel` gave.
  bool take(const std::string& rel, fs::ReadResult r, std::string& text, diag::Diagnostics& d) {
    if (!r.status) {
      d.error({rel, 1, 1}, r.status.message, "check the file's permissions");
      return false;
    }
    if (r.bytes.size() > kMaxFileBytes) {
      d.error({rel, 1, 1},
              fmt::format("the file is {:.1f} MB; a content file may hold at most {} MB",
                          static_cast<double>(r.bytes.size()) / (1 << 20), kMaxFileBytes >> 20),
              "split the text, or put large material in a linked document");
      return false;
    }
    text = std::move(r.bytes);
    return clean_text(rel, text, d);
  }

  // A file or folder that a symbolic link takes out of the site folder could publish any file of
  // the machine (../../etc/passwd): refuse it.
  bool inside(const std::string& root, const std::string& rel, diag::Diagnostics& d) {
    std::string real = fs.real_path(fs::join(root, rel));
    std::string real_base = root == opts.root ? real_root : fs.real_path(root);
    if (under(real, real_base)) return true;
    d.error({rel, 1, 1}, fmt::format("'{}' is a symbolic link leading out of the site folder", rel),
            "copy the file into the site folder instead of linking to it");
    return false;
  }

  // Lists a folder; symbolic links in it are not followed (an error when they lead outside).
  std::vector<std::string> list(const std::string& root, const std::string& sub) {
    if (!fs.is_dir(fs::join(root, sub)) || !inside(root, sub, diags)) return {};
    std::vector<std::string> links;
    std::vector<std::string> names = fs.list(fs::join(root, sub), &links);
    for (const std::string& l : links) {
      std::string rel = fs::join(sub, l);
      if (inside(root, rel, diags))
        diags.warning({rel, 1, 1}, "symbolic link not followed",
                      "copy the file here instead of linking to it");
    }
    return names;
  }

  Node data_file(const std::string& rel, bool required) {
    if (!fs.is_file(fs::join(opts.root, rel))) {
      if (required)
        diags.error({rel, 1, 1}, "file not found",
                    fmt::format("create {} (see docs/formats.md)", rel));
      return {};
    }
    Node unusable;  // says where it came from, for the messages that follow
    unusable.pos = {std::make_shared<const std::string>(rel), 1, 1};
    unusable.broken = true;
    if (!inside(opts.root, rel, diags)) return unusable;
    std::string text;
    if (!read(rel, text, diags)) return unusable;
    Node n = parse_yaml(rel, text, 1, diags);
    tree.sources[rel] = std::move(text);
    return n;
  }

  // Parses documents on all cores; diagnostics are merged in file order (deterministic).
  // `reader` (optional) sees each document as soon as it is parsed, on the same thread.
  std::vector<Document> documents(const std::string& dir, ProfileReader* reader = nullptr) {
    std::vector<std::string> names;
    for (auto& f : list(opts.root, dir))
      if (f.size() > 3 && f.compare(f.size() - 3, 3, ".md") == 0) names.push_back(f);
    std::sort(names.begin(), names.end());  // never depend on the file system's listing order
    std::vector<Document> docs(names.size());
    std::vector<diag::Diagnostics> ds(names.size());
    std::vector<std::string> texts(names.size());
    if (reader) reader->begin(names.size());
    std::unique_ptr<fs::Folder> folder = fs.folder(fs::join(opts.root, dir));
    parallel::parallel_for(
        names.size(), opts.threads,
        [&](std::size_t i) {
          std::string rel = dir + "/" + names[i];
          docs[i].path = rel;
          // Diagnostics point into the front matter: only that part of a parsed file stays in
          // texts[i]; the rest of its buffer becomes the body.
          if (take(rel, folder->read(names[i]), texts[i], ds[i]))
            docs[i] = take_document(rel, texts[i], ds[i]);
          if (reader) reader->take(i, docs[i]);
        },
        64);
    // The paths come sorted: each goes in at the end of what this folder added (a hint, so no
    // string comparisons down the tree for each of 10 000 files with long common prefixes).
    auto at = tree.sources.end();
    for (std::size_t i = 0; i < names.size(); ++i) {
      diags.append(ds[i]);
      at = std::next(tree.sources.insert_or_assign(at, docs[i].path, std::move(texts[i])));
    }
    return docs;
  }

  // Theme files first, then the site's own files of the same name replace them.
  std::vector<ThemeFile> theme_files(const std::string& sub) {
    std::map<std::string, ThemeFile> by_name;
    std::vector<std::string> roots;
    if (!opts.theme.empty()) roots.push_back(opts.theme);
    if (opts.theme != opts.root) roots.push_back(opts.root);
    for (const std::string& root : roots) {
      std::string dir = fs::join(root, sub);
      for (const std::string& name : list(root, sub)) {
        fs::ReadResult r = fs.read(fs::join(dir, name));
        if (!r.status) {
          diags.error({fs::join(sub, name), 1, 1}, r.status.message,
                      "check the file's permissions");
          continue;
        }
        by_name[name] = {name, std::move(r.bytes), fs::join(sub, name)};
      }
    }
    std::vector<ThemeFile> out;
    for (auto& [name, f] : by_name) out.push_back(std::move(f));
    return out;
  }

  // UI strings: the theme's files first, then the site's keys replace them one by one.
  void languages() {
    std::vector<std::string> roots;
    if (!opts.theme.empty()) roots.push_back(opts.theme);
    if (opts.theme != opts.root) roots.push_back(opts.root);
    for (const std::string& root : roots) {
      std::string dir = fs::join(root, "i18n");
      for (const std::string& name : list(root, "i18n")) {
        if (name.size() < 5 || name.compare(name.size() - 4, 4, ".yml") != 0) continue;
        std::string origin = fs::join("i18n", name);
        fs::ReadResult r = fs.read(fs::join(dir, name));
        if (!r.status) {
          diags.error({origin, 1, 1}, r.status.message, "check the file's permissions");
          continue;
        }
        if (!clean_text(origin, r.bytes, diags)) continue;
        Node n = parse_yaml(origin, r.bytes, 1, diags);
        tree.sources[origin] = std::move(r.bytes);
        Node& into = tree.i18n[name.substr(0, name.size() - 4)];
        if (into.is_null()) {
          into = std::move(n);
          continue;
        }
        for (auto& entry : n.entries) {
          Node& k = entry.first;  // not a structured binding: clang 14 cannot capture those
          Node& v = entry.second;
          auto same = std::find_if(into.entries.begin(), into.entries.end(),
                                   [&](const auto& e) { return e.first.scalar == k.scalar; });
          if (same != into.entries.end())
            same->second = std::move(v);
          else
            into.entries.emplace_back(std::move(k), std::move(v));
        }
      }
    }
  }
};

}  // namespace

SourceTree load_site(const fs::FileSystem& fs, const LoadOptions& opts, diag::Diagnostics& diags) {
  SourceTree tree;
  tree.root = opts.root;
  Loader l{fs, opts, diags, tree};
  tree.site = l.data_file("site.yml", true);
  tree.units = l.data_file("content/units.yml", true);
  tree.awards = l.data_file("content/awards.yml", false);
  tree.campaigns = l.documents("content/campaigns");
  if (opts.profiles) tree.profiles = l.documents("content/profiles", opts.profile_reader);
  tree.bulletins = l.documents("content/bulletins");
  l.languages();
  tree.layouts = l.theme_files("layouts");
  tree.assets = l.theme_files("assets");
  std::string images = fs::join(opts.root, "content/images");
  for (const std::string& name : l.list(opts.root, "content/images")) {
    fs::ReadResult r = fs.read(fs::join(images, name));
    if (r.status)
      tree.images[name] = std::move(r.bytes);
    else
      diags.error({"content/images/" + name, 1, 1}, r.status.message,
                  "check the file's permissions");
  }
  return tree;
}

}  // namespace vd::load
