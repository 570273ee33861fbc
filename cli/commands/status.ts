import { parseCommand } from "../args";
import { submissionSchema, type Submission } from "../api";
import { renderScores } from "../format";
import { processIo, type Io } from "../io";
import { getJson, resolveServer } from "../server";
import { displayText } from "@/lib/core/untrusted-text";

export const USAGE = `Usage: heldout status <submission-id> [--url U] [--token T] [--log] [--json]

Shows a submission: status, evaluation units, compute backend and scores. With your token you also see why it
failed and, with --log, the evaluation log.`;

const options = {
  url: { type: "string" },
  token: { type: "string" },
  log: { type: "boolean" },
  json: { type: "boolean" },
} as const;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseCommand(argv, options, ["submission-id"]);
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const server = resolveServer(args.values, { needToken: false });
  const id = args.positionals[0]!;
  const submission = await getJson(server, `/api/submissions/${encodeURIComponent(id)}`, submissionSchema);
  if (args.values.json) return (io.out(`${JSON.stringify(submission, null, 2)}\n`), 0);
  // Names, the failure and the log are the submitted code's or a user's text: no escape of theirs reaches the terminal.
  io.out(displayText(describeSubmission(submission, server.url)));
  if (args.values.log) {
    if (!submission.log) io.err("The log is shown to the submission's owner only: pass your --token.\n");
    else
      for (const entry of submission.log)
        io.out(
          displayText(
            `\n--- ${entry.unit} (${entry.status}) ---\n${entry.log}${entry.error ? `\n${entry.error}` : ""}\n`,
          ),
        );
  }
  return 0;
}

function describeSubmission(s: Submission, url: string): string {
  const done = s.units.filter((u) => u.status === "done").length;
  const backends = [...new Set(s.compute.map((c) => c.backend).filter(Boolean))];
  const lines = [
    `${s.name}  (${s.kind}, by ${s.entrant})`,
    `benchmark  ${s.benchmark.slug}`,
    `status     ${s.status}, ${done}/${s.units.length} units done`,
    ...(backends.length ? [`backend    ${backends.join(", ")}`] : []),
    ...(s.failure?.reason ? [`failure    ${s.failure.kind ?? ""}: ${s.failure.reason}`] : []),
    `submitted  ${s.createdAt}`,
    `page       ${url}/submissions/${s.id}`,
    "",
  ];
  return `${lines.join("\n")}\n${renderScores(s.scores)}`;
}
