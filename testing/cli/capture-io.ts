import type { Io } from "@/cli/io";

/** An Io that records what a command prints. */
export function captureIo(options: { errIsTTY?: boolean } = {}) {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), errIsTTY: options.errIsTTY ?? false };
  return { io, out: () => out, err: () => err };
}
