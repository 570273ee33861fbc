#!/usr/bin/env bash
# Creates the project virtualenv .venv for the RL environments (the Arcade Learning Environment and Meta-World
# through Gymnasium) from the exact pins in evaluator/envs/python/requirements.txt. Idempotent: a stamp holding the
# requirements' sha256 and the interpreter's version skips the work when nothing changed.
# Usage: scripts/setup-python.sh [--force]      HELDOUT_PYTHON=/path/to/python3 picks the interpreter (3.10–3.13).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
requirements="$root/evaluator/envs/python/requirements.txt"
stamp="$venv/.heldout-requirements.sha256"

say() { printf '\033[1m[python]\033[0m %s\n' "$*"; }
fail() { printf '\033[1m[python]\033[0m the RL environments are not installed: %s\n' "$*" >&2; exit 1; }

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    *) echo "usage: scripts/setup-python.sh [--force]" >&2; exit 2 ;;
  esac
done

python=${HELDOUT_PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
    # pyenv-style shims exist for versions that are not installed: take the first that actually runs.
    if "$candidate" -c 'import sys' >/dev/null 2>&1; then python=$(command -v "$candidate"); break; fi
  done
fi
[ -n "$python" ] || fail "no python3 found (Python 3.10–3.13 is needed; set HELDOUT_PYTHON to choose one)"
version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || fail "$python does not run"
case "$version" in
  3.10 | 3.11 | 3.12 | 3.13) ;;
  *) fail "$python is Python $version; the pinned packages need Python 3.10–3.13 (set HELDOUT_PYTHON to choose one)" ;;
esac
"$python" -c 'import venv, ensurepip' 2>/dev/null || fail "$python lacks the venv/ensurepip modules (Debian: apt-get install python3-venv)"

want="$(sha256sum "$requirements" | cut -d' ' -f1) python$version"
if [ "$force" = 0 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  say ".venv is up to date (Python $version, $(grep -c '==' "$requirements") pinned packages)"
  exit 0
fi

if [ ! -x "$venv/bin/python" ] || [ "$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$version" ]; then
  say "creating .venv with Python $version ($python)"
  rm -rf "$venv"
  "$python" -m venv "$venv" || fail "python -m venv failed"
fi
rm -f "$stamp"
say "installing $(grep -c '==' "$requirements") pinned packages into .venv (gymnasium, ale-py, opencv, numpy, mujoco, metaworld)"
# pip's download bars on a terminal (sizes and speed); plain lines in logs and CI.
progress_bar=$([ -t 1 ] && echo on || echo off)
"$venv/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar "$progress_bar" \
  --requirement "$requirements" 2>&1 | sed -u 's/^/  /' ||
  fail "pip could not install the pinned packages (is the package index reachable? see the lines above)"
say "checking that the Arcade Learning Environment starts"
"$venv/bin/python" -c 'import gymnasium, ale_py, cv2; gymnasium.register_envs(ale_py); gymnasium.make("ALE/Pong-v5").close()' ||
  fail "the packages installed but ALE/Pong-v5 does not start"
echo "$want" > "$stamp"
say "ready: .venv (Python $version)"
