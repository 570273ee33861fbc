/**
 * Cost of making a sandbox's log safe (lib/text/untrusted), per MB of log: decoding the captured bytes with U+FFFD
 * for invalid UTF-8, then marking NUL and replacing lone surrogates for storage (what every attempt's log goes
 * through), and the display pass the CLI and the log viewer add (escape sequences removed, controls made visible).
 *
 *   npx tsx bench/sanitize-log.ts [--mb 16] [--repeats 5] [--hostile 0.01]
 *
 * The log is mostly printable ASCII lines with, at the rate `--hostile`, a NUL, an invalid byte, an escape
 * sequence or a multi-byte character. Reference measured in the same run on the same bytes: the plain way,
 * `Buffer.toString("utf8")` + `replaceAll("\0", "␀")`, so the ratio is what the sanitizer costs over it.
 */
import { parseArgs } from "node:util";
import { createRng } from "@/lib/core/random";
import { decodeUntrusted, displayText, storableText } from "@/lib/core/untrusted-text";

const { values } = parseArgs({
  options: {
    mb: { type: "string", default: "16" },
    repeats: { type: "string", default: "5" },
    hostile: { type: "string", default: "0.01" },
  },
});
const megabytes = Number(values.mb),
  repeats = Number(values.repeats),
  hostileRate = Number(values.hostile);

function logBytes(size: number, seed: number): Buffer {
  const rng = createRng(seed);
  const out = Buffer.alloc(size);
  const hostile = [
    Buffer.from([0]),
    Buffer.from([0xff]),
    Buffer.from("\x1b[31m"),
    Buffer.from("é"),
    Buffer.from("\x1b]0;t\x07"),
    Buffer.from([0xe2, 0x82]),
  ];
  let i = 0;
  while (i < size) {
    if (rng.next() < hostileRate) {
      const piece = hostile[rng.int(hostile.length)]!;
      i += piece.copy(out, i);
    } else {
      out[i++] = rng.next() < 1 / 80 ? 0x0a : 0x20 + rng.int(95);
    }
  }
  return out;
}

/** The best of `repeats` runs, in MB/s. */
function throughput(bytes: Buffer, work: (b: Buffer) => string): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < repeats; r++) {
    const started = process.hrtime.bigint();
    sink += work(bytes).length;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  if (sink === 0) throw new Error("nothing was produced");
  return bytes.length / 1e6 / best;
}

const bytes = logBytes(Math.round(megabytes * 1e6), 12);
const reference = throughput(bytes, (b) => b.toString("utf8").replaceAll("\0", "\u2400"));
const stored = throughput(bytes, (b) => storableText(decodeUntrusted(b), Infinity));
const shown = throughput(bytes, (b) => displayText(decodeUntrusted(b)));
const line = (name: string, mbps: number) =>
  `${name.padEnd(44)} ${mbps.toFixed(0).padStart(6)} MB/s  ${(1000 / mbps).toFixed(2).padStart(6)} ms/MB  ${(reference / mbps).toFixed(2)}x the reference`;
console.log(`${megabytes} MB of log, ${(hostileRate * 100).toFixed(1)} % hostile pieces, best of ${repeats}`);
console.log(line("reference: toString + replaceAll NUL", reference));
console.log(line("storable (decodeUntrusted + storableText)", stored));
console.log(line("display (decodeUntrusted + displayText)", shown));
