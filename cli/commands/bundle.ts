import fs from "node:fs";
import path from "node:path";
import { packBundle } from "@/evaluator/bundle";
import { formatBytes } from "@/evaluator/bundle/limits";
import { getConfig } from "@/lib/config";
import { parseCommand, UsageError } from "../args";
import { describeBundle, prepareBundle } from "../bundle-input";
import { processIo, type Io } from "../io";
import { run as init } from "./bundle-init";

export const USAGE = `Usage: heldout bundle check <bundle-dir-or-archive>
       heldout bundle pack <bundle-dir> [--out FILE]
       heldout bundle init fewshot --kind embedding|finetune|learner [--out DIR] [--image-shape H,W,C] [--name NAME]
       heldout bundle init metaworld --kind agent|policy [--out DIR] [--name NAME]
       heldout bundle init atari --kind agent|policy [--actions N] [--out DIR] [--name NAME]

check  runs the server's checks on a bundle (.tar.gz, .zip, or a directory) and lists its files.
pack   checks a bundle directory and packs it into a .tar.gz for upload (default: ./<name>.tar.gz).
init   writes a working starter bundle with a typed interface file (\`heldout bundle init --help\` for details).`;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") return (io.out(`${USAGE}\n`), sub === undefined ? 2 : 0);
  if (sub === "check") return check(rest, io);
  if (sub === "pack") return pack(rest, io);
  if (sub === "init") return init(rest, io);
  throw new UsageError(`Unknown bundle command '${sub}'.`);
}

async function check(argv: string[], io: Io): Promise<number> {
  const args = parseCommand(argv, {}, ["path"]);
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const bundle = await prepareBundle(args.positionals[0]!, io);
  try {
    io.out(`OK: ${describeBundle(bundle)}\n`);
    for (const f of bundle.files) io.out(`  ${f.path}  ${formatBytes(f.bytes)}\n`);
  } finally {
    await bundle.cleanup();
  }
  return 0;
}

async function pack(argv: string[], io: Io): Promise<number> {
  const args = parseCommand(argv, { out: { type: "string", short: "o" } }, ["bundle-dir"]);
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const dir = args.positionals[0]!;
  const temp = await packBundle(dir, { limits: { maxArchiveBytes: getConfig().limits.maxBundleBytes } });
  try {
    const name = path.basename(temp);
    const out = path.resolve(args.values.out ?? name);
    await fs.promises.copyFile(temp, out, fs.constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
      throw error.code === "EEXIST" ? new UsageError(`${out} already exists; choose another --out.`) : error;
    });
    io.out(`${out}\n`);
    io.err(`Packed ${dir} into ${out} (${formatBytes(fs.statSync(out).size)}).\n`);
  } finally {
    await fs.promises.rm(path.dirname(temp), { recursive: true, force: true });
  }
  return 0;
}
