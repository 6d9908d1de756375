#!/usr/bin/env bash
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) from its seed corpus
# (tests/fuzz/corpus/<target>/) and its past failures (tests/fuzz/regressions/<target>/).
# New interesting inputs go to build/fuzz/corpus/<target>/ (not committed); a failing input is
# saved under build/fuzz/crashes/<target>/: fix the bug, then copy the file into
# tests/fuzz/regressions/<target>/ so that the normal test binary replays it.
# Prints the executions per target; exits 1 when a target failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
status=0
for t in ${FUZZ_TARGETS:-front_matter markdown site import}; do
  mkdir -p "build/fuzz/corpus/$t" "build/fuzz/crashes/$t"
  dirs=("build/fuzz/corpus/$t" "tests/fuzz/corpus/$t")
  [ -d "tests/fuzz/regressions/$t" ] && dirs+=("tests/fuzz/regressions/$t")
  log="build/fuzz/$t.log"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    "./build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="build/fuzz/crashes/$t/" \
    "${dirs[@]}" >"$log" 2>&1
  code=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  echo "fuzz $t: ${execs:-?} executions in ${seconds} s, exit $code"
  if [ "$code" != 0 ]; then
    status=1
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
    echo "  full log: $log"
  fi
done
exit $status
