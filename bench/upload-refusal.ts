/**
 * How fast an over-cap body is refused: a client streams 50 MiB over loopback HTTP, and the time is taken from its
 * first byte to the refusal's last. Refused: the sign-up route's JSON body (64 KiB cap, the real route handler, which
 * refuses before touching the database) and a multipart upload through receiveUpload (4 MiB cap). Reference in the
 * same run: the same server reading the same body to its end before answering, as JSON bodies were read before.
 * N runs each, median; prints the medians, the bytes the client got to send, and the ratio.
 * Usage: npx tsx bench/upload-refusal.ts [--runs N] [--mib M]
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { POST as signUp } from "@/app/api/users/route";
import { AppError } from "@/lib/core/errors";
import { route } from "@/lib/http/route";
import { receiveUpload } from "@/lib/uploads/receive";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "5" }, mib: { type: "string", default: "50" } },
});
const runs = Number(values.runs);
const bodyBytes = Number(values.mib) * 1024 * 1024;
const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-bench-uploads-"));
const BOUNDARY = "----heldout-bench";

const handlers: Record<string, (req: Request) => Promise<Response>> = {
  "/json-refused": signUp,
  "/upload-refused": route(async (req) => {
    const upload = await receiveUpload(req, { fileField: "bundle", maxBytes: 4 * 1024 * 1024, dir: uploadsDir });
    if (upload.file) fs.rmSync(upload.file.path, { force: true });
    return Response.json({ unexpected: "accepted" });
  }),
  "/read-fully": route(async (req) => {
    await req.arrayBuffer();
    throw new AppError("body_too_large", "Read to the end, then refused.", 413);
  }),
};

/** Node's request handed to the handler as a web Request, the way Next's route adapter does it. */
const server = http.createServer(async (req, res) => {
  const request = new Request(`http://localhost${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: req as unknown as BodyInit,
    duplex: "half",
  } as RequestInit);
  const response = await handlers[req.url ?? ""]!(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;

/** Streams `bodyBytes` (chunked, no Content-Length) and resolves at the response's end with the time and bytes sent. */
function send(route: string, contentType: string, head: Buffer): Promise<{ ms: number; status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let sent = 0;
    const client = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: route,
      agent: false,
      headers: { "content-type": contentType },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const write = () => {
      if (sent === 0) {
        sent += head.length;
        client.write(head);
      }
      while (sent < bodyBytes) {
        sent += chunk.length;
        if (!client.write(chunk)) return void client.once("drain", write);
      }
      client.end();
    };
    client.on("response", (response) => {
      response.resume();
      response.on("end", () => {
        resolve({ ms: performance.now() - started, status: response.statusCode ?? 0, sent });
        client.destroy();
      });
    });
    client.on("error", reject);
    write();
  });
}

const multipartHead = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="bundle"; filename="big.tar.gz"\r\n\r\n`,
);
const cases = {
  "JSON body refused (sign-up, 64 KiB cap)": () => send("/json-refused", "application/json", Buffer.alloc(0)),
  "multipart upload refused (4 MiB cap)": () =>
    send("/upload-refused", `multipart/form-data; boundary=${BOUNDARY}`, multipartHead),
  "reference: the same body read to its end": () => send("/read-fully", "application/json", Buffer.alloc(0)),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, { ms: number; sent: number; status: number }> = {};
for (const [name, run] of Object.entries(cases)) {
  await run(); // warm-up
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await run());
  results[name] = {
    ms: median(samples.map((s) => s.ms)),
    sent: median(samples.map((s) => s.sent)),
    status: samples[0]!.status,
  };
}
server.close();
fs.rmSync(uploadsDir, { recursive: true, force: true });

const reference = results["reference: the same body read to its end"]!;
console.log(`${values.mib} MiB body over loopback HTTP, median of ${runs} runs`);
for (const [name, r] of Object.entries(results)) {
  const ratio = r === reference ? "" : `, ${(reference.ms / r.ms).toFixed(0)}x faster than the reference`;
  console.log(
    `  ${name}: ${r.ms.toFixed(1)} ms, HTTP ${r.status}, client had sent ${(r.sent / 1024 / 1024).toFixed(1)} MiB${ratio}`,
  );
}
