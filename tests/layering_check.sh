#!/usr/bin/env bash
# Fails when a file under generator/X/ includes a header of a module that generator/layers.txt
# does not allow for X, or a private header (anything but Y/Y.h) of another module.
set -u
root=${1:-.}
rules="$root/generator/layers.txt"
status=0
declare -A allowed
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  allowed[${line%%:*}]=" ${line#*:} "
done < "$rules"
for dir in "$root"/generator/*/; do
  mod=$(basename "$dir")
  [[ -v "allowed[$mod]" ]] || { echo "layering: module '$mod' is not listed in generator/layers.txt"; status=1; continue; }
  while IFS= read -r hit; do
    file=${hit%%:*}
    inc=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"${hit#*:}")
    other=${inc%%/*}
    [[ "$inc" == */* ]] || continue
    [[ "$other" == "$mod" ]] && continue
    if [[ "${allowed[$mod]}" != *" $other "* ]]; then
      echo "layering: ${file#$root/} includes $inc, but $mod may not depend on $other"; status=1
    elif [[ "$inc" != "$other/$other.h" ]]; then
      echo "layering: ${file#$root/} includes $inc, a private header of $other (use $other/$other.h)"; status=1
    fi
  done < <(grep -Hn '#include "' "$dir"*.cc "$dir"*.h 2>/dev/null | sed -E 's/^([^:]+):[0-9]+:/\1:/')
done
# Third-party libraries stay in their adapter files.
check_adapter() {  # header-pattern allowed-files...
  local pat=$1; shift
  while IFS= read -r f; do
    rel=${f#$root/}
    ok=0; for a in "$@"; do [[ "$rel" == "$a" ]] && ok=1; done
    [[ $ok == 1 ]] || { echo "layering: $rel includes $pat outside its adapter ($*)"; status=1; }
  done < <(grep -l "#include <$pat" -r "$root/generator" --include='*.cc' --include='*.h' | grep -v '_test\.cc$')
}
check_adapter yaml-cpp generator/load/yaml.cc
check_adapter cmark-gfm generator/render/markdown.cc
check_adapter unicode/ generator/text/utf8.cc generator/text/encoding.cc generator/text/slugs.cc \
  generator/text/names.cc generator/text/text_internal.h
check_adapter CLI/ generator/cli/main.cc
check_adapter vips/ generator/output/vips.cc
check_adapter dlfcn.h generator/output/vips_plugin.cc
check_adapter httplib generator/serve/http.cc
check_adapter sys/inotify generator/serve/watch.cc
check_adapter git2 generator/git/git_internal.h generator/git/git.cc generator/git/history.cc generator/git/dates.cc generator/git/tree_fs.cc generator/git/pack.cc generator/git/pack_internal.h
check_adapter isa-l/ generator/git/pack.cc
check_adapter gperftools/ generator/cli/huge_pages.cc
check_adapter openssl/ generator/git/pack_internal.h
[[ $status == 0 ]] && echo "layering: ok"
exit $status
