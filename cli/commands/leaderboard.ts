import { oneOf, parseCommand, UsageError } from "../args";
import { leaderboardSchema } from "../api";
import { formatMetric, renderTable } from "../format";
import { processIo, type Io } from "../io";
import { getJson, getText, resolveServer } from "../server";
import { displayText } from "@/lib/core/untrusted-text";

export const USAGE = `Usage: heldout leaderboard <benchmark-slug> [--version N] [--partition public|private] [--mode best|all] [--format table|json|csv] [--url U] [--token T]

Prints a benchmark's leaderboard. The private partition is available once the organizers reveal it.
  --version N   the leaderboard of version N of the benchmark (default: the latest); older versions keep
                the scores they were ranked with, re-evaluations appear on the version they ran on
  --mode best   each team's best entry (default); all: every scored entry`;

const options = {
  version: { type: "string" },
  partition: { type: "string" },
  mode: { type: "string" },
  format: { type: "string" },
  url: { type: "string" },
  token: { type: "string" },
} as const;

/** A benchmark version number: a whole number from 1. */
function versionFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(value))
    throw new UsageError(`--version must be a version number (1, 2, ...), got '${value}'.`);
  return Number(value);
}

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseCommand(argv, options, ["benchmark-slug"]);
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const version = versionFlag(args.values.version);
  const partition = oneOf("partition", args.values.partition, ["public", "private"], "public");
  const mode = oneOf("mode", args.values.mode, ["best", "all"], "best");
  const format = oneOf("format", args.values.format, ["table", "json", "csv"], "table");
  const server = resolveServer(args.values, { needToken: false });
  const slug = args.positionals[0]!;
  const query = (f: "json" | "csv") =>
    `/api/benchmarks/${encodeURIComponent(slug)}/leaderboard?partition=${partition}&mode=${mode}${version ? `&version=${version}` : ""}&format=${f}`;

  if (format === "csv") return (io.out(await getText(server, query("csv"), "text/csv")), 0);
  const board = await getJson(server, query("json"), leaderboardSchema);
  if (format === "json") return (io.out(`${JSON.stringify(board, null, 2)}\n`), 0);

  const { version: shown, latestVersion: latest } = board.benchmark;
  // Named only where there is a choice: a benchmark with a single version reads as before.
  const versionText =
    shown !== undefined && latest !== undefined && latest > 1
      ? `, version ${shown}${shown === latest ? " (latest)" : ` (latest is ${latest})`}`
      : "";
  // Titles and names are users' text: shown without their escapes.
  io.out(
    displayText(
      `${board.benchmark.title} (${board.benchmark.slug})${versionText}, ${board.partition} partition, ${board.mode === "all" ? "all entries" : "best entry per team"}\n\n`,
    ),
  );
  if (board.rows.length === 0) return (io.out("No scored entries yet.\n"), 0);
  const header = ["#", "tier", "entrant", "name", "kind", ...board.columns.map((c) => `${c.label} [95% CI]`)];
  const rows = board.rows.map((r) => [
    String(r.rank),
    String(r.tier),
    r.entrant + (r.isBaseline ? " (baseline)" : ""),
    r.name + (r.reevaluationOf ? ` (re-evaluated from v${r.reevaluationOf.version})` : ""),
    r.kind,
    ...board.columns.map((c) => (r.metrics[c.name] ? formatMetric(r.metrics[c.name]!, c.format) : "-")),
  ]);
  io.out(displayText(renderTable(header, rows)));
  return 0;
}
