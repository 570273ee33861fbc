import { getConfig } from "@/lib/config";
import { openPlatformDatabase } from "@/db/platform";
import { findUserByEmail } from "@/db/queries/users";
import { createUserWithPassword } from "@/lib/auth/users";
import { vouchForEmail } from "@/lib/auth/verification";
import { endUserWebSessions } from "@/lib/auth/web-sessions";
import { oneOf, parseCommand, required, UsageError } from "../args";
import { processIo, type Io } from "../io";

export const USAGE = `Usage: heldout user add --email E --password P [--name N] [--role participant|organizer|admin]
       heldout user sign-out --email E
       heldout user verify --email E

add: creates an account (its email counts as verified) directly in the platform's database (DATABASE_URL, or the
embedded one under HELDOUT_HOME). Run it on the machine that runs \`heldout start\`; use it to create the first admin.
sign-out: ends every browser session of the account at once ("sign out everywhere"); API tokens are revoked in Settings.
verify: counts the account's email as verified, on the operator's word (accounts from before verification existed
start unverified and can also confirm their address from Settings).`;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") return (io.out(`${USAGE}\n`), sub === undefined ? 2 : 0);
  if (sub === "sign-out") return signOutEverywhere(rest, io);
  if (sub === "verify") return verifyEmail(rest, io);
  if (sub !== "add") throw new UsageError(`Unknown user command '${sub}'.`);
  const args = parseCommand(rest, {
    email: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
  });
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const email = required("email", args.values.email);
  const password = required("password", args.values.password);
  const role = oneOf("role", args.values.role, ["participant", "organizer", "admin"], "participant");
  const platform = await openPlatformDatabase(getConfig());
  try {
    const user = await createUserWithPassword(platform.database.db, {
      email,
      password,
      name: args.values.name,
      role,
      emailVerified: new Date(),
    });
    io.out(`Created ${user.role} ${user.email} (${user.id}).\n`);
  } finally {
    await platform.stop();
  }
  return 0;
}

async function signOutEverywhere(argv: string[], io: Io): Promise<number> {
  const args = parseCommand(argv, { email: { type: "string" } });
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const email = required("email", args.values.email);
  const platform = await openPlatformDatabase(getConfig());
  try {
    const user = await findUserByEmail(platform.database.db, email);
    if (!user) return (io.err(`No account with the email ${email}.\n`), 1);
    const ended = await endUserWebSessions(platform.database.db, { userId: user.id, now: new Date() });
    io.out(`Signed ${user.email} out of ${ended} session${ended === 1 ? "" : "s"}.\n`);
  } finally {
    await platform.stop();
  }
  return 0;
}

async function verifyEmail(argv: string[], io: Io): Promise<number> {
  const args = parseCommand(argv, { email: { type: "string" } });
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const email = required("email", args.values.email);
  const platform = await openPlatformDatabase(getConfig());
  try {
    const user = await vouchForEmail(platform.database.db, { email, now: new Date() });
    if (!user) return (io.err(`No account with the email ${email}.\n`), 1);
    io.out(user.emailVerified ? `${user.email} was already verified.\n` : `${user.email} now counts as verified.\n`);
  } finally {
    await platform.stop();
  }
  return 0;
}
