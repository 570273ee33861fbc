import { getConfig } from "@/lib/config";
import { listOutbox } from "@/lib/mail/outbox";
import { UsageError } from "../args";
import { processIo, type Io } from "../io";

export const USAGE = `Usage: heldout mail list
       heldout mail show <id>

Without SMTP_URL, the site writes the mail it sends (verification and password-reset links) to the outbox under
HELDOUT_HOME instead of delivering it. list: one line per message, oldest first; show: one message in full.`;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [sub, id] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") return (io.out(`${USAGE}\n`), sub === undefined ? 2 : 0);
  const messages = listOutbox(getConfig().mail.outboxDir);
  if (sub === "list") {
    if (messages.length === 0) io.err(`The outbox (${getConfig().mail.outboxDir}) is empty.\n`);
    for (const m of messages) io.out(`${m.id}  ${m.date}  ${m.to}  ${m.subject}\n`);
    return 0;
  }
  if (sub !== "show") throw new UsageError(`Unknown mail command '${sub}'.`);
  if (!id) throw new UsageError("heldout mail show needs a message id (from heldout mail list).");
  const message = messages.find((m) => m.id === id);
  if (!message) return (io.err(`No message ${id} in the outbox.\n`), 1);
  io.out(
    `From: ${message.from}\nTo: ${message.to}\nDate: ${message.date}\nSubject: ${message.subject}\n\n${message.text}`,
  );
  return 0;
}
