// load: read the site folder into positioned text and value trees.
// In: a FileSystem and the site root. Out: SourceTree (every YAML value keeps its file, 1-based
// line and code-point column), the theme files, and diagnostics for unreadable or malformed files.
// Never interprets field meanings (model/ does); yaml-cpp stays inside this stage.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "fs/fs.h"
#include "text/text.h"

namespace vd::load {

// Where a value stands. The file name is shared by every value of a file (a site of 10 000
// profiles has about a million values: a path string each was a large share of the memory).
struct NodePos {
  std::shared_ptr<const std::string> file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points
  operator diag::Position() const { return {file ? *file : std::string(), line, column}; }
};

// A YAML value with its position in the file.
struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string scalar;   // NFC text of a scalar
  bool quoted = false;  // "…" or '…' in the source: never a number, bool or null
  bool broken = false;  // null because the file could not be read or parsed (already reported)
  NodePos pos;
  std::vector<Node> items;                     // a sequence
  std::vector<std::pair<Node, Node>> entries;  // a map, in document order (keys are scalars)

  // Defined out of line: clang (the fuzz build) instantiates the members of the vectors of this
  // still incomplete type otherwise.
  Node();
  Node(const Node&);
  Node(Node&&) noexcept;
  Node& operator=(const Node&);
  Node& operator=(Node&&) noexcept;
  ~Node();

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }
  const Node* find(std::string_view key) const;
};

// A Markdown file with front matter.
struct Document {
  std::string path;   // relative to the site root
  Node front;         // a map (or null when the front matter was unusable)
  std::string body;   // Markdown after the closing '---'
  int body_line = 1;  // file line where the body starts
  bool ok = false;    // false: the file was reported and must be skipped
};

// Parses YAML text that starts at file line `first_line` (1-based). Returns a null node on error.
Node parse_yaml(const std::string& path, std::string_view text, int first_line,
                diag::Diagnostics& diags);
// Splits "---\n<yaml>\n---\n<body>" and parses the front matter.
Document parse_document(const std::string& path, std::string_view text, diag::Diagnostics& diags);
// The same, taking the file's text: when the document is usable the body is taken out of it and
// `text` keeps only the front matter part (up to and including the closing fence line);
// otherwise `text` is left whole.
Document take_document(const std::string& path, std::string& text, diag::Diagnostics& diags);
// Checks UTF-8, strips a BOM, turns CRLF into LF and normalises to NFC. Empty on failure.
bool clean_text(const std::string& path, std::string& text, diag::Diagnostics& diags);

// Dates of a content file from version control: its first and last commit, or for a file changed
// since the last commit, the file's own time (marked). The caller works them out (publish/ reads
// git) and passes them in as data, so every stage stays testable in memory and a site outside git
// simply has none.
struct FileHistory {
  text::Date created, updated;
  bool committed = true;  // false: changed since the last commit (dates from the file time)
};
using History = std::map<std::string, FileHistory>;  // path relative to the site root

struct ThemeFile {
  std::string name;  // path below layouts/ (or assets/), e.g. "partials/header.mustache"
  std::string bytes;
  std::string origin;  // file path it came from, for messages
};

struct SourceTree {
  std::string root;
  Node site;                                  // site.yml
  Node units;                                 // content/units.yml
  Node awards;                                // content/awards.yml (null when absent)
  std::vector<Document> campaigns;            // content/campaigns/*.md
  std::vector<Document> profiles;             // content/profiles/**.md
  std::vector<Document> bulletins;            // content/bulletins/**.md
  std::map<std::string, Node> i18n;           // language → strings (theme, then site overrides)
  std::vector<ThemeFile> layouts;             // theme layouts, site overrides applied
  std::vector<ThemeFile> assets;              // theme assets, site overrides applied
  std::map<std::string, std::string> images;  // content/images/<name> → bytes
  History history;          // content file dates (set by the caller; empty outside git)
  diag::SourceMap sources;  // texts read, for printing diagnostics (documents: front matter only)
};

// Receives each profile as soon as it is parsed, on the loading threads (several at once), so
// that a caller can read it into its own record and free its value tree while the file is still
// in the cache: the trees of 10 000 profiles held at once took ~70 MiB, and touching that memory
// for the first time was a large share of loading.
class ProfileReader {
 public:
  virtual ~ProfileReader() = default;
  // Once, before any take(), with the number of profile files.
  virtual void begin(std::size_t count) = 0;
  // The document that becomes tree.profiles[index] (doc.ok false: already reported); take() may
  // move parts out of it. Calls for different indexes may run at the same time.
  virtual void take(std::size_t index, Document& doc) = 0;
};

struct LoadOptions {
  std::string root = ".";  // the site folder
  std::string theme;       // the default theme folder (layouts/, assets/, i18n/); may equal root
  int threads = 0;         // 0 = all cores
  bool profiles = true;    // false: leave content/profiles/ out (serve reads those one by one)
  ProfileReader* profile_reader = nullptr;  // optional: sees each profile as it is parsed
};

// Reads everything; problems go to diags and the file is skipped. Files are visited sorted, so
// the result does not depend on directory order.
SourceTree load_site(const fs::FileSystem& fs, const LoadOptions& opts, diag::Diagnostics& diags);

}  // namespace vd::load
