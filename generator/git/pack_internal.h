// Internal to git/: objects written many at once. batch.cc makes them (BlobBatch, write_tree),
// pack.cc writes them: git's object ids, pack entries (compressed on the caller's thread), and
// the pack (or loose objects) they go into. ISA-L's deflate and OpenSSL's SHA-1 are used here only.
#pragma once

#include <git2.h>
#include <git2/sys/odb_backend.h>  // batch.cc reads the packs through their backend alone
#include <openssl/evp.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "git/git_internal.h"

namespace vd::git::pack {

// Incremental SHA-1 (OpenSSL's EVP interface: the low-level one is deprecated in 3.0).
class Sha1 {
 public:
  Sha1() : ctx_(EVP_MD_CTX_new()) { reset(); }
  ~Sha1() { EVP_MD_CTX_free(ctx_); }
  Sha1(const Sha1&) = delete;
  Sha1& operator=(const Sha1&) = delete;
  void reset() { EVP_DigestInit_ex(ctx_, EVP_sha1(), nullptr); }
  void update(const void* p, std::size_t n) { EVP_DigestUpdate(ctx_, p, n); }
  void final(unsigned char out[20]) {
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_, out, &n);
  }

 private:
  EVP_MD_CTX* ctx_;
};

// git's id of an object: the SHA-1 of "<type> <size>\0" and the bytes.
void object_id(Sha1& h, git_object_t type, std::string_view bytes, git_oid& out);

// One object to write: its id and its pack entry (object header + zlib data).
struct Entry {
  git_oid id;
  std::string bytes;
  std::size_t size = 0;  // of the object
  std::uint32_t crc = 0;
  git_object_t type = GIT_OBJECT_BLOB;
};

// What compresses entries on one thread: ISA-L's deflate at its level 1 (twice libdeflate's
// fastest level on the pages of a site, for the same size) with its working memory, and room
// for the largest entry compressed so far. Formats compressed already are stored instead.
struct Compressors {
  std::vector<std::uint8_t> level_buf;  // ISA-L's level 1 tables, allocated on first use
  std::string scratch;
};

// The entry of object `id` (`bytes` of `type`): compressed by `c`, stored when its format is
// compressed already.
Entry make_entry(Compressors& c, git_object_t type, const git_oid& id, std::string_view bytes);

// Writes `entries` (ids known, bytes compressed): as one pack, or loose when there are few; each
// entry's bytes are freed once written.
Status store(git_repository* repo, git_odb* odb, std::vector<Entry>& entries);
// Writes `entries` as one pack of their own, whatever their number, without telling `odb`
// (thread-safe: a batch writes a chunk while its other threads look objects up); the caller
// refreshes the object database once all are written.
Status store_chunk(git_repository* repo, std::vector<Entry>& entries);

}  // namespace vd::git::pack
