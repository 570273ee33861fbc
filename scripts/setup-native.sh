#!/usr/bin/env bash
# Builds the native TensorFlow backend for TF.js: the @tensorflow/tfjs-node (or -gpu) addon, compiled against the
# TensorFlow C library and headers shipped in the official PyPI wheel (tensorflow-cpu, or tensorflow plus the
# NVIDIA CUDA wheels of its and-cuda extra), because the package's own installer downloads from outside the
# registries. The package lands in .native/tfjs-node[-gpu]/node_modules/@tensorflow/, never in the project's
# node_modules. Idempotent: a stamp (package, TensorFlow and Node ABI versions) skips work already done.
# When it cannot build, it prints one line and exits 0: TF.js then uses WASM.
# Usage: scripts/setup-native.sh [--gpu | --cpu] [--force]    (default: --gpu when nvidia-smi exists)
# HELDOUT_NATIVE=0 skips it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
native="$root/.native"
tf_version=2.21.0
# The and-cuda extra of tensorflow 2.21.0 gives ranges; these are pinned so every GPU host gets the same build.
cuda_wheels=(
  nvidia-cublas-cu12==12.9.3.13 nvidia-cuda-cupti-cu12==12.8.90 nvidia-cuda-nvcc-cu12==12.9.86
  nvidia-cuda-nvrtc-cu12==12.9.86 nvidia-cuda-runtime-cu12==12.9.79 nvidia-cudnn-cu12==9.28.0.42
  nvidia-cufft-cu12==11.4.1.4 nvidia-curand-cu12==10.3.10.19 nvidia-cusolver-cu12==11.7.5.82
  nvidia-cusparse-cu12==12.5.10.65 nvidia-nccl-cu12==2.32.3 nvidia-nvjitlink-cu12==12.9.86
)

say() { printf '\033[1m[native]\033[0m %s\n' "$*"; }
staging=""
give_up() {
  [ -n "$staging" ] && rm -rf "$staging"
  printf '\033[1m[native]\033[0m native TensorFlow backend not built (%s); TF.js will use WASM\n' "$*"
  exit 0
}

variant=auto force=0
for arg in "$@"; do
  case "$arg" in
    --gpu) variant=gpu ;;
    --cpu) variant=cpu ;;
    --force) force=1 ;;
    *) echo "usage: scripts/setup-native.sh [--gpu | --cpu] [--force]" >&2; exit 2 ;;
  esac
done

[ "${HELDOUT_NATIVE:-1}" = 0 ] && give_up "HELDOUT_NATIVE=0"
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || give_up "only Linux x86_64 is supported, this is $(uname -s) $(uname -m)"
if [ "$variant" = auto ]; then
  if command -v nvidia-smi >/dev/null 2>&1; then variant=gpu; else variant=cpu; fi
fi
if [ "$variant" = gpu ]; then package=tfjs-node-gpu tf_wheel=tensorflow; else package=tfjs-node tf_wheel=tensorflow-cpu; fi

python=$(command -v python3 || true)
[ -n "$python" ] || give_up "no python3 to download the TensorFlow wheel with"
"$python" -m pip --version >/dev/null 2>&1 || give_up "python3 has no pip"
tfjs_version=$(node -p 'require(process.argv[1]).version' "$root/node_modules/@tensorflow/tfjs/package.json" 2>/dev/null) ||
  give_up "@tensorflow/tfjs is not installed in node_modules (run npm ci first)"

prefix="$native/$package"
addon_dir="$prefix/node_modules/@tensorflow/$package"
stamp="$package $tfjs_version | $tf_wheel $tf_version | node-abi $(node -p process.versions.modules) napi 8"
if [ "$force" = 0 ] && [ -f "$prefix/stamp" ] && [ "$(cat "$prefix/stamp")" = "$stamp" ] &&
   [ -f "$addon_dir/lib/napi-v8/tfjs_binding.node" ]; then
  say "@tensorflow/$package is built and up to date ($stamp)"
  exit 0
fi

mkdir -p "$native/cache/wheels"
log="$native/setup-$package.log"
: > "$log"
started=$(date +%s)
say "building @tensorflow/$package $tfjs_version against $tf_wheel $tf_version (log: ${log#"$root"/})"

