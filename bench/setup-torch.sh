#!/usr/bin/env bash
# Creates .venv-bench, the bench-only virtualenv with PyTorch for the CPU reference of
# bench/fewshot-real-throughput.ts (bench/fewshot_reference_torch.py). Nothing in the platform uses it.
# PyPI's Linux torch wheel is the CUDA build. It goes in first with --no-deps plus the few pure-Python packages it
# imports; if it cannot import without its nvidia-* libraries (2.9.1 links them at import), those are installed too.
# Idempotent: skips the work when torch already imports at the pinned version.
# Usage: bench/setup-torch.sh [--wheel PATH]   (a torch wheel already downloaded; default: from the package index)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-bench"
torch_version=2.9.1
# What torch 2.9.1 imports at `import torch` and in its functional API (its other requirements are the nvidia-* CUDA
# libraries and triton, which the CPU never loads).
deps=(numpy==2.2.6 filelock==3.20.0 typing-extensions==4.15.0 sympy==1.14.0 mpmath==1.3.0 networkx==3.5 jinja2==3.1.6 markupsafe==3.0.3 fsspec==2025.10.0)

say() { printf '\033[1m[torch]\033[0m %s\n' "$*"; }
fail() { printf '\033[1m[torch]\033[0m %s\n' "$*" >&2; exit 1; }

wheel=""
while [ $# -gt 0 ]; do
  case "$1" in
    --wheel) wheel=${2:?--wheel needs a path}; shift 2 ;;
    *) echo "usage: bench/setup-torch.sh [--wheel PATH]" >&2; exit 2 ;;
  esac
done

python=${HELDOUT_PYTHON:-python3.11}
"$python" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null || fail "$python is not Python 3.11 (set HELDOUT_PYTHON)"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import torch; assert torch.__version__.startswith('$torch_version')" 2>/dev/null; then
  say ".venv-bench is up to date (torch $torch_version)"
  exit 0
fi
[ -x "$venv/bin/python" ] || { say "creating .venv-bench"; "$python" -m venv "$venv"; }
pip=("$venv/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off)
say "installing torch's pure-Python dependencies"
"${pip[@]}" "${deps[@]}" | sed -u 's/^/  /'
say "installing torch $torch_version without its CUDA dependencies${wheel:+ from $wheel}"
"${pip[@]}" --no-deps "${wheel:-torch==$torch_version}" | sed -u 's/^/  /'
check() { "$venv/bin/python" -c 'import torch; x = torch.randn(2, 3, 8, 8); w = torch.randn(4, 3, 3, 3); assert torch.nn.functional.conv2d(x, w).shape == (2, 4, 6, 6); print("torch", torch.__version__, "runs on the CPU; CUDA available:", torch.cuda.is_available())'; }
say "checking that torch runs on the CPU"
if ! check 2>/dev/null; then
  # The CUDA build links libcudart, cuBLAS, cuDNN, … at import even on a CPU-only host: install them after all.
  say "this torch build needs its CUDA libraries to import: installing its dependencies (nvidia-*, triton; ~3 GB)"
  "${pip[@]}" "${wheel:-torch==$torch_version}" | sed -u 's/^/  /'
  check || fail "torch does not run on the CPU (see the lines above)"
fi
say "ready: .venv-bench"
