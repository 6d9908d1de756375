// Writes the objects batch.cc makes: as a pack (.pack + version-2 .idx, no deltas) that
// libgit2 then reads like any other, streamed to disk entry by entry, or as loose objects when
// there are few. The first edition of a 10 000-profile site is ~25 000 new files (~700 MB, half of
// it social-card JPEGs): one loose object each, compressed by zlib at its default level on one
// thread, took ~10 s. Entries are compressed by ISA-L's deflate at level 1 (stored, for formats
// compressed already and objects under 256 bytes) and named by OpenSSL's SHA-1 (SHA-NI); the pack
// format is git's (Documentation/gitformat-pack).
#include "git/pack_internal.h"

#include <fmt/format.h>
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>

namespace vd::git::pack {

void object_id(Sha1& h, git_object_t type, std::string_view bytes, git_oid& out) {
  std::string head = fmt::format("{} {}", git_object_type2string(type), bytes.size());
  h.reset();
  h.update(head.c_str(), head.size() + 1);  // with its NUL
  h.update(bytes.data(), bytes.size());
  unsigned char sum[20];
  h.final(sum);
  git_oid_fromraw(&out, sum);
}

namespace {

// Fewer new blobs than this are written as loose objects, as git itself unpacks a small fetch
// (transfer.unpackLimit): a republish adds a handful of files, and a pack for each would pile up.
constexpr std::size_t kPackMin = 100;

Status write_loose(git_odb* odb, const std::vector<Entry>& entries) {
  std::string bytes;
  for (const Entry& e : entries) {
    std::size_t head = 0;
    while (static_cast<unsigned char>(e.bytes[head]) & 0x80) ++head;
    bytes.resize(e.size);
    inflate_state z;
    isal_inflate_init(&z);
    z.crc_flag = ISAL_ZLIB;
    z.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(e.bytes.data())) + head + 1;
    z.avail_in = static_cast<std::uint32_t>(e.bytes.size() - head - 1);
    z.next_out = reinterpret_cast<std::uint8_t*>(bytes.data());
    z.avail_out = static_cast<std::uint32_t>(bytes.size());
    git_oid id;
    if (isal_inflate_stateless(&z) != ISAL_DECOMP_OK || z.total_out != e.size ||
        git_odb_write(&id, odb, bytes.data(), bytes.size(), e.type) != 0 ||
        !git_oid_equal(&id, &e.id))
      return fail("cannot write a file into the repository");
  }
  return {};
}

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}

// Whether `bytes` begin like a format that is compressed already (JPEG, PNG, GIF, WebP, gzip,
// WOFF, WOFF2, zip): deflate cannot shrink those, so their pack entries store them instead of
// spending a compressor's time on them (half the bytes of a site with social cards).
bool compressed_already(std::string_view bytes) {
  static constexpr std::string_view kMagic[] = {std::string_view("\xff\xd8\xff", 3),
                                                std::string_view("\x89PNG\r\n\x1a\n", 8),
                                                "GIF87a",
                                                "GIF89a",
                                                std::string_view("\x1f\x8b", 2),
                                                "wOFF",
                                                "wOF2",
                                                std::string_view("PK\x03\x04", 4)};
  for (std::string_view m : kMagic)
    if (bytes.substr(0, m.size()) == m) return true;
  return bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP";
}

