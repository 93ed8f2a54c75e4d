#!/usr/bin/env bash
# Every test: the native core (Catch2), the wasm module (node:test), the
# TypeScript types, and the page (Playwright in Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[test]\033[0m %s\n' "$*"; }

say "native core: build and Catch2"
[[ -f build/native/CMakeCache.txt ]] || cmake --preset native >/dev/null
cmake --build --preset native
ctest --preset native -j2

say "wasm module: node:test"
node --test tests/wasm/

say "TypeScript"
npx tsc --noEmit -p .

say "page: build (the site and the one-file copy) and Playwright"
npx vite build --logLevel warn
npx vite build --config vite.single.config.ts --logLevel warn
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test
