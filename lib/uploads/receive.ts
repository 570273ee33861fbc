import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { formatBytes } from "@/evaluator/bundle/limits";
import { AppError } from "@/lib/core/errors";
import { declaredLength } from "@/lib/http/body";

export type ReceivedUpload = {
  fields: Record<string, string>;
  file: { path: string; bytes: number; filename: string } | undefined;
};

const MAX_FIELD_BYTES = 4096;
const MAX_FIELDS = 16;
/** What the body may carry besides the file: fields, part headers and boundaries. */
const ENVELOPE_BYTES = 64 * 1024;

export function tooLargeError(maxBytes: number): AppError {
  return new AppError(
    "bundle_too_large",
    `The bundle is larger than the ${formatBytes(maxBytes)} limit of this server.`,
    413,
  );
}

const refused = (message: string) => new AppError("invalid_request", message, 400);
const interrupted = (error: Error) =>
  new AppError("upload_interrupted", `The upload was interrupted: ${error.message}`, 400);

/**
 * Streams a multipart/form-data body: text fields into memory (small), the one file field to a temp file under
 * `dir`, counting bytes and stopping at `maxBytes`. Every refusal is thrown as soon as it is known, without reading
 * the rest of the body, and only after the temp file's descriptor is closed and the file removed; on success the
 * caller owns the file and must remove it.
 */
export async function receiveUpload(
  req: Request,
  options: { fileField: string; maxBytes: number; dir: string },
): Promise<ReceivedUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    throw refused("Send the bundle as multipart/form-data.");
  // The whole body is capped, not only the file: junk around the parts is counted too. A declared length over the
  // cap is refused before a byte is read.
  const maxBodyBytes = options.maxBytes + ENVELOPE_BYTES;
  const declared = declaredLength(req);
  if (declared !== undefined && declared > maxBodyBytes) throw tooLargeError(options.maxBytes);
  if (!req.body) throw refused("The request has no body.");
  const parser = multipartParser(contentType, options.maxBytes);

  fs.mkdirSync(options.dir, { recursive: true });
  const target = path.join(options.dir, `upload-${crypto.randomUUID()}`);
  const source = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
  const parts: Parts = { fields: {}, file: undefined, output: undefined };
  try {
    await readParts(
      { source, parser, target, maxBodyBytes, fileField: options.fileField, maxBytes: options.maxBytes },
      parts,
    );
  } catch (error) {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
    if (parts.output && !parts.output.closed) {
      const writer = parts.output;
      await new Promise<void>((closed) => {
        writer.once("close", () => closed());
        writer.destroy();
      });
    }
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  return { fields: parts.fields, file: parts.file };
}

/** What has been read so far: the fields, the file once written, and the temp file's stream while it is open. */
type Parts = ReceivedUpload & { output: fs.WriteStream | undefined };

function multipartParser(contentType: string, maxBytes: number): busboy.Busboy {
  try {
    // Two files allowed so that a second one reaches the "file" handler, which names what was wrong with it.
    return busboy({
      headers: { "content-type": contentType },
      limits: { files: 2, fileSize: maxBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
    });
  } catch {
    throw refused("The multipart body has no boundary.");
  }
}

/** Pipes the body through the parser into `parts`; rejects with the first refusal, resolves once the file is written. */
function readParts(
  input: {
    source: Readable;
    parser: busboy.Busboy;
    target: string;
    maxBodyBytes: number;
    fileField: string;
    maxBytes: number;
  },
  parts: Parts,
): Promise<void> {
  const { source, parser, fileField } = input;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let written = Promise.resolve();
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) fail(refused(`Field "${name}" is longer than ${MAX_FIELD_BYTES} bytes.`));
      else parts.fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      const unexpected =
        name !== fileField
          ? `Unexpected file field "${name}"; send the bundle as "${fileField}".`
          : parts.output && `Send exactly one bundle file; "${fileField}" came twice.`;
      if (unexpected || settled) {
        // Discarded: its error (the parser being torn down after the refusal) is of no interest.
        stream.on("error", () => {}).resume();
        return unexpected ? fail(refused(unexpected)) : undefined;
      }
      const received = { path: input.target, bytes: 0, filename: info.filename ?? "" };
      const writer = fs.createWriteStream(input.target, { flags: "wx", mode: 0o600 });
      parts.output = writer;
      stream.on("limit", () => fail(tooLargeError(input.maxBytes)));
      written = pipeline(stream, writer).then(
        () => {
          received.bytes = writer.bytesWritten;
          parts.file = received;
        },
        (error: Error) => fail(interrupted(error)),
      );
    });
    parser.on("filesLimit", () => fail(refused(`Send exactly one bundle file as "${fileField}".`)));
    parser.on("fieldsLimit", () => fail(refused(`At most ${MAX_FIELDS} form fields are accepted.`)));
    parser.on("error", (error: Error) => fail(refused(`Malformed multipart body: ${error.message}`)));
    // Busboy finishes once every file stream has ended; the file is complete when its write has.
    parser.on("finish", () => {
      void written.then(() => {
        if (settled) return;
        settled = true;
        resolve();
      });
    });
    let bodyBytes = 0;
    source.on("data", (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes > input.maxBodyBytes) fail(tooLargeError(input.maxBytes));
    });
    source.on("error", (error) => fail(interrupted(error)));
    source.pipe(parser);
  });
}
