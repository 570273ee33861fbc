import path from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "@/lib/core/errors";
import { displayText } from "@/lib/core/untrusted-text";
import { UsageError } from "./args";
import { processIo, type Io } from "./io";
import { ServerError } from "./server";

type Command = {
  summary: string;
  load: () => Promise<{ run: (argv: string[], io: Io) => Promise<number>; USAGE?: string }>;
};

// Loaded on use, so `heldout status` does not pull in the site, the worker or PostgreSQL.
const COMMANDS: Record<string, Command> = {
  start: {
    summary: "run the platform on this machine (database, worker, site)",
    load: () => import("./commands/start"),
  },
  worker: { summary: "run an evaluation worker against DATABASE_URL", load: () => import("./commands/worker") },
  submit: { summary: "check and upload a bundle to a benchmark", load: () => import("./commands/submit") },
  status: { summary: "show a submission's status and scores", load: () => import("./commands/status") },
  leaderboard: {
    summary: "print a benchmark's leaderboard (table, json or csv)",
    load: () => import("./commands/leaderboard"),
  },
  bundle: {
    summary: "check a bundle locally, pack a directory into one, or start one",
    load: () => import("./commands/bundle"),
  },
  import: {
    summary: "import a dataset (Omniglot, CIFAR-100, an image folder) and create its benchmarks",
    load: () => import("./commands/import"),
  },
  user: { summary: "create an account in the platform's database (operators)", load: () => import("./commands/user") },
  token: { summary: "create an API token for an account (operators)", load: () => import("./commands/token") },
  mail: {
    summary: "read the mail the site wrote to its outbox (operators, without SMTP)",
    load: () => import("./commands/mail"),
  },
};

export const USAGE = `Usage: heldout <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join("\n")}

Run \`heldout <command> --help\` for a command's options.`;

/** Runs one command line; returns the exit status (0 ok, 1 failed, 2 bad usage). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return (io.err(`${USAGE}\n`), 2);
  if (name === "help" || name === "--help" || name === "-h") return (io.out(`${USAGE}\n`), 0);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) return (io.err(`Unknown command '${name}'.\n\n${USAGE}\n`), 2);
  const module = await command.load();
  try {
    return await module.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${module.USAGE ?? USAGE}\n`);
      return 2;
    }
    if (error instanceof AppError || error instanceof ServerError) {
      io.err(`${displayText(error.message)}\n`);
      return 1;
    }
    throw error;
  }
}

// `tsx cli/heldout.ts ...` runs it directly; cli/bin/heldout.js imports it and calls main itself.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
