#!/usr/bin/env bash
# `npm test`: install what is missing (the browser included), then run every test: unit and integration
# (node's test runner, against a real embedded PostgreSQL, the real sandbox) and the browser tests (Playwright).
# First, in seconds: the layer arrows (no import runs back up a layer, no cycle), ESLint and Prettier's check.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
npx tsx scripts/check-arrows.mts
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "Not formatted (npx prettier --write <file>)."; exit 1; }
exec npx tsx scripts/run-tests.mts "$@"
