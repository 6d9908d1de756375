// output: puts rendered files on disk atomically.
// In: rendered files (streamed through StagingWriter, a render::Sink) and the target folder.
// Out: the folder replaced as a whole, or left exactly as it was when anything fails. The
// folder the build before replaced ("<out>.old") is kept and becomes the next staging folder:
// only its files that differ are replaced (a hard link to the current output's copy when that
// one is right), so an unchanged site costs no file or folder creation at all (creating them
// is the slow case on ext4, see PERFORMANCE.md). Never renders; never writes into an existing
// file (files are shared between the two folders); refuses to replace a folder it did not make.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "fs/fs.h"
#include "render/render.h"

namespace vd::output {

struct Stats {
  std::size_t written = 0;  // new or changed files
  std::size_t kept = 0;     // unchanged files: linked from the previous build or left in place
};

// The marker file that says "this folder was made by vinhdanh and may be replaced". It also
// lists the content hash of every file, so the next build knows which files are unchanged
// without reading them.
inline constexpr const char* kMarker = ".vinhdanh-output";

// The content hash of a file as the marker file lists it (16 hex digits of XXH3-64).
std::string content_hash(std::string_view bytes);

// The marker file of an output folder: every file's content hash by path, and the source key of
// each derived file (a bulletin's PDF). Empty maps when the folder has no marker.
void read_manifest(const fs::FileSystem& fs, const std::string& folder,
                   std::map<std::string, std::uint64_t>& hashes,
                   std::map<std::string, std::uint64_t>& sources);

// Where a build's files go, from any thread: the output folder (StagingWriter) or elsewhere
// (publish/ hashes them straight into the repository).
class Writer : public render::Sink {
 public:
  // Takes `path` over from what the previous build made, for files whose name says what they
  // hold (resized photos named by their source's hash, social cards named by what they show);
  // false when there is none: the caller makes the file and puts it.
  virtual bool reuse(const std::string& path) = 0;
  // The first failure, if any.
  virtual diag::Status status() const = 0;
};

// Writes files into "<out>.staging" as they come (from any thread), then swaps the staging
// folder in place of `out` on commit(); the replaced folder stays as "<out>.old", the next
// build's starting point. Dropping it without commit() removes the staging folder.
class StagingWriter : public Writer {
 public:
  StagingWriter(fs::FileSystem& fs, std::string out, Stats& stats);
  ~StagingWriter() override;
  // Checks the target and prepares an empty staging folder.
  diag::Status begin();
  void put(render::File file) override;
  // Links `path` from the previous build's output when it had one.
  bool reuse(const std::string& path) override;
  diag::Status status() const override;
  // Swaps the staging folder in; fails (and leaves `out` untouched) after any write failure.
  diag::Status commit();
  void abort();

  // Files made from another staged file by an outside tool (a bulletin's PDF from its print
  // page). When the previous build made `path` from the same source key, the old file is linked
  // into the staging folder and true is returned; otherwise the caller makes it and calls
  // put_derived.
  bool reuse(const std::string& path, std::uint64_t source_key);
  void put_derived(render::File file, std::uint64_t source_key);
  const std::string& staging_folder() const { return staging_; }

 private:
  void write_one(const render::File& f);
  void recycle_spare();
  // True when the staging folder already holds `path` with this hash (left from the spare);
  // otherwise clears the way for a new file there.
  bool in_place(const std::string& path, std::uint64_t hash, std::optional<std::uint64_t> size);
  bool link_old(const std::string& path);  // hard link from the current output
  bool clear_ancestors(const std::string& path);
  void discard(const std::string& folder);
  void remove_leftovers();

