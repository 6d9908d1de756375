// The yaml-cpp adapter: the only file that includes yaml-cpp.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <cstring>
#include <optional>
#include <set>

#include "load/load.h"
#include "load/yaml_fast.h"
#include "text/text.h"

namespace vd::load {

namespace {

// Maps yaml-cpp's 0-based byte marks into file positions.
class Locator {
 public:
  Locator(const std::string& path, std::string_view text, int first_line)
      : path_(std::make_shared<const std::string>(path)), text_(text), first_line_(first_line) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  NodePos at(int line0, int byte_col0) const {
    if (line0 < 0) return {path_, first_line_, 0};
    std::size_t l = std::min<std::size_t>(static_cast<std::size_t>(line0), starts_.size() - 1);
    std::size_t start = starts_[l];
    std::size_t end = l + 1 < starts_.size() ? starts_[l + 1] : text_.size();
    std::string_view line = text_.substr(start, end - start);
    int col =
        static_cast<int>(text::column_of(line, static_cast<std::size_t>(std::max(0, byte_col0))));
    return {path_, first_line_ + static_cast<int>(l), col};
  }
  NodePos at(const YAML::Mark& m) const { return at(m.line, m.column); }
  std::string_view text() const { return text_; }

 private:
  std::shared_ptr<const std::string> path_;
  std::string_view text_;
  int first_line_;
  std::vector<std::size_t> starts_;
};

// yaml-cpp 0.7 accepts an unclosed quote and swallows the rest of the document: find it ourselves.
bool quote_closed(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  char q = text[pos];
  if (q != '"' && q != '\'') return true;
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == q) {
      if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return true;
    }
  }
  return false;
}

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 100000;

struct Converter {
  const Locator& loc;
  diag::Diagnostics& diags;
  bool failed = false;
  std::size_t count = 0;

  Node convert(const YAML::Node& n, const NodePos& fallback, int depth) {
    Node out;
    if (count > kMaxNodes) return out;
    out.pos = n.Mark().line >= 0 ? loc.at(n.Mark()) : fallback;
    if (++count > kMaxNodes) {
      fail(out.pos, fmt::format("more than {} values (aliases expanding?)", kMaxNodes),
           "remove '*alias' references; write the values out");
      return out;
    }
    if (depth > kMaxDepth) {
      fail(out.pos, fmt::format("values are nested more than {} levels deep", kMaxDepth),
           "flatten the structure");
      return out;
    }
    switch (n.Type()) {
      case YAML::NodeType::Scalar: {
        out.kind = Node::Kind::kScalar;
        out.scalar = n.Scalar();
        out.quoted = n.Tag() == "!";
        std::size_t pos = static_cast<std::size_t>(std::max(0, n.Mark().pos));
        if (out.quoted && !quote_closed(loc.text(), pos)) {
          fail(out.pos, "this quoted text is never closed",
               "add the closing quote at the end of the value");
        }
        break;
      }
      case YAML::NodeType::Sequence:
        out.kind = Node::Kind::kSequence;
        for (const auto& item : n) out.items.push_back(convert(item, out.pos, depth + 1));
        break;
      case YAML::NodeType::Map: {
        out.kind = Node::Kind::kMap;
        std::set<std::string> seen;
        for (const auto& kv : n) {
          Node key = convert(kv.first, out.pos, depth + 1);
          if (!key.is_scalar()) {
            fail(key.pos, "a key must be plain text",
                 "write the key as a single word, e.g. 'name:'");
            continue;
          }
          if (!seen.insert(key.scalar).second) {
            fail(key.pos, fmt::format("duplicate key '{}'", key.scalar),
                 "each key may appear once: remove or merge the repeated one");
            continue;
          }
          Node value = convert(kv.second, key.pos, depth + 1);
          out.entries.emplace_back(std::move(key), std::move(value));
        }
        break;
      }
      default:
        out.kind = Node::Kind::kNull;
        break;
    }
    return out;
  }

  void fail(const diag::Position& pos, std::string msg, std::string hint) {
    if (failed && count > kMaxNodes) return;  // one report for a runaway document
    diags.error(pos, std::move(msg), std::move(hint));
    failed = true;
  }
};

