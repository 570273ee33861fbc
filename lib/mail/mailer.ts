import nodemailer from "nodemailer";
import type { Config } from "@/lib/config";
import { writeToOutbox, type MailMessage } from "./outbox";

export type Mailer = { send: (message: MailMessage) => Promise<void> };

/**
 * Where mail goes: SMTP through nodemailer when SMTP_URL is set, otherwise the outbox under HELDOUT_HOME, read by
 * the operator with `heldout mail list` / `heldout mail show`.
 */
export function createMailer(config: Pick<Config, "mail">, clock: () => Date = () => new Date()): Mailer {
  const { smtpUrl, from, outboxDir } = config.mail;
  if (!smtpUrl) {
    return { send: async (message) => void writeToOutbox(outboxDir, { ...message, from, now: clock() }) };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return { send: async (message) => void (await transport.sendMail({ from, ...message })) };
}
