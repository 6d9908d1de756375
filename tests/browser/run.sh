#!/usr/bin/env bash
# Runs every browser test (*.test.mjs here) with node's test runner, one file at a time.
#   bash tests/browser/run.sh [file.test.mjs ...]      VINHDANH=path/to/vinhdanh to pick the binary
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bash setup.sh
if [ $# -gt 0 ]; then files=("$@"); else files=(*.test.mjs); fi
exec node --test --test-concurrency=1 "${files[@]}"
