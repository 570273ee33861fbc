import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { formatBytes } from "@/evaluator/bundle/limits";
import { AppError } from "@/lib/core/errors";

export type ReceivedUpload = {
  fields: Record<string, string>;
  file: { path: string; bytes: number; filename: string } | undefined;
};

const MAX_FIELD_BYTES = 4096;
const MAX_FIELDS = 16;

export function tooLargeError(maxBytes: number): AppError {
  return new AppError("bundle_too_large", `The bundle is larger than the ${formatBytes(maxBytes)} limit of this server.`, 413);
}

/**
 * Streams a multipart/form-data body: text fields into memory (small), the one file field to a temp file under
 * `dir`, counting bytes and stopping at `maxBytes` (the rest of the body is not read). On any failure the temp file
 * is removed before the error is thrown; on success the caller owns it and must remove it.
 */
export async function receiveUpload(req: Request, options: { fileField: string; maxBytes: number; dir: string }): Promise<ReceivedUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("invalid_request", "Send the bundle as multipart/form-data.", 400);
  }
  // A declared length far over the cap is refused before a byte is read (fields and boundaries add a little).
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes + 64 * 1024) throw tooLargeError(options.maxBytes);
  if (!req.body) throw new AppError("invalid_request", "The request has no body.", 400);

  fs.mkdirSync(options.dir, { recursive: true });
  const target = path.join(options.dir, `upload-${crypto.randomUUID()}`);
  const fields: Record<string, string> = {};
  let file: ReceivedUpload["file"];
  let failure: AppError | undefined;
  const source = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
  const writes: Promise<void>[] = [];
  let fileStream: Readable | undefined;

  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: { "content-type": contentType },
          limits: { files: 1, fileSize: options.maxBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
        });
      } catch {
        reject(new AppError("invalid_request", "The multipart body has no boundary.", 400));
        return;
      }
      const fail = (error: AppError) => {
        failure ??= error;
        source.unpipe(parser);
        source.destroy();
        fileStream?.destroy();
        reject(failure);
      };
      parser.on("field", (name, value, info) => {
        if (info.valueTruncated) fail(new AppError("invalid_request", `Field "${name}" is longer than ${MAX_FIELD_BYTES} bytes.`, 400));
        else fields[name] = value;
      });
      parser.on("file", (name, stream, info) => {
        if (name !== options.fileField || file) {
          stream.resume();
          if (name !== options.fileField) fail(new AppError("invalid_request", `Unexpected file field "${name}"; send the bundle as "${options.fileField}".`, 400));
          return;
        }
        let bytes = 0;
        const received = { path: target, bytes: 0, filename: info.filename ?? "" };
        file = received;
        fileStream = stream;
        stream.on("data", (chunk: Buffer) => (bytes += chunk.length));
        stream.on("limit", () => fail(tooLargeError(options.maxBytes)));
        writes.push(
          pipeline(stream, fs.createWriteStream(target, { mode: 0o600 })).then(() => {
            received.bytes = bytes;
          }),
        );
      });
      parser.on("filesLimit", () => fail(new AppError("invalid_request", "Send exactly one bundle file.", 400)));
      parser.on("fieldsLimit", () => fail(new AppError("invalid_request", `At most ${MAX_FIELDS} form fields are accepted.`, 400)));
      parser.on("error", (error: Error) => fail(new AppError("invalid_request", `Malformed multipart body: ${error.message}`, 400)));
      parser.on("close", () => {
        Promise.all(writes).then(
          () => (failure ? reject(failure) : resolve()),
          (error: Error) => reject(failure ?? error),
        );
      });
      source.on("error", (error) => fail(new AppError("upload_interrupted", `The upload was interrupted: ${error.message}`, 400)));
      source.pipe(parser);
    });
  } catch (error) {
    // Let the file writer finish or fail first, so it cannot recreate the file after its removal.
    await Promise.allSettled(writes);
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  return { fields, file };
}
