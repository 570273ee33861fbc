import { oneOf, parseCommand } from "../args";
import { leaderboardSchema } from "../api";
import { formatMetric, renderTable } from "../format";
import { processIo, type Io } from "../io";
import { getJson, getText, resolveServer } from "../server";

export const USAGE = `Usage: heldout leaderboard <benchmark-slug> [--partition public|private] [--mode best|all] [--format table|json|csv] [--url U] [--token T]

Prints a benchmark's leaderboard. The private partition is available once the organizers reveal it.
  --mode best   each team's best entry (default); all: every scored entry`;

const options = {
  partition: { type: "string" },
  mode: { type: "string" },
  format: { type: "string" },
  url: { type: "string" },
  token: { type: "string" },
} as const;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseCommand(argv, options, ["benchmark-slug"]);
  if (!args) return io.out(`${USAGE}\n`), 0;
  const partition = oneOf("partition", args.values.partition, ["public", "private"], "public");
  const mode = oneOf("mode", args.values.mode, ["best", "all"], "best");
  const format = oneOf("format", args.values.format, ["table", "json", "csv"], "table");
  const server = resolveServer(args.values, { needToken: false });
  const slug = args.positionals[0]!;
  const query = (f: "json" | "csv") => `/api/benchmarks/${encodeURIComponent(slug)}/leaderboard?partition=${partition}&mode=${mode}&format=${f}`;

  if (format === "csv") return io.out(await getText(server, query("csv"), "text/csv")), 0;
  const board = await getJson(server, query("json"), leaderboardSchema);
  if (format === "json") return io.out(`${JSON.stringify(board, null, 2)}\n`), 0;

  io.out(`${board.benchmark.title} (${board.benchmark.slug}), ${board.partition} partition, ${board.mode === "all" ? "all entries" : "best entry per team"}\n\n`);
  if (board.rows.length === 0) return io.out("No scored entries yet.\n"), 0;
  const header = ["#", "tier", "entrant", "name", "kind", ...board.columns.map((c) => `${c.label} [95% CI]`)];
  const rows = board.rows.map((r) => [
    String(r.rank),
    String(r.tier),
    r.entrant + (r.isBaseline ? " (baseline)" : ""),
    r.name,
    r.kind,
    ...board.columns.map((c) => (r.metrics[c.name] ? formatMetric(r.metrics[c.name]!, c.format) : "-")),
  ]);
  io.out(renderTable(header, rows));
  return 0;
}
