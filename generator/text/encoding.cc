// Text files of unknown encoding (spreadsheet exports) to NFC UTF-8, through ICU's converters.
#include <unicode/ucnv.h>

#include <memory>
#include <optional>
#include <vector>

#include "text/text.h"
#include "text/text_internal.h"

namespace vd::text {

using namespace detail;

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts with the named ICU converter, stopping at the first illegal or unmapped sequence
// (the default would silently substitute U+FFFD). `skipped`: BOM bytes already removed.
Decoded convert(std::string_view bytes, const std::string& name, std::size_t skipped) {
  Decoded d;
  d.encoding = name;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !conv) {
    d.unknown_encoding = true;
    return d;
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> buf(bytes.size() + 1);  // no encoding yields more UTF-16 units than bytes
  UChar* target = buf.data();
  const char* source = bytes.data();
  ucnv_toUnicode(conv.get(), &target, buf.data() + buf.size(), &source, bytes.data() + bytes.size(),
                 nullptr, true, &status);
  if (U_FAILURE(status)) {
    char invalid[32];
    int8_t len = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv.get(), invalid, &len, &ignored);
    std::size_t consumed = static_cast<std::size_t>(source - bytes.data());
    d.bad_offset =
        skipped + consumed - std::min<std::size_t>(consumed, U_SUCCESS(ignored) ? len : 0);
    return d;
  }
  icu::UnicodeString u(buf.data(), static_cast<int32_t>(target - buf.data()));
  if (u.length() > 0 && u.charAt(0) == 0xFEFF) u.remove(0, 1);
  d.text = nfc(to_utf8(u));
  return d;
}

// Bytes windows-1258 leaves undefined. ICU maps them to C1 controls without complaint, but in a
// Vietnamese list they mean the file is in another encoding.
std::optional<std::size_t> undefined_in_1258(std::string_view bytes) {
  static constexpr std::string_view kUndefined = "\x81\x8A\x8D\x8E\x8F\x90\x9A\x9D\x9E";
  std::size_t at = bytes.find_first_of(kUndefined);
  if (at == std::string_view::npos) return std::nullopt;
  return at;
}

Decoded windows_1258(std::string_view bytes) {
  if (auto bad = undefined_in_1258(bytes)) {
    Decoded d;
    d.encoding = "windows-1258";
    d.bad_offset = bad;
    return d;
  }
  return convert(bytes, "windows-1258", 0);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Decoded decode_to_utf8(std::string_view bytes, std::string_view encoding) {
  if (encoding == "windows-1258") return windows_1258(bytes);
  if (!encoding.empty()) return convert(bytes, std::string(encoding), 0);
  if (starts_with(bytes, "\xFF\xFE")) return convert(bytes.substr(2), "UTF-16LE", 2);
  if (starts_with(bytes, "\xFE\xFF")) return convert(bytes.substr(2), "UTF-16BE", 2);
  std::size_t bom = starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0;
  std::string_view rest = bytes.substr(bom);
  Decoded d;
  d.encoding = "UTF-8";
  if (auto bad = invalid_utf8_offset(rest)) {
    if (bom) {  // declared UTF-8: a bad byte is an error, not a hint at another code page
      d.bad_offset = bom + *bad;
      return d;
    }
    return windows_1258(bytes);
  }
  d.text = nfc(rest);
  return d;
}

}  // namespace vd::text
