import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; raw: string; text: string };

/** Undoes quoted-printable: soft line breaks and =XX bytes (nodemailer uses it for long text lines). */
function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives. No TLS or AUTH, so nodemailer talks
 * plain SMTP to it. `next()` resolves with the next message, waiting for it to arrive.
 */
export async function startSmtpServer(): Promise<{
  url: string;
  next: () => Promise<ReceivedMail>;
  received: ReceivedMail[];
  close: () => Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const waiting: ((mail: ReceivedMail) => void)[] = [];
  let delivered = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const split = raw.indexOf("\r\n\r\n");
        const [head, body] = [raw.slice(0, split), raw.slice(split + 4)];
        const text = /content-transfer-encoding:\s*quoted-printable/i.test(head) ? decodeQuotedPrintable(body) : body;
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), raw, text };
        received.push(mail);
        const waiter = waiting.shift();
        if (waiter) {
          delivered += 1;
          waiter(mail);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next: () =>
      new Promise((resolve) => {
        if (delivered < received.length) resolve(received[delivered++]!);
        else waiting.push(resolve);
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The first link to this site's `path` in a message. */
export function linkIn(mail: ReceivedMail, path: string): URL {
  const match = new RegExp(`https?://\\S+${path.replace(/[/?]/g, "\\$&")}\\S*`).exec(mail.text);
  if (!match) throw new Error(`No ${path} link in:\n${mail.text}`);
  return new URL(match[0]);
}
