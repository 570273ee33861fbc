import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const mailMessageSchema = z.object({ to: z.string(), subject: z.string(), text: z.string() });
export type MailMessage = z.infer<typeof mailMessageSchema>;

const storedSchema = mailMessageSchema.extend({ id: z.string(), from: z.string(), date: z.string() });
export type StoredMail = z.infer<typeof storedSchema>;

/** Writes a message to the outbox folder (one JSON file each, named so they sort by time). Returns its id. */
export function writeToOutbox(dir: string, message: MailMessage & { from: string; now: Date }): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = `${message.now.toISOString().replace(/[-:.]/g, "")}-${crypto.randomBytes(3).toString("hex")}`;
  const stored: StoredMail = {
    id,
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    date: message.now.toISOString(),
  };
  // Private: the messages hold sign-in links.
  fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(stored, null, 2), { mode: 0o600 });
  return id;
}

/** Every message in the outbox, oldest first. Files that are not outbox messages are skipped. */
export function listOutbox(dir: string): StoredMail[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .flatMap((name) => {
      const parsed = storedSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")));
      return parsed.success ? [parsed.data] : [];
    });
}
