import { formatBytes } from "@/evaluator/bundle/limits";
import type { Io } from "./io";

const WIDTH = 30;
const REDRAW_MS = 100;

/**
 * An upload progress bar on stderr: "Uploading [#######.......]  45%  1.2 MiB / 2.6 MiB". On a terminal it redraws
 * in place; elsewhere (logs, CI) it prints a line at each quarter so the output stays short.
 */
export function progressBar(io: Io, label: string) {
  let lastDraw = 0;
  let lastQuarter = -1;
  let latest = { sent: 0, total: 0 };
  const line = ({ sent, total }: typeof latest) => {
    const fraction = total === 0 ? 1 : Math.min(1, sent / total);
    const filled = Math.round(fraction * WIDTH);
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    return `${label} [${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${percent}  ${formatBytes(sent)} / ${formatBytes(total)}`;
  };
  return {
    update(sent: number, total: number) {
      latest = { sent, total };
      if (io.errIsTTY) {
        const now = Date.now();
        if (now - lastDraw < REDRAW_MS && sent < total) return;
        lastDraw = now;
        io.err(`\r${line(latest)}`);
        return;
      }
      const quarter = Math.floor((total === 0 ? 1 : sent / total) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        io.err(`${line(latest)}\n`);
      }
    },
    /** Ends the bar's line (on a terminal the cursor is left after it). */
    done() {
      if (io.errIsTTY && lastDraw > 0) io.err("\n");
    },
  };
}
