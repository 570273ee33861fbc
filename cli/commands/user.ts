import { getConfig } from "@/lib/config";
import { openPlatformDatabase } from "@/db/platform";
import { createUserWithPassword } from "@/db/queries/users";
import { oneOf, parseCommand, required, UsageError } from "../args";
import { processIo, type Io } from "../io";

export const USAGE = `Usage: heldout user add --email E --password P [--name N] [--role participant|organizer|admin]

Creates an account directly in the platform's database (DATABASE_URL, or the embedded one under HELDOUT_HOME).
Run it on the machine that runs \`heldout start\`; use it to create the first admin.`;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") return io.out(`${USAGE}\n`), sub === undefined ? 2 : 0;
  if (sub !== "add") throw new UsageError(`Unknown user command '${sub}'.`);
  const args = parseCommand(rest, { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, role: { type: "string" } });
  if (!args) return io.out(`${USAGE}\n`), 0;
  const email = required("email", args.values.email);
  const password = required("password", args.values.password);
  const role = oneOf("role", args.values.role, ["participant", "organizer", "admin"], "participant");
  const platform = await openPlatformDatabase(getConfig());
  try {
    const user = await createUserWithPassword(platform.database.db, { email, password, name: args.values.name, role });
    io.out(`Created ${user.role} ${user.email} (${user.id}).\n`);
  } finally {
    await platform.stop();
  }
  return 0;
}
