// Read by LeakSanitizer in the fuzz binaries (as in the vinhdanh binary, cli/main.cc, and the test
// binary, tests/test_util.cc): fontconfig keeps its font caches (social cards, through Pango) for
// the life of the process. Only that library is named, so a leak of ours is still reported.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libpcre2-8.so\nleak:libfontconfig.so\n";
}
