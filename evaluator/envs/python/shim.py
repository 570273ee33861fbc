"""One Gymnasium environment behind a pipe: the Python half of evaluator/envs/python-env.ts.

It only does what needs Python: make, reset(seed), step(action), close. Settings, seeds, budgets and scoring live
on the TypeScript side. Frames use the layout of evaluator/protocol/framing.ts (u32 little-endian frame length,
u32 header length, JSON header with `tensors: [{name, dtype, shape}]`, then the raw tensor bytes). Requests
arrive on fd 3, replies leave on fd 4; stdout and stderr are logs only.

  make  {id, kwargs, preprocessing?}  -> made {actions, observationShape, observationDtype, ...}
  reset {seed?, options?}             -> observation {reward, terminated, truncated, info} + observation tensor
  step  {action}                      -> observation {...}
  close                               -> (exits)
Anything that fails -> failure {message}, then exit.
"""
import io
import json
import os
import struct
import sys
import traceback

# The modules imported from beside this file (metaworld_env.py) leave no __pycache__ in the source tree.
sys.dont_write_bytecode = True
IN_FD, OUT_FD = 3, 4
DTYPES = {"float32", "int32", "uint8"}
# Buffered: a whole request usually arrives in one read(2).
requests = io.open(IN_FD, "rb", buffering=1 << 16)


def read_frame():
    prefix = requests.read(4)
    if len(prefix) < 4:
        if prefix:
            raise EOFError("the stream ended in the middle of a frame")
        return None
    (length,) = struct.unpack("<I", prefix)
    body = requests.read(length)
    if len(body) < length:
        raise EOFError("the stream ended in the middle of a frame")
    (header_length,) = struct.unpack_from("<I", body, 0)
    return json.loads(body[4 : 4 + header_length])


# One encoder for every frame: json.dumps with options builds a new encoder per call.
encode_json = json.JSONEncoder(separators=(",", ":")).encode


def write_frame(header, tensors=()):
    """tensors: (name, C-contiguous numpy array) pairs, already in a wire dtype. One writev, no copy of the tensor bytes."""
    entries, bodies = [], []
    for name, array in tensors:
        entries.append({"name": name, "dtype": str(array.dtype), "shape": list(array.shape)})
        bodies.append(memoryview(array).cast("B"))
    if entries:
        header = dict(header, tensors=entries)
    header_bytes = encode_json(header).encode()
    frame_length = 4 + len(header_bytes) + sum(b.nbytes for b in bodies)
    parts = [struct.pack("<II", frame_length, len(header_bytes)) + header_bytes, *bodies]
    written = os.writev(OUT_FD, parts)
    if written < 4 + frame_length:  # a partial write (a full pipe, a signal): send the rest in order
        view = memoryview(b"".join(bytes(p) for p in parts))[written:]
        while view:
            view = view[os.write(OUT_FD, view) :]


def plain_info(info):
    """The scalar entries of a Gymnasium info dict (lives, frame numbers, success, ...), as JSON values."""
    out = {}
    for key, value in info.items():
        if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
            value = value.item()
        if isinstance(value, (bool, int, float)) and value == value:
            out[key] = value
    return out


class Shim:
    def __init__(self):
        self.env = None
        self.np = None

    def make(self, request):
        import gymnasium
        import numpy

        self.np = numpy
        env_id = request["id"]
        if env_id.startswith("ALE/"):
            import ale_py

            gymnasium.register_envs(ale_py)
        elif env_id.startswith("Meta-World/"):
            import metaworld  # noqa: F401  (registers the Meta-World ids)
        elif env_id.startswith("Heldout/MetaWorld"):
            import metaworld_env  # one task class with a chosen goal (metaworld_env.py, beside this file)

            metaworld_env.register()
        env = gymnasium.make(env_id, **request.get("kwargs", {}))
        preprocessing = request.get("preprocessing")
        if preprocessing is not None:
            env = gymnasium.wrappers.AtariPreprocessing(env, **preprocessing)
        self.env = env
        space = env.action_space
        reply = {"type": "made", "observationShape": list(env.observation_space.shape)}
        reply["observationDtype"] = self.wire_dtype(env.observation_space.dtype)
        if isinstance(space, gymnasium.spaces.Discrete):
            reply["actionSpace"] = {"kind": "discrete", "n": int(space.n)}
        else:
            reply["actionSpace"] = {
                "kind": "box",
                "shape": list(space.shape),
                "low": space.low.astype(float).ravel().tolist(),
                "high": space.high.astype(float).ravel().tolist(),
            }
        unwrapped = env.unwrapped
        if hasattr(unwrapped, "get_action_meanings"):
            reply["actionMeanings"] = list(unwrapped.get_action_meanings())
        write_frame(reply)

    def wire_dtype(self, dtype):
        name = str(self.np.dtype(dtype))
        return name if name in DTYPES else "float32"

    def observation(self, obs, reward, terminated, truncated, info):
        array = self.np.ascontiguousarray(obs)
        wire = self.wire_dtype(array.dtype)
        if str(array.dtype) != wire:
            array = array.astype(wire)
        header = {
            "type": "observation",
            "reward": float(reward),
            "terminated": bool(terminated),
            "truncated": bool(truncated),
            "info": plain_info(info),
        }
        write_frame(header, [("observation", array)])

    def reset(self, request):
        seed = request.get("seed")
        # options: Gymnasium's reset options (Meta-World tasks choose their goal with {"goal": i}).
        obs, info = self.env.reset(seed=seed, options=request.get("options"))
        self.observation(obs, 0.0, False, False, info)

    def step(self, request):
        action = request["action"]
        if isinstance(action, list):
            action = self.np.asarray(action, dtype=self.np.float32)
        obs, reward, terminated, truncated, info = self.env.step(action)
        self.observation(obs, reward, terminated, truncated, info)


def main():
    shim = Shim()
    handlers = {"make": shim.make, "reset": shim.reset, "step": shim.step}
    try:
        while True:
            request = read_frame()
            if request is None or request["type"] == "close":
                break
            handler = handlers.get(request["type"])
            if handler is None:
                raise ValueError(f"unknown request type {request['type']!r}")
            if request["type"] != "make" and shim.env is None:
                raise ValueError(f"{request['type']!r} before make")
            handler(request)
    except Exception as error:  # reported to the driver, which raises it as a PlatformError
        traceback.print_exc(file=sys.stderr)
        try:
            write_frame({"type": "failure", "message": f"{type(error).__name__}: {error}"})
        except OSError:
            pass
        sys.exit(1)
    finally:
        if shim.env is not None:
            shim.env.close()


if __name__ == "__main__":
    main()