  fs::FileSystem& fs_;
  std::string out_, staging_;
  Stats& stats_;
  bool had_old_ = false, open_ = false;
  std::map<std::string, std::uint64_t> old_hashes_, new_hashes_;    // path → XXH3 of the bytes
  std::map<std::string, std::uint64_t> old_sources_, new_sources_;  // derived path → source key
  // What the staging folder held when the build began: the spare ("<out>.old") taken over.
  // Read-only after begin().
  std::map<std::string, std::uint64_t> spare_hashes_, spare_sources_;
  mutable std::mutex mutex_;  // guards status_, stats_ and, for file systems that need it, fs_
  diag::Status status_;
};

// A relative '/'-separated path without empty, '.' or '..' segments, not the marker file: the
// writer refuses any other (defence in depth behind the site stage's URL checks).
bool safe_output_path(std::string_view path);

// Writes a whole in-memory output (tests, tools).
diag::Status write_site(fs::FileSystem& fs, const render::Output& files, const std::string& out,
                        Stats& stats);

// Photos (libvips, only in images.cc). Reads the size of every JPEG, PNG and WebP image of
// content/images (after EXIF rotation); one that cannot be read is a warning, and is left out.
std::map<std::string, render::Image> probe_photos(const std::map<std::string, std::string>& images,
                                                  diag::Diagnostics& diags);
// Writes every probed photo at each of its widths as WebP and JPEG (photo_path), and once under
// its own name at its largest width; all without any metadata (EXIF, GPS, XMP, IPTC, ICC).
// Copies present in the previous build are linked, not encoded again. Spread over `threads`.
void write_photos(const std::map<std::string, std::string>& images,
                  const std::map<std::string, render::Image>& photos, Writer& out, int threads,
                  diag::Diagnostics& diags);
// Social cards (cards.cc): draws each card (libvips text in DejaVu Sans, the portrait from
// `images` when the card names one) as a 1200×630 JPEG without metadata, on `threads` threads;
// a card already in the previous build is linked instead (its name is a hash of what it shows).
// Call it after write_photos. A card that cannot be drawn (no font, a broken photo) is a warning.
void write_social_cards(const std::vector<render::SocialCard>& cards,
                        const std::map<std::string, std::string>& images, Writer& out, int threads,
                        diag::Diagnostics& diags);
// The cards' JPEG bytes in the same order ("" for one libvips could not draw), for serve.
std::vector<std::string> social_card_jpegs(const std::vector<render::SocialCard>& cards,
                                           const std::map<std::string, std::string>& images,
                                           int threads);
// One line of text as the cards set it: 8-bit coverage (255 = ink), row by row, cropped to the
// ink; {0, 0, ""} when libvips cannot lay it out. For tests of the font (every Vietnamese letter).
struct TextInk {
  int width = 0, height = 0;
  std::string coverage;
};
TextInk social_card_ink(const std::string& text, const std::string& font, int width);
// "images/<hash>-<width>.<ext>"
std::string photo_path(const render::Image& img, int width, const char* ext);
// A WebP file without its EXIF, XMP and ICC chunks (and their VP8X flags).
std::string strip_webp(const std::string& webp);

// A private value found in an output file.
struct Leak {
  std::string file, value_owner;
  std::string shape;  // "value", "phone number" or "e-mail address"
};
using PrivateValues = std::vector<std::pair<std::string, std::vector<std::string>>>;

// Looks for every private value in output files (defence in depth behind the model's separation
// of private data): each value as written (values shorter than 8 bytes are ignored), and the
// shapes a value may take once retyped: a phone number (9 or more digits) in any spacing, with
// dots, dashes, brackets or the +84 country code ("0912 345 678" = "+84 912.345.678"), and an
// e-mail address in any case or as "name [at] domain" / "name(at)domain".
class LeakScanner {
 public:
  explicit LeakScanner(const PrivateValues& privates);
  void scan(const render::File& file, std::vector<Leak>& leaks) const;

 private:
  struct Owner {
    std::string path;
    std::vector<std::string> values, phones, emails;  // phones: significant digits only
  };
  std::vector<Owner> owners_;
};

void find_leaks(const render::File& file, const PrivateValues& privates, std::vector<Leak>& leaks);
std::vector<Leak> find_leaks(const render::Output& files, const PrivateValues& privates);

// PDFs of bulletins (pdf.cc): printed by headless Chromium (Debian package `chromium`) from the
// staging folder before it is swapped in, reused from the previous build when the print page did
// not change, dated with the document's date so the same input gives the same bytes.
struct PdfJob {
  std::string page;  // the staged print page, e.g. "thong-bao/2023-2024/x/ban-in/index.html"
  std::string pdf;   // the PDF to make, e.g. "thong-bao/2023-2024/x/x.pdf"
  std::string date;  // "YYYYMMDD": the PDF's creation date (the document's date)
};

// The Chromium program: $VINHDANH_CHROMIUM, else chromium, chromium-browser or google-chrome on
// the PATH; "" when there is none.
std::string find_chromium();

// Makes every job's PDF; the staging folder must be on the real file system (Chromium reads it).
// `made` counts the PDFs printed (the others were reused).
diag::Status print_pdfs(fs::FileSystem& fs, StagingWriter& writer, const std::vector<PdfJob>& jobs,
                        const std::string& chromium, int threads, std::size_t& made);

// Sets the /CreationDate and /ModDate of a PDF made by Chromium to `date` (same length: the
// cross-reference offsets stay valid).
void set_pdf_dates(std::string& pdf, const std::string& date);

}  // namespace vd::output
