import { openPlatformDatabase } from "@/db/platform";
import { createApiToken } from "@/lib/auth/api-tokens";
import { findUserByEmail } from "@/db/queries/users";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/core/errors";
import { parseCommand, required, UsageError } from "../args";
import { processIo, type Io } from "../io";

export const USAGE = `Usage: heldout token create --email E [--name N]

Creates an API token for an account directly in the platform's database and prints it once (it is stored hashed).
Use it as HELDOUT_TOKEN or --token for \`heldout submit\`.`;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") return (io.out(`${USAGE}\n`), sub === undefined ? 2 : 0);
  if (sub !== "create") throw new UsageError(`Unknown token command '${sub}'.`);
  const args = parseCommand(rest, { email: { type: "string" }, name: { type: "string" } });
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const email = required("email", args.values.email);
  const name = args.values.name ?? "cli";
  const platform = await openPlatformDatabase(getConfig());
  try {
    const user = await findUserByEmail(platform.database.db, email);
    if (!user) throw new AppError("user_not_found", `No account with the email ${email}.`, 404);
    const { token } = await createApiToken(platform.database.db, { userId: user.id, name });
    io.out(`${token}\n`);
    io.err(`Token '${name}' for ${user.email}. It is shown only this once: export HELDOUT_TOKEN=<token>\n`);
  } finally {
    await platform.stop();
  }
  return 0;
}
