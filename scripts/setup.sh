#!/usr/bin/env bash
# Installs everything Heldout needs on this machine, idempotently:
# Debian packages (bubblewrap, chromium for the browser tests), npm packages, the native TF.js backend (optional),
# and the production build of the site. Each step is skipped when already done.
# Usage: scripts/setup.sh [--with-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
# "[setup 2/5] installing npm packages": where a first set-up is (it takes minutes) among its five steps.
step() { local n=$1; shift; printf '\033[1m[setup %s/5]\033[0m %s\n' "$n" "$*"; }
with_browser=0
for arg in "$@"; do [ "$arg" = "--with-browser" ] && with_browser=1; done

# 1. Debian packages.
need=()
command -v bwrap >/dev/null || need+=(bubblewrap)
command -v setpriv >/dev/null || need+=(util-linux)
command -v prlimit >/dev/null || need+=(util-linux)
[ "$with_browser" = 1 ] && { command -v chromium >/dev/null || need+=(chromium); }
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step 1 "installing Debian packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    say "missing system packages: ${need[*]} — install them (e.g. sudo apt-get install ${need[*]}) and run again"
    exit 1
  fi
fi

# 2. npm packages at the lockfile's versions, reinstalled when package.json or the lockfile changes.
# (`npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages out of the lockfile and `npm ci`
# then refuses it as out of sync.)
stamp=node_modules/.heldout-lock.sha256
lock_sum() { cat package.json package-lock.json | sha256sum | cut -d' ' -f1; }
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(lock_sum)" ]; then
  step 2 "installing npm packages"
  # onnxruntime-node ships its CPU engine in the npm package; its postinstall would fetch the CUDA provider from
  # NuGet (npm 11 does not run it at all: package.json's allowScripts; older npm honours this switch).
  ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --loglevel=error
  lock_sum > "$stamp"
fi

# 3. The Python virtualenv with the real simulators (ALE, Meta-World) behind the RL environment bridge.
step 3 "the Python virtualenv with the simulators"
bash scripts/setup-python.sh || say "continuing without the RL environments (few-shot benchmarks are unaffected)"

# 4. Native TensorFlow backend (falls back to WASM with one line when it can't be built; HELDOUT_NATIVE=0 skips it).
step 4 "the native TensorFlow backend"
if [ -f scripts/setup-native.sh ]; then bash scripts/setup-native.sh || true; fi

# 5. Production build of the site, rebuilt when the site's own sources change (a content hash, so files the platform
# writes at run time, such as the sandbox's runtime bundle or Python caches, never trigger a rebuild).
site_sources() {
  { find app lib db evaluator benchmarks public next.config.ts postcss.config.mjs tsconfig.json package-lock.json \
    -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.mts' -o -name '*.mjs' -o -name '*.css' -o -name '*.json' \
    -o -name '*.sql' -o -name '*.svg' -o -name '*.png' -o -name '*.ico' -o -name '*.txt' \) \
    -not -name '*.test.ts' -not -path '*/node_modules/*' -not -path 'evaluator/runtime/dist/*' 2>/dev/null || true; } |
    LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum | cut -d' ' -f1
}
built_from=.next/heldout-sources.sha256
sources_sum=$(site_sources)
if [ ! -f .next/BUILD_ID ] || [ ! -f "$built_from" ] || [ "$(cat "$built_from")" != "$sources_sum" ]; then
  step 5 "building the site (next build)"
  NEXT_IGNORE_INCORRECT_LOCKFILE=1 NEXT_TELEMETRY_DISABLED=1 npx next build >/tmp/heldout-next-build.log 2>&1 || { cat /tmp/heldout-next-build.log; exit 1; }
  echo "$sources_sum" > "$built_from"
fi
say "ready"
