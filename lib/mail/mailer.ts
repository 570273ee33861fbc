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

/**
 * Sends once the caller has answered, for mail whose sending time must not show in the answer's (whether an address
 * has an account: a slow SMTP server, or one message built rather than another). A failure is logged; the answer
 * said "check your email" either way.
 */
export function sendAfterAnswer(mailer: Mailer, message: MailMessage): void {
  setImmediate(() =>
    mailer.send(message).catch((error: unknown) => {
      console.error(`Could not send "${message.subject}": ${error instanceof Error ? error.message : String(error)}`);
    }),
  );
}