# 1. The wheels (the TensorFlow one is ~270 MB for the CPU build, the GPU set a few GB); pip reuses files already in
#    the cache folder. The wheel's Python ABI does not matter: only its C library and headers are used.
pip_download=("$python" -m pip download --no-deps --only-binary=:all: --python-version 3.11
  --progress-bar "$([ -t 1 ] && echo on || echo off)"
  --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64
  --platform manylinux_2_12_x86_64 --platform manylinux2010_x86_64 -d "$native/cache/wheels")
wheels=("$tf_wheel==$tf_version")
[ "$variant" = gpu ] && wheels+=("${cuda_wheels[@]}")
say "downloading ${wheels[*]}"
"${pip_download[@]}" "${wheels[@]}" || give_up "pip could not download the wheels, see its output above"
wheel_file() { # the cached file for a requirement name==version
  local name=${1%%==*} version=${1##*==}
  ls "$native/cache/wheels/${name//-/_}-$version-"*.whl 2>/dev/null | head -n 1
}
tf_file=$(wheel_file "$tf_wheel==$tf_version")
[ -n "$tf_file" ] || give_up "the $tf_wheel wheel is not in ${native#"$root"/}/cache/wheels"
cuda_files=()
if [ "$variant" = gpu ]; then
  for w in "${cuda_wheels[@]}"; do cuda_files+=("$(wheel_file "$w")"); done
fi

# 2. The package, without its install script (which downloads libtensorflow), in a staging folder that replaces the
#    old build only once the new one works.
staging="$native/.staging-$package"
rm -rf "$staging"
mkdir -p "$staging"
printf '{"private":true,"dependencies":{"@tensorflow/%s":"%s"}}\n' "$package" "$tfjs_version" > "$staging/package.json"
say "installing @tensorflow/$package $tfjs_version (scripts skipped)"
(cd "$staging" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) >>"$log" 2>&1 ||
  give_up "npm could not install @tensorflow/$package@$tfjs_version, see ${log#"$root"/}"
# Its own copy of @tensorflow/tfjs would be a second engine; without it, Node resolves the project's copy (same
# version) by walking up from .native/, and inside the sandbox from the bound /node_modules.
staged_addon="$staging/node_modules/@tensorflow/$package"
for dir in "$staging"/node_modules/@tensorflow/*; do [ "$dir" = "$staged_addon" ] || rm -rf "$dir"; done

# 3. TensorFlow's C library and headers into the package's deps/.
say "extracting the TensorFlow C library from $(basename "$tf_file")"
"$python" "$root/scripts/native/extract-tensorflow.py" "$tf_file" "$staged_addon" "${cuda_files[@]}" >>"$log" 2>&1 ||
  give_up "could not extract the TensorFlow library from the wheel, see ${log#"$root"/}"

# 4. The addon, with the node-gyp that ships with npm and Node's installed headers when npm knows where they are.
node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$node_gyp" ] || give_up "node-gyp (bundled with npm) was not found"
command -v make >/dev/null && command -v g++ >/dev/null || give_up "make and g++ are needed to compile the addon"
nodedir=$(npm config get nodedir 2>/dev/null || true)
gyp_args=(rebuild --module_name=tfjs_binding --module_path="$staged_addon/lib/napi-v8" --napi_build_version=8
  -j "$(nproc)")
[ -n "$nodedir" ] && [ "$nodedir" != undefined ] && [ "$nodedir" != null ] && gyp_args+=(--nodedir="$nodedir")
say "compiling the addon"
(cd "$staged_addon" && node "$node_gyp" "${gyp_args[@]}") >>"$log" 2>&1 ||
  give_up "the addon did not compile, see ${log#"$root"/}"
rm -rf "$staged_addon/build"

# 5. It must load and register the tensorflow backend (on a GPU host this also proves CUDA loads).
check='const tf = require(process.argv[1]); tf.tensor([1, 2]).add(1).dataSync();
  if (tf.getBackend() !== "tensorflow") throw new Error("backend is " + tf.getBackend());'
(cd "$staging" && LD_LIBRARY_PATH="$staged_addon/deps/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  TF_CPP_MIN_LOG_LEVEL=2 node -e "$check" "$staged_addon") >>"$log" 2>&1 ||
  give_up "the built addon does not load, see ${log#"$root"/}"

echo "$stamp" > "$staging/stamp"
seconds=$(($(date +%s) - started))
echo "$seconds" > "$staging/build-seconds"
rm -rf "$prefix"
mv "$staging" "$prefix"
say "built @tensorflow/$package in $seconds s: ${prefix#"$root"/} ($(du -sh "$prefix" | cut -f1))"
