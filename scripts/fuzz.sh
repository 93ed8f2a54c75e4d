#!/usr/bin/env bash
# Fuzzes the core's readers of untrusted text — the network file, the
# expression parser, the CSV reader — with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer, for a bounded time each (not part of npm test).
#
#   scripts/fuzz.sh              60 s per target
#   FUZZ_SECONDS=600 scripts/fuzz.sh
#   scripts/fuzz.sh expression   one target
#
# Starts from the committed corpus in fuzz/corpus/<target>; new inputs go to
# build/fuzz/corpus/<target>, and a crash is written to build/fuzz/crash-*.
# Make what it finds a test in tests/native/ and, minimised, add it
# to the committed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

# clang with libFuzzer's runtime, and what the core builds with.
packages=(cmake make clang-14 libclang-rt-14-dev libeigen3-dev)
source scripts/packages.sh
needs_packages fuzz "${packages[@]}"
command -v clang++ >/dev/null || { say "clang++ is not on PATH (Debian: update-alternatives, or a link to clang++-14)"; exit 1; }

seconds="${FUZZ_SECONDS:-60}"
targets=("${@:-network expression csv}")
read -r -a targets <<<"${targets[*]}"

[[ -f build/fuzz/CMakeCache.txt ]] || cmake --preset fuzz >/dev/null
say "building the fuzz targets"
cmake --build --preset fuzz

status=0
for target in "${targets[@]}"; do
  corpus="build/fuzz/corpus/$target"
  mkdir -p "$corpus"
  say "fuzz_$target for $seconds s"
  if ! build/fuzz/fuzz/fuzz_"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix=build/fuzz/ -print_final_stats=1 "$corpus" "fuzz/corpus/$target"; then
    say "fuzz_$target found a problem: see build/fuzz/crash-* (or leak-*, timeout-*)"
    status=1
  fi
done
exit $status
