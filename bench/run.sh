#!/usr/bin/env bash
# Benchmarks vinhdanh against Hugo on generated, equivalent sites (see bench/README.md).
#
#   bash bench/run.sh [N ...]       default sizes: 1000 10000
#
# Environment: ROUNDS (default 3: one fresh build, then rebuilds into the existing folder),
# VINHDANH (the binary, default build/release/vinhdanh), HUGO (default hugo), SEED (corpus seed),
# HUGO_LIMIT (seconds, default 900: a Hugo build still running then is stopped and recorded as
# not finished; not HUGO_TIMEOUT, since Hugo reads HUGO_* variables as its own settings),
# INCREMENTAL_MAX (default 10000: serve's rebuild times are measured up to this many profiles),
# CARDS (on: vinhdanh draws a social card per profile, as every real site does; off: page
# generation alone, like Hugo, which draws none).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
BIN=${VINHDANH:-$ROOT/build/release/vinhdanh}
HUGO=${HUGO:-hugo}
ROUNDS=${ROUNDS:-3}
HUGO_LIMIT=${HUGO_LIMIT:-900}
INCREMENTAL_MAX=${INCREMENTAL_MAX:-10000}
SEED=${SEED:-20240915}
CARDS=${CARDS:-on}
TIME=/usr/bin/time

if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: '$n' is not a profile count" >&2; exit 2; }
done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: ROUNDS must be a positive integer" >&2; exit 2; }
[[ $CARDS == on || $CARDS == off ]] || { echo "run.sh: CARDS must be on or off" >&2; exit 2; }