// Whether a line starts a mapping entry ("key:" or "- key:"), as a line after a closed value does.
bool looks_like_key(std::string_view line) {
  std::size_t i = line.find_first_not_of(' ');
  if (i != std::string_view::npos && line.compare(i, 2, "- ") == 0) i += 2;
  if (i == std::string_view::npos || i >= line.size() || std::strchr("\"'#-[{", line[i]))
    return false;
  std::size_t colon = line.find(':', i);
  return colon != std::string_view::npos && line.find(' ', i) > colon &&
         (colon + 1 == line.size() || line[colon + 1] == ' ');
}

// When yaml-cpp stops on a syntax error, the cause is often a quote left open lines earlier (the
// quoted text runs on to the next quote). Finds the first value that opens a quote, does not close
// it on its line, and is followed by a line that looks like the next key: {line, byte column}.
std::optional<std::pair<int, int>> open_quote_before(std::string_view text, int last_line) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  for (int l = 0; l + 1 < static_cast<int>(lines.size()) && l <= last_line; ++l) {
    std::string_view line = lines[static_cast<std::size_t>(l)];
    std::size_t v = line.find_first_not_of(' ');
    if (v != std::string_view::npos && line.compare(v, 2, "- ") == 0) v += 2;
    if (std::size_t colon = line.find(": ", v);
        colon != std::string_view::npos && v < line.size() && line[v] != '"' && line[v] != '\'')
      v = line.find_first_not_of(' ', colon + 1);
    if (v == std::string_view::npos || v >= line.size() || (line[v] != '"' && line[v] != '\''))
      continue;
    if (!quote_closed(line, v) && looks_like_key(lines[static_cast<std::size_t>(l) + 1]))
      return std::make_pair(l, static_cast<int>(v));
  }
  return std::nullopt;
}

std::string yaml_hint(const std::string& msg) {
  if (msg.find("illegal map value") != std::string::npos)
    return "a value containing ': ' must be quoted, and indentation must use spaces, not tabs";
  if (msg.find("end of map not found") != std::string::npos)
    return "check the indentation of this line against the lines above";
  if (msg.find("end of sequence") != std::string::npos) return "close the list with ']'";
  if (msg.find("end of map flow") != std::string::npos) return "close the map with '}'";
  if (msg.find("anchor") != std::string::npos)
    return "define the anchor with '&name' before using '*name'";
  return "check the YAML syntax on this line";
}

}  // namespace

Node::Node() = default;
Node::Node(const Node&) = default;
Node::Node(Node&&) noexcept = default;
Node& Node::operator=(const Node&) = default;
Node& Node::operator=(Node&&) noexcept = default;
Node::~Node() = default;

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k.scalar == key) return &v;
  return nullptr;
}

Node parse_yaml(const std::string& path, std::string_view text, int first_line,
                diag::Diagnostics& diags) {
  // yaml-cpp takes ~150 µs per front matter; most are simple enough for the fast reader, which
  // declines (and leaves to yaml-cpp) anything it does not read exactly like yaml-cpp.
  if (std::optional<Node> fast =
          parse_yaml_fast(std::make_shared<const std::string>(path), text, first_line))
    return std::move(*fast);
  return parse_yaml_cpp(path, text, first_line, diags);
}

Node parse_yaml_cpp(const std::string& path, std::string_view text, int first_line,
                    diag::Diagnostics& diags) {
  Locator loc(path, text, first_line);
  Node failed;  // a null value that still says where it came from (for follow-up messages)
  failed.pos = loc.at(0, 0);
  failed.broken = true;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    Converter conv{loc, diags};
    Node out = conv.convert(root, loc.at(0, 0), 0);
    if (conv.failed) return failed;
    if (out.is_null()) out.pos = failed.pos;
    return out;
  } catch (const YAML::DeepRecursion& e) {
    diags.error(loc.at(e.mark), "values are nested too deeply", "flatten the structure");
  } catch (const YAML::Exception& e) {
    if (auto open = open_quote_before(text, e.mark.line)) {
      diags.error(loc.at(open->first, open->second), "this quoted text is never closed",
                  "add the closing quote at the end of the value");
      return failed;
    }
    std::string msg = e.msg;
    diags.error(loc.at(e.mark), "YAML syntax: " + msg, yaml_hint(msg));
  } catch (const std::exception& e) {
    diags.error({path, first_line, 1}, std::string("YAML could not be read: ") + e.what());
  }
  return failed;
}

}  // namespace vd::load
