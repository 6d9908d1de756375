#!/usr/bin/env bash
# Proves that layering_check.sh can fail: a fake tree where site/ includes render/ must be rejected.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/generator/site" "$tmp/generator/render"
printf 'site:\nrender: site\n' > "$tmp/generator/layers.txt"
printf '#include "render/render.h"\n' > "$tmp/generator/site/site.cc"
printf '#include "site/site.h"\n' > "$tmp/generator/render/render.cc"
out=$(bash "$here/layering_check.sh" "$tmp")
if [[ $? -eq 0 ]]; then echo "layering_check.sh accepted a forbidden include"; exit 1; fi
grep -q "site/site.cc includes render/render.h" <<<"$out" || { echo "unexpected output: $out"; exit 1; }
printf '#include "site/internal.h"\n' > "$tmp/generator/render/render.cc"
printf '\n' > "$tmp/generator/site/site.cc"
out=$(bash "$here/layering_check.sh" "$tmp")
if [[ $? -eq 0 ]]; then echo "layering_check.sh accepted a private header"; exit 1; fi
echo "layering self-test: ok"