# --- tools -------------------------------------------------------------------------------------
if [ ! -x "$TIME" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "run.sh: installing GNU time (/usr/bin/time)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "run.sh: /usr/bin/time is missing; run as root: apt-get install -y time" >&2; exit 2
  fi
fi
[ -x "$BIN" ] || { echo "run.sh: $BIN not found; run 'make build' first" >&2; exit 2; }
command -v "$HUGO" >/dev/null || { echo "run.sh: hugo not found; apt-get install -y hugo" >&2; exit 2; }
command -v python3 >/dev/null || { echo "run.sh: python3 is required" >&2; exit 2; }

mkdir -p "$OUT"
RAW=$OUT/results.tsv       # one line per measurement: n tool phase round wall_s rss_kib cpu_s
: >"$RAW"
INC=$OUT/incremental.tsv   # serve's rebuilds: n kind round wall_ms processor_ms files
: >"$INC"
LOG=$OUT/last-command.log
TRASH=()  # earlier outputs moved aside (see below), deleted when the measurements are done

# Runs a command under GNU time; appends "n tool phase round wall rss cpu" to $RAW (cpu: user +
# system seconds of all threads). A Hugo build stopped by HUGO_LIMIT (exit 124) or killed for
# lack of memory is recorded with the wall time it had used and "unfinished" as its CPU time.
measure() {
  local n=$1 tool=$2 phase=$3 round=$4; shift 4
  sync  # flush the previous build's writes so they do not land on this one
  local tf; tf=$(mktemp)
  local status=0
  "$TIME" -f '%e %M %U %S' -o "$tf" "$@" >"$LOG" 2>&1 || status=$?
  local wall rss user sys cpu
  read -r wall rss user sys < <(grep -E '^[0-9.]+ [0-9]+ [0-9.]+ [0-9.]+$' "$tf" | tail -n 1)
  rm -f "$tf"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
  if [ "$status" != 0 ]; then
    if [ "$tool" = hugo ] && { [ "$status" = 124 ] || [ "$status" = 137 ]; }; then
      cpu=unfinished
      echo "  hugo did not finish (exit $status after $wall s, $((rss / 1024)) MiB)"
    else
      echo "run.sh: FAILED ($tool, $n profiles, round $round): $*" >&2
      tail -n 40 "$LOG" >&2
      exit 1
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$phase" "$round" "$wall" "$rss" "$cpu" >>"$RAW"
  printf '  %-9s %-8s round %d: %7.2f s wall  %7s s CPU  %7.1f MiB\n' "$tool" "$phase" "$round" "$wall" "$cpu" "$(echo "$rss" | awk '{print $1/1024}')"
}

# The corpus is cached in bench/out/N; it is regenerated when the generator, its Hugo layouts or
# the seed change.
stamp() {
  { cat "$ROOT/bench/gen_corpus.py"; find "$ROOT/bench/hugo_layouts" -type f -print0 | sort -z | xargs -0 cat; echo "seed=$SEED cards=$CARDS"; } \
    | sha256sum | cut -c1-16
}
STAMP=$(stamp)

for n in "${sizes[@]}"; do
  dir=$OUT/$n
  if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$STAMP" ] && [ -f "$dir/site/site.yml" ] && [ -f "$dir/hugo/config.toml" ]; then
    echo "== $n profiles: corpus cached in bench/out/$n"
  else
    echo "== $n profiles: generating the corpus"
    rm -f "$dir/stamp"
    python3 "$ROOT/bench/gen_corpus.py" --profiles "$n" --seed "$SEED" --social-cards "$CARDS" --out "$dir/site" --hugo "$dir/hugo"
    echo "$STAMP" >"$dir/stamp"
  fi
  vd_out=$dir/public
  hu_out=$dir/hugo-public
  # The previous run's output is moved aside and deleted at the very end: ext4 here is slow to
  # create files right after thousands were deleted (it skips recently freed inodes), which is
  # not what a fresh build meets, for either tool.
  trash=$(mktemp -d "$OUT/trash.XXXXXX")
  TRASH+=("$trash")
  for d in "$vd_out" "$vd_out".staging "$vd_out".old "$hu_out" "$dir/hugo/resources"; do
    if [ -e "$d" ]; then mv "$d" "$trash/$(basename "$d")"; fi
  done
  rm -f "$dir/hugo/.hugo_build.lock"
  sync

  measure "$n" vinhdanh check 1 "$BIN" check --source "$dir/site" --theme "$ROOT"
  for ((r = 1; r <= ROUNDS; r++)); do
    phase=rebuild
    [ "$r" = 1 ] && phase=fresh   # round 1 writes into empty folders, later rounds over the old output
    measure "$n" vinhdanh "$phase" "$r" "$BIN" build --source "$dir/site" --out "$vd_out" --theme "$ROOT" --quiet
    measure "$n" hugo "$phase" "$r" timeout "$HUGO_LIMIT" "$HUGO" --source "$dir/hugo" --destination "$hu_out" --quiet
  done
  # serve: edit one profile at a time and read the rebuild's time (bench/incremental.py)
  [ "$n" -gt "$INCREMENTAL_MAX" ] || python3 "$ROOT/bench/incremental.py" --binary "$BIN" --site "$dir/site" --theme "$ROOT" --n "$n" --out "$INC"
  find "$vd_out" -name '*.html' | wc -l >"$dir/pages-vinhdanh"
  { find "$hu_out" -name '*.html' 2>/dev/null || true; } | wc -l >"$dir/pages-hugo"
  { find "$hu_out" -path '*/trang/1/index.html' 2>/dev/null || true; } | wc -l >"$dir/stubs-hugo"
done

for t in "${TRASH[@]}"; do rm -rf "$t"; done

# --- report ------------------------------------------------------------------------------------
HUGO_VERSION=$("$HUGO" version 2>/dev/null | head -n 1 | awk '{print $2}')
VD_VERSION=$("$BIN" version 2>/dev/null | head -n 1 || echo "?")
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo "?")
python3 - "$RAW" "$OUT" "$ROUNDS" "$HUGO_VERSION" "$VD_VERSION" "$(nproc)" "$CPU" "$CARDS" "${sizes[@]}" <<'PY'
import statistics, sys, datetime, os
raw, out, rounds, hugo_v, vd_v, cores, cpu, cards, *sizes = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(raw, encoding="utf-8") if l.strip()]
def pick(n, tool, phase):
    return [(float(r[4]), int(r[5])) for r in rows if r[0] == n and r[1] == tool and r[2] == phase]
def cpu_of(n, tool, phase):
    return [r[6] if len(r) > 6 else "?" for r in rows if r[0] == n and r[1] == tool and r[2] == phase]
def unfinished(n, tool):
    return any(c == "unfinished" for c in cpu_of(n, tool, "fresh") + cpu_of(n, tool, "rebuild"))
def med(v):
    return statistics.median(v) if v else None
def read(path):
    try:
        return open(path).read().strip()
    except OSError:
        return "?"
def fmt_s(x):
    return "—" if x is None else f"{x:.2f}"
def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.1f}×"

lines = []
lines.append(f"# vinhdanh vs Hugo — {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}")
lines.append("")
lines.append(f"{cores} cores ({cpu}); {vd_v}; Hugo {hugo_v}; {rounds} interleaved rounds "
             "(round 1 fresh output folder, later rounds rebuild over it). Wall time in seconds; "
             "peak = highest peak RSS of all build rounds.")
