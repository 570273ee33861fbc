#!/usr/bin/env bash
# `npm start`: install what is missing, then start the whole platform (Postgres, worker, site).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec npx tsx cli/heldout.ts start "$@"
