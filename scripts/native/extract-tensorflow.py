"""Lay out TensorFlow's C library from an official wheel the way the
@tensorflow/tfjs-node(-gpu) addon build expects it: deps/lib and deps/include
inside the package directory.

Usage: extract-tensorflow.py TENSORFLOW_WHEEL PACKAGE_DIR [NVIDIA_WHEEL...]
Only the headers the addon's sources reach are extracted (the wheel carries
~270 MB of C++ headers it does not need). The shared libraries of NVIDIA
wheels (CUDA, cuDNN, ...) go into deps/lib too, for the GPU build."""

import os
import re
import shutil
import sys
import zipfile

INCLUDE_ROOT = "tensorflow/include/"
# What the addon's sources include (binding/*.cc, *.h).
ENTRY_HEADERS = [
    "tensorflow/c/c_api.h",
    "tensorflow/c/eager/c_api.h",
    "tensorflow/c/tf_datatype.h",
    "tensorflow/c/tf_status.h",
    "tensorflow/c/tf_tensor.h",
    "tensorflow/core/platform/ctstring_internal.h",
]
LIBRARIES = {
    # wheel member: names the addon build links and loads it by
    "tensorflow/libtensorflow_cc.so.2": ["libtensorflow.so.2", "libtensorflow.so", "libtensorflow_cc.so.2"],
    "tensorflow/libtensorflow_framework.so.2": ["libtensorflow_framework.so.2", "libtensorflow_framework.so"],
}
NVIDIA_LIBRARY = re.compile(r"^nvidia/[^/]+/lib/[^/]+\.so[.0-9]*$")
QUOTED_INCLUDE = re.compile(rb'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def header_closure(wheel: zipfile.ZipFile) -> list[str]:
    names = set(wheel.namelist())
    seen: set[str] = set()
    pending = list(ENTRY_HEADERS)
    while pending:
        header = pending.pop()
        member = INCLUDE_ROOT + header
        if header in seen or member not in names:
            continue
        seen.add(header)
        pending.extend(m.decode() for m in QUOTED_INCLUDE.findall(wheel.read(member)))
    missing = [h for h in ENTRY_HEADERS if h not in seen]
    if missing:
        raise SystemExit(f"the wheel lacks headers the addon needs: {', '.join(missing)}")
    return sorted(seen)


def extract(wheel_path: str, package_dir: str, nvidia_wheels: list[str]) -> None:
    lib_dir = os.path.join(package_dir, "deps", "lib")
    include_dir = os.path.join(package_dir, "deps", "include")
    for d in (lib_dir, include_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    with zipfile.ZipFile(wheel_path) as wheel:
        for header in header_closure(wheel):
            target = os.path.join(include_dir, header)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with wheel.open(INCLUDE_ROOT + header) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
        for member, (real_name, *aliases) in LIBRARIES.items():
            with wheel.open(member) as src, open(os.path.join(lib_dir, real_name), "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            # Relative links keep the folder relocatable (it is bound elsewhere in the sandbox).
            for alias in aliases:
                os.symlink(real_name, os.path.join(lib_dir, alias))
    for nvidia_wheel in nvidia_wheels:
        with zipfile.ZipFile(nvidia_wheel) as wheel:
            for member in wheel.namelist():
                if NVIDIA_LIBRARY.match(member):
                    with wheel.open(member) as src, open(os.path.join(lib_dir, os.path.basename(member)), "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    extract(sys.argv[1], sys.argv[2], sys.argv[3:])
