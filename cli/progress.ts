import { formatBytes } from "@/evaluator/bundle/limits";
import type { Io } from "./io";

const WIDTH = 30;
const REDRAW_MS = 100;

/** How a bar writes its amounts: sizes ("1.2 MiB / 2.6 MiB") or counts with their noun ("12 / 30 units"). */
export type ProgressAmounts = { bytes: true } | { noun: string };

function amounts(format: ProgressAmounts, done: number, total: number): string {
  if ("bytes" in format) return `${formatBytes(done)} / ${formatBytes(total)}`;
  return `${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} ${format.noun}`;
}

/**
 * A progress bar on stderr: "Uploading [#######.......]  45%  1.2 MiB / 2.6 MiB". On a terminal it redraws in
 * place; elsewhere (logs, CI) it prints a line at each quarter so the output stays short.
 */
export function progressBar(io: Io, label: string, format: ProgressAmounts = { bytes: true }) {
  let lastDraw = 0;
  let lastQuarter = -1;
  const line = (done: number, total: number, fraction: number) => {
    const filled = Math.round(Math.min(1, fraction) * WIDTH);
    const percent = `${Math.floor(Math.min(1, fraction) * 100)}%`.padStart(4);
    return `${label} [${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${percent}  ${amounts(format, done, total)}`;
  };
  return {
    /** `fraction` (0–1) fills the bar when the work is finer than the counts shown (units part-way through). */
    update(done: number, total: number, fraction = total === 0 ? 1 : done / total) {
      if (io.errIsTTY) {
        const now = Date.now();
        if (now - lastDraw < REDRAW_MS && done < total) return;
        lastDraw = now;
        io.err(`\r\x1b[K${line(done, total, fraction)}`);
        return;
      }
      const quarter = Math.floor(Math.min(1, fraction) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        io.err(`${line(done, total, fraction)}\n`);
      }
    },
    /** Ends the bar's line (on a terminal the cursor is left after it), so other output can follow. */
    done() {
      if (io.errIsTTY && lastDraw > 0) io.err("\n");
      lastDraw = 0;
    },
  };
}

/** One bar per stage of a longer job (an import's checksums and images, a check's two passes), each ended in turn. */
export function stageBars(io: Io, amountsOf: (stage: string) => ProgressAmounts) {
  let current: { stage: string; bar: ReturnType<typeof progressBar> } | undefined;
  return ({ stage, done, total }: { stage: string; done: number; total: number }) => {
    if (current?.stage !== stage) {
      current?.bar.done();
      current = { stage, bar: progressBar(io, stage.padEnd(24), amountsOf(stage)) };
    }
    current.bar.update(done, total);
    if (done >= total) current.bar.done();
  };
}
