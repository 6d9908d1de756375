#!/usr/bin/env bash
# Times the git side (issue 4): history dates of 10 000 content files over 2 000 commits, and
# publishing a 10 000-profile site (first edition: every blob new, after a first build drew the
# social cards; second and third: one profile edited).
#
#   bash bench/git_bench.sh [PROFILES] [COMMITS]      defaults: 10000 2000
#
# Uses bench/gen_corpus.py for the site and `git fast-import` (the git command, only to set the
# benchmark up quickly) for the history; everything timed goes through vinhdanh and libgit2.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${VINHDANH:-$ROOT/build/release/vinhdanh}
N=${1:-10000}
COMMITS=${2:-2000}
DIR=$ROOT/bench/out/git-$N-$COMMITS
[ -x "$BIN" ] || { echo "git_bench.sh: $BIN not found; run 'make build' first" >&2; exit 2; }
command -v git >/dev/null || { echo "git_bench.sh: git is needed to set the benchmark up" >&2; exit 2; }

if [ ! -d "$DIR/.git" ]; then
  rm -rf "$DIR"
  python3 bench/gen_corpus.py --profiles "$N" --out "$DIR" >/dev/null
  git -C "$DIR" init -q
  printf 'public/\npublic.*/\n.bench-corpus\n' >"$DIR/.gitignore"
  python3 bench/git_history.py "$DIR" "$COMMITS" | git -C "$DIR" fast-import --quiet
  git -C "$DIR" reset -q --hard
  git -C "$DIR" add .gitignore
  git -C "$DIR" -c user.name=Bench -c user.email=bench@example.invalid commit -q -m ignore
  git -C "$DIR" reset -q --hard
  ls "$DIR/.git/objects/pack" >"$DIR/.git/bench-packs"  # the history's own packs
fi
files=$(git -C "$DIR" ls-files content | wc -l)
echo "site: $N profiles, $files content files, $(git -C "$DIR" rev-list --count HEAD) commits"

stage() { grep -E "^$1 " | awk '{print $2}'; }
cd "$DIR"
rm -rf .git/vinhdanh
# The previous run's output is moved aside now and deleted at the end: ext4 here is slow to create
# files right after many were deleted (it skips recently freed inodes), which is not what a first
# publish meets.
trash=$(mktemp -d "$ROOT/bench/out/trash.XXXXXX")
for d in public public.staging public.old; do if [ -e "$d" ]; then mv "$d" "$trash/"; fi; done
git config gc.auto 0  # no automatic repack: the packs below would mix with the history's
git update-ref -d refs/heads/portal 2>/dev/null || true
# Earlier runs' editions: their objects go (loose ones, and packs publish wrote), so edition 1
# really stores every blob.
git prune --expire=now
if [ -f .git/bench-packs ]; then
  for f in .git/objects/pack/*; do grep -qxF "${f##*/}" .git/bench-packs || rm -f "$f"; done
fi
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.invalid
# Each timed command also reports its whole process's wall and CPU time (user + system): the
# machine is shared, so CPU time is the steadier figure.
T=$(mktemp)
timed() { /usr/bin/time -f '%e %U %S' -o "$T" "$@"; }
process() { awk '{printf "(process: %.2f s wall, %.2f s CPU)", $1, $2 + $3}' "$T"; }
cpu() { awk '{printf "%.2f", $2 + $3}' "$T"; }
# -j1: check then works the dates out before loading the files, not on a thread beside the loading
# ones, so the walk is timed alone (it still reads the folders of history on all cores).
cold=$(timed "$BIN" check -j1 --theme "$ROOT" --timings -q 2>&1 | stage history); cold_p=$(process); cold_cpu=$(cpu)
warm=$(timed "$BIN" check -j1 --theme "$ROOT" --timings -q 2>&1 | stage history); warm_p=$(process); warm_cpu=$(cpu)
echo "history dates, one walk, no cache:  ${cold} s $cold_p"
echo "history dates, cached:              ${warm} s $warm_p"
echo "  CPU of the uncached walk (difference of the two checks): $(echo "$cold_cpu $warm_cpu" | awk '{printf "%.2f", $1 - $2}') s"
# A site is built (or served) before its first publish: the build draws the social cards, which
# later builds reuse and publish reads from its output folder (publish itself writes no output
# folder). Timed on its own, so that edition 1 shows what publishing costs.
out=$(timed "$BIN" build --theme "$ROOT" --timings -q 2>&1)
echo "first build (draws the social cards): cards $(echo "$out" | stage cards) s $(process)"
out=$(timed "$BIN" publish --theme "$ROOT" --timings -q 2>&1)
echo "publish edition 1 (all blobs new):  build $(echo "$out" | awk '$1!="history" && $1!="commit" {s+=$2} END {printf "%.3f", s}') s, commit $(echo "$out" | stage commit) s $(process)"
f=$(git ls-files 'content/profiles/*' | sed -n 1p)  # not head: SIGPIPE under pipefail
printf '\nMột dòng mới.\n' >>"$f"
git -c user.name=Bench -c user.email=bench@example.invalid commit -q -am "one edit"
out=$(timed "$BIN" publish --theme "$ROOT" --timings -q 2>&1)
echo "publish edition 2 (one profile):    build $(echo "$out" | awk '$1!="history" && $1!="commit" {s+=$2} END {printf "%.3f", s}') s, commit $(echo "$out" | stage commit) s, history $(echo "$out" | stage history) s $(process)"
# Edition 3: another edit (editions 2 and 3 take the cards from the blobs of the edition before).
printf '\nMột dòng nữa.\n' >>"$f"
git -c user.name=Bench -c user.email=bench@example.invalid commit -q -am "another edit"
out=$(timed "$BIN" publish --theme "$ROOT" --timings -q 2>&1)
echo "publish edition 3 (one profile):    build $(echo "$out" | awk '$1!="history" && $1!="commit" {s+=$2} END {printf "%.3f", s}') s, commit $(echo "$out" | stage commit) s, history $(echo "$out" | stage history) s $(process)"
echo "pages in the edition: $(git ls-tree -r --name-only portal | grep -c 'index.html$')"
git reset -q --hard HEAD~2  # the next run starts from the same history
rm -rf "$T" "$trash"
