import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { responseError, ServerError, unreachable, authHeaders, type Server } from "./server";

export type UploadInput = {
  server: Server;
  /** Path of the API route, e.g. "/api/submissions". */
  route: string;
  fields: Record<string, string | undefined>;
  file: { field: string; path: string; filename?: string };
  onProgress?: (sent: number, total: number) => void;
};

function quoted(value: string): string {
  return `"${value
    .replaceAll("\\", "\\\\")
    .replaceAll('"', '\\"')
    .replace(/[\r\n]/g, " ")}"`;
}

/**
 * POSTs a multipart/form-data body (text fields first, then the file) with a known Content-Length, streaming the
 * file from disk and reporting bytes handed to the socket. Resolves with the response status and body; a server
 * that answers early (401, 413) is heard even if it stops reading the upload.
 */
export async function uploadMultipart(input: UploadInput): Promise<{ status: number; body: string }> {
  const boundary = `----heldout${crypto.randomBytes(12).toString("hex")}`;
  const fieldParts = Object.entries(input.fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`)
    .join("");
  const filename = input.file.filename ?? path.basename(input.file.path);
  const head = Buffer.from(
    `${fieldParts}--${boundary}\r\nContent-Disposition: form-data; name=${quoted(input.file.field)}; filename=${quoted(filename)}\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const fileBytes = (await fs.promises.stat(input.file.path)).size;
  const total = head.length + fileBytes + tail.length;
  const url = new URL(`${input.server.url}${input.route}`);
  const client = url.protocol === "https:" ? https : http;

  return new Promise((resolve, reject) => {
    let answered = false;
    let sent = 0;
    const req = client.request(url, {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(total),
        accept: "application/json",
        ...authHeaders(input.server),
      },
    });
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        // An early answer (401, 413) ends the upload: stop sending and let the connection go.
        if (!req.writableFinished) req.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (error) => reject(new ServerError(`The server's answer was cut off (${error.message}).`)));
    });
    req.on("error", (error) => {
      if (answered) return;
      const code = (error as NodeJS.ErrnoException).code;
      if (sent > 0 && (code === "EPIPE" || code === "ECONNRESET")) {
        reject(
          new ServerError(
            `The server closed the connection after ${sent} of ${total} bytes without an answer (${code}).`,
          ),
        );
      } else {
        reject(unreachable(input.server, { cause: { code: code ?? error.message } }));
      }
    });
    const write = (chunk: Buffer) =>
      new Promise<void>((done) => {
        sent += chunk.length;
        if (req.write(chunk)) return void (input.onProgress?.(sent, total), done());
        const go = () => {
          req.off("drain", go);
          req.off("close", go);
          done();
        };
        req.once("drain", go);
        req.once("close", go);
        input.onProgress?.(sent, total);
      });
    void (async () => {
      try {
        await write(head);
        for await (const chunk of fs.createReadStream(input.file.path, { highWaterMark: 256 * 1024 })) {
          if (answered || req.destroyed) return;
          await write(chunk as Buffer);
        }
        await write(tail);
        req.end();
      } catch (error) {
        req.destroy(error as Error);
      }
    })();
  });
}

/** The JSON body of a successful upload, or the server's error. */
export function uploadResult(result: { status: number; body: string }): unknown {
  if (result.status < 200 || result.status >= 300) throw responseError(result.status, "", result.body);
  try {
    return JSON.parse(result.body);
  } catch {
    throw new ServerError(`The server accepted the upload but its answer is not JSON (status ${result.status}).`);
  }
}
