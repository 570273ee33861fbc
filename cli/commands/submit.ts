import { z } from "zod";
import { parseCommand, required, UsageError } from "../args";
import { createdSubmissionSchema, FINAL_STATUSES, submissionSchema, type Submission } from "../api";
import { describeBundle, prepareBundle } from "../bundle-input";
import { renderScores } from "../format";
import { processIo, type Io } from "../io";
import { progressBar } from "../progress";
import { getJson, resolveServer, ServerError, type Server } from "../server";
import { uploadMultipart, uploadResult } from "../upload";

export const USAGE = `Usage: heldout submit <bundle-dir-or-archive> --benchmark <slug> [--name N] [--team ID] [--url U] [--token T] [--wait]

Checks the bundle locally (the same checks as the server), uploads it and prints the new submission's id.
A directory is packed into a .tar.gz first. --url and --token default to HELDOUT_URL and HELDOUT_TOKEN.
  --benchmark  the benchmark's slug (see the site's home page)
  --name       name shown on the leaderboard (default: the manifest's name)
  --team       submit for one of your teams (its id)
  --wait       follow the evaluation until it is scored or failed, then print the scores
  --interval   seconds between status checks with --wait (default 1)`;

const options = {
  benchmark: { type: "string" },
  name: { type: "string" },
  team: { type: "string" },
  url: { type: "string" },
  token: { type: "string" },
  wait: { type: "boolean" },
  interval: { type: "string" },
} as const;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseCommand(argv, options, ["bundle"]);
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const { values } = args;
  const benchmark = required("benchmark", values.benchmark);
  const server = resolveServer(values, { needToken: true });
  const intervalMs = values.interval === undefined ? 1000 : Number(values.interval) * 1000;
  if (!(intervalMs >= 100))
    throw new UsageError(`--interval must be a number of seconds (at least 0.1), got '${values.interval}'.`);

  const bundle = await prepareBundle(args.positionals[0]!, io);
  let id: string;
  try {
    io.err(`Bundle OK: ${describeBundle(bundle)}${bundle.packed ? " (packed from the directory)" : ""}\n`);
    const bar = progressBar(io, "Uploading");
    const result = await uploadMultipart({
      server,
      route: "/api/submissions",
      fields: { benchmark, name: values.name, team: values.team },
      file: {
        field: "bundle",
        path: bundle.archive,
        filename: `${bundle.manifest.name}.${bundle.type === "zip" ? "zip" : "tar.gz"}`,
      },
      onProgress: (sent, total) => bar.update(sent, total),
    });
    bar.done();
    ({ id } = parseCreated(uploadResult(result)));
  } finally {
    await bundle.cleanup();
  }
  io.out(`${id}\n`);
  io.err(`Submitted to ${benchmark}: ${server.url}/submissions/${id}\n`);
  if (!values.wait) return 0;
  const final = await waitForResult(server, id, intervalMs, io);
  return final.status === "scored" ? 0 : 1;
}

function parseCreated(body: unknown): z.infer<typeof createdSubmissionSchema> {
  const parsed = createdSubmissionSchema.safeParse(body);
  if (!parsed.success) throw new ServerError("The server accepted the upload but did not say the submission's id.");
  return parsed.data;
}

const unitProgressSchema = z.object({ done: z.number(), total: z.number().positive() });

/** Units done, and the fraction of the work done counting the running units' own progress (episodes, steps). */
export function unitsProgress(units: Submission["units"]): { done: number; fraction: number } {
  if (units.length === 0) return { done: 0, fraction: 0 };
  let done = 0;
  let work = 0;
  for (const unit of units) {
    if (unit.status === "done") {
      done += 1;
      work += 1;
    } else if (unit.status === "running") {
      const progress = unitProgressSchema.safeParse(unit.progress);
      if (progress.success) work += Math.min(1, progress.data.done / progress.data.total);
    }
  }
  return { done, fraction: work / units.length };
}

/** Follows a submission until it is scored, failed or cancelled: each change of status, a bar of its units; then the outcome. */
export async function waitForResult(server: Server, id: string, intervalMs: number, io: Io): Promise<Submission> {
  let status = "";
  const bar = progressBar(io, "Evaluating", { noun: "units done" });
  for (;;) {
    const submission = await getJson(server, `/api/submissions/${encodeURIComponent(id)}`, submissionSchema);
    if (submission.status !== status) {
      bar.done();
      status = submission.status;
      io.err(`${status}\n`);
    }
    const { done, fraction } = unitsProgress(submission.units);
    bar.update(done, submission.units.length, fraction);
    if ((FINAL_STATUSES as readonly string[]).includes(submission.status)) {
      bar.done();
      if (submission.status === "scored") io.out(renderScores(submission.scores));
      else
        io.err(
          `Submission ${submission.status}${submission.failure?.reason ? `: ${submission.failure.reason}` : "."}\n`,
        );
      return submission;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