lines.append("")
lines.append("Social cards " + ("**on**: vinhdanh's fresh build draws a 1200×630 JPEG per profile "
             "(Hugo draws none); rebuilds link them." if cards == "on" else
             "**off** (`social_cards: false`): page generation alone on both sides."))
lines.append("")
lines.append("| N | tool | fresh wall s | fresh CPU s | rebuild wall s (median) | rebuild CPU s | peak MiB | pages (.html) |")
lines.append("|---:|---|---:|---:|---:|---:|---:|---:|")
summary = []
for n in sizes:
    res = {}
    for tool in ("vinhdanh", "hugo"):
        fresh = pick(n, tool, "fresh")
        reb = pick(n, tool, "rebuild")
        f = med([w for w, _ in fresh])
        rb = med([w for w, _ in reb])
        peak = max([m for _, m in fresh + reb], default=None)
        peak = None if peak is None else peak / 1024
        res[tool] = (f, rb, peak)
        pages = read(os.path.join(out, n, f"pages-{tool}"))
        if tool == "hugo":
            stubs = read(os.path.join(out, n, "stubs-hugo"))
            pages = f"{pages} ({stubs} trang/1/ redirects)"
        def cpus(phase):
            v = cpu_of(n, tool, phase)
            if "unfinished" in v:
                return "unfinished"
            try:
                return fmt_s(med([float(x) for x in v]))
            except ValueError:
                return "?"
        fs = fmt_s(f) + (" (stopped)" if tool == "hugo" and "unfinished" in cpu_of(n, tool, "fresh") else "")
        lines.append(f"| {n} | {tool} | {fs} | {cpus('fresh')} | {fmt_s(rb)} | {cpus('rebuild')} | {'—' if peak is None else f'{peak:.0f}'} | {pages} |")
    chk = pick(n, "vinhdanh", "check")
    if chk:
        lines.append(f"| {n} | vinhdanh check | {chk[0][0]:.2f} | {cpu_of(n, 'vinhdanh', 'check')[0]} | — | — | {chk[0][1] / 1024:.0f} | — |")
    v, h = res["vinhdanh"], res["hugo"]
    more = "> " if unfinished(n, "hugo") else ""  # Hugo was stopped: the ratio is a lower bound
    summary.append(f"| {n} | {more}{ratio(h[0], v[0])} | {ratio(h[1], v[1])} | {more}{ratio(h[2], v[2])} |")
lines.append("")
lines.append("Ratios hugo / vinhdanh (above 1× means vinhdanh is faster or smaller):")
lines.append("")
lines.append("| N | fresh wall | rebuild wall | peak memory |")
lines.append("|---:|---:|---:|---:|")
lines += summary
lines.append("")
inc = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "incremental.tsv"), encoding="utf-8") if l.strip()]
if inc:
    lines.append("`vinhdanh serve`, one profile saved at a time (median of the edits; processor time is "
                 "the CPU time of all threads, less sensitive than wall time to a busy machine):")
    lines.append("")
    lines.append("| N | edit | rebuild wall ms | processor ms | files rendered | pages left for later | processor ms with them |")
    lines.append("|---:|---|---:|---:|---:|---:|---:|")
    for n in sizes:
        for kind, label in (("story", "summary (place kept: quick path)"), ("rename", "name (moves in every list)")):
            rows = [r for r in inc if r[0] == n and r[1] == kind]
            if rows:
                lines.append(f"| {n} | {label} | {med([int(r[3]) for r in rows]):.0f} | "
                             f"{med([int(r[4]) for r in rows]):.0f} | {med([int(r[5]) for r in rows]):.0f} | "
                             f"{med([int(r[6]) for r in rows if len(r) > 7]) if any(len(r) > 7 for r in rows) else 0:.0f} | "
                             f"{med([int(r[7]) for r in rows if len(r) > 7]) if any(len(r) > 7 for r in rows) else 0:.0f} |")
    lines.append("")
lines.append("Raw measurements (n, tool, phase, round, wall s, peak KiB, CPU s): bench/out/results.tsv; "
             "serve's rebuilds: bench/out/incremental.tsv")
text = "\n".join(lines) + "\n"
print()
print(text, end="")
with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as f:
    f.write(text)
PY
echo "written: bench/out/results.md"