// `bytes` as a zlib stream of stored blocks (deflate's uncompressed blocks of up to 65 535
// bytes), appended to `out`: what any git reads, for data that would not shrink.
void append_stored(std::string& out, std::string_view bytes) {
  constexpr std::size_t kBlock = 65535;
  out += "\x78\x01";
  std::size_t at = 0;
  do {
    std::size_t n = std::min(kBlock, bytes.size() - at);
    bool last = at + n == bytes.size();
    out.push_back(static_cast<char>(last ? 1 : 0));
    for (std::size_t v : {n, n ^ 0xffff}) {
      out.push_back(static_cast<char>(v & 0xff));
      out.push_back(static_cast<char>((v >> 8) & 0xff));
    }
    out.append(bytes.data() + at, n);
    at += n;
  } while (at < bytes.size());
  std::uint32_t adler =
      isal_adler32(1, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  put32(out, adler);
}

// `bytes` deflated by ISA-L's level 1 into a zlib stream, appended to `out`; false when it would
// not shrink them (it is then no smaller than stored blocks).
bool append_deflated(Compressors& c, std::string& out, std::string_view bytes) {
  if (c.level_buf.empty()) c.level_buf.resize(ISAL_DEF_LVL1_DEFAULT);
  std::size_t room = bytes.size() + bytes.size() / 64 + 64;  // beyond it, stored is as small
  if (c.scratch.size() < room) c.scratch.resize(room);
  isal_zstream z;
  isal_deflate_stateless_init(&z);
  z.level = 1;
  z.level_buf = c.level_buf.data();
  z.level_buf_size = static_cast<std::uint32_t>(c.level_buf.size());
  z.gzip_flag = IGZIP_ZLIB;
  z.end_of_stream = 1;
  z.flush = NO_FLUSH;
  z.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<std::uint32_t>(bytes.size());
  z.next_out = reinterpret_cast<std::uint8_t*>(c.scratch.data());
  z.avail_out = static_cast<std::uint32_t>(room);
  if (isal_deflate_stateless(&z) != COMP_OK) return false;
  out.append(c.scratch.data(), z.total_out);
  return true;
}

// The pack entry of an object: "<type, size>" as git's varint, then the zlib stream (copied out
// of the scratch space at its real size: entries are kept until their pack is written, and a
// string sized for the worst case would hold the object's whole size in memory again).
std::string pack_entry(Compressors& c, git_object_t type, std::string_view bytes) {
  std::string out;
  std::size_t size = bytes.size();
  unsigned char b = static_cast<unsigned char>((type << 4) | (size & 15));
  for (size >>= 4; size; size >>= 7) {
    out.push_back(static_cast<char>(b | 0x80));
    b = size & 0x7f;
  }
  out.push_back(static_cast<char>(b));
  std::size_t head = out.size();
  // Under 256 bytes (most trees of a site: a page's folder holds one file) deflate saves a few
  // bytes at best, and each call costs ISA-L ~5 µs of setting up its tables.
  constexpr std::size_t kDeflateFrom = 256;
  if (bytes.size() < kDeflateFrom || compressed_already(bytes) ||
      bytes.size() >= (std::size_t{1} << 32) || !append_deflated(c, out, bytes)) {
    out.resize(head);
    out.reserve(head + bytes.size() + (bytes.size() / 65535 + 1) * 5 + 6);
    append_stored(out, bytes);
  }
  return out;
}

// Streams the pieces `put` hands over into a new file, with the SHA-1 of everything written.
class HashedFile {
 public:
  explicit HashedFile(std::string path)
      : path_(std::move(path)), f_(std::fopen(path_.c_str(), "wb")) {}
  ~HashedFile() {
    if (f_) std::fclose(f_);
  }
  HashedFile(const HashedFile&) = delete;
  HashedFile& operator=(const HashedFile&) = delete;
  void put(std::string_view bytes) {
    h_.update(bytes.data(), bytes.size());
    ok_ = ok_ && f_ && std::fwrite(bytes.data(), 1, bytes.size(), f_) == bytes.size();
    size_ += bytes.size();
  }
  std::uint64_t size() const { return size_; }
  // Appends the SHA-1 of what was written (returned in `sum`) and closes the file, read-only as
  // git leaves its packs.
  Status close(unsigned char sum[20]) {
    h_.final(sum);
    ok_ = ok_ && f_ && std::fwrite(sum, 1, 20, f_) == 20;
    ok_ = f_ && std::fclose(f_) == 0 && ok_;
    f_ = nullptr;
    if (!ok_)
      return Status::failure(fmt::format("cannot write '{}': {}", path_, std::strerror(errno)));
    ::chmod(path_.c_str(), 0444);
    return {};
  }

 private:
  std::string path_;
  std::FILE* f_;
  Sha1 h_;
  bool ok_ = true;
  std::uint64_t size_ = 0;
};

// The .idx (version 2) of a pack of `entries` (sorted by id) at `offsets`, with checksum `sum`.
Status write_index(const std::string& path, const std::vector<Entry>& entries,
                   const std::vector<std::uint64_t>& offsets, const unsigned char sum[20]) {
  std::string idx = "\377tOc";
  put32(idx, 2);
  std::uint32_t fan[256] = {};
  for (const Entry& e : entries) ++fan[e.id.id[0]];
  for (std::uint32_t i = 0, total = 0; i < 256; ++i) put32(idx, total += fan[i]);
  for (const Entry& e : entries) idx.append(reinterpret_cast<const char*>(e.id.id), 20);
  for (const Entry& e : entries) put32(idx, e.crc);
  std::vector<std::uint64_t> large;
  for (std::uint64_t off : offsets) {
    if (off < 0x80000000u) {
      put32(idx, static_cast<std::uint32_t>(off));
    } else {
      put32(idx, 0x80000000u | static_cast<std::uint32_t>(large.size()));
      large.push_back(off);
    }
  }
  for (std::uint64_t off : large) {
    put32(idx, static_cast<std::uint32_t>(off >> 32));
    put32(idx, static_cast<std::uint32_t>(off));
  }
  idx.append(reinterpret_cast<const char*>(sum), 20);
  HashedFile f(path);
  f.put(idx);
  unsigned char isum[20];
  return f.close(isum);
}

// Writes `entries` (sorted by id) as one pack in `dir`, each entry freed once written (a first
// edition's pack is as large as the site's new files, and is not held in memory twice). The
// .pack comes first and the .idx last, each renamed into place once complete: a reader sees the
// pack only when both are.
Status write_pack(const std::string& dir, std::vector<Entry>& entries) {
  static std::atomic<unsigned> written{0};  // packs may be written from several threads at once
  std::string tmp = dir + fmt::format("tmp_vinhdanh_{}_{}", ::getpid(), written++);
  std::vector<std::uint64_t> offsets;
  unsigned char sum[20];
  {
    HashedFile pack(tmp + ".pack");
    std::string head = "PACK";
    put32(head, 2);
    put32(head, static_cast<std::uint32_t>(entries.size()));
    pack.put(head);
    for (Entry& e : entries) {
      offsets.push_back(pack.size());
      pack.put(e.bytes);
      std::string().swap(e.bytes);
    }
    if (Status s = pack.close(sum); !s) {
      std::remove((tmp + ".pack").c_str());
      return s;
    }
  }
  git_oid name;
  git_oid_fromraw(&name, sum);
  std::string base = dir + "pack-" + oid_str(name);
  Status out = write_index(tmp + ".idx", entries, offsets, sum);
  for (const char* ext : {".pack", ".idx"})
    if (out && std::rename((tmp + ext).c_str(), (base + ext).c_str()) != 0)
      out =
          Status::failure(fmt::format("cannot write '{}{}': {}", base, ext, std::strerror(errno)));
  if (!out)  // no half-written pack is left behind
    for (const char* ext : {".pack", ".idx"}) std::remove((tmp + ext).c_str());
  return out;
}

}  // namespace

