import { parseArgs } from "node:util";
import { z } from "zod";

const argsSchema = z.object({
  backend: z.enum(["auto", "tensorflow", "wasm", "cpu"]).default("auto"),
  "tfjs-node": z.string().optional(),
  bundle: z.string().default("/bundle"),
  "in-fd": z.coerce.number().int().min(0).default(3),
  "out-fd": z.coerce.number().int().min(0).default(4),
});

export type RuntimeArgs = {
  backend: "auto" | "tensorflow" | "wasm" | "cpu";
  tfjsNodePath: string | undefined;
  bundleDir: string;
  inFd: number;
  outFd: number;
};

/** The runtime's command line: `runtime.mjs [--backend=auto] [--tfjs-node=DIR] [--bundle=/bundle] [--in-fd=3] [--out-fd=4]`. */
export function parseRuntimeArgs(argv: string[]): RuntimeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      backend: { type: "string" },
      "tfjs-node": { type: "string" },
      bundle: { type: "string" },
      "in-fd": { type: "string" },
      "out-fd": { type: "string" },
    },
    strict: true,
  });
  const parsed = argsSchema.parse(values);
  return {
    backend: parsed.backend,
    tfjsNodePath: parsed["tfjs-node"],
    bundleDir: parsed.bundle,
    inFd: parsed["in-fd"],
    outFd: parsed["out-fd"],
  };
}