namespace {

void sort_unique(std::vector<Entry>& entries) {
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return git_oid_cmp(&a.id, &b.id) < 0; });
  auto same = [](const Entry& a, const Entry& b) { return git_oid_equal(&a.id, &b.id); };
  entries.erase(std::unique(entries.begin(), entries.end(), same), entries.end());
}

std::string pack_dir(git_repository* repo) {
  std::string dir = std::string(git_repository_commondir(repo)) + "objects/pack/";
  ::mkdir(dir.c_str(), 0755);  // there already, in any repository git or libgit2 made
  return dir;
}

}  // namespace

Status store(git_repository* repo, git_odb* odb, std::vector<Entry>& entries) {
  sort_unique(entries);
  if (entries.size() < kPackMin) return write_loose(odb, entries);
  if (Status s = write_pack(pack_dir(repo), entries); !s) return s;
  if (git_odb_refresh(odb) != 0) return fail("cannot read the new pack");
  return {};
}

Status store_chunk(git_repository* repo, std::vector<Entry>& entries) {
  sort_unique(entries);
  return write_pack(pack_dir(repo), entries);
}

Entry make_entry(Compressors& c, git_object_t type, const git_oid& id, std::string_view bytes) {
  Entry e;
  e.id = id;
  e.type = type;
  e.size = bytes.size();
  e.bytes = pack_entry(c, type, bytes);
  e.crc = crc32_gzip_refl(0, reinterpret_cast<const std::uint8_t*>(e.bytes.data()), e.bytes.size());
  return e;
}

}  // namespace vd::git::pack
