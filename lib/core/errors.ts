import { storableText } from "./untrusted-text";

/**
 * Typed application errors. `code` is stable and machine-readable; `message` is what a person reads.
 * Route handlers map `status` to HTTP; the worker maps `fault` to who is charged for a failure.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = status;
  }
}

/**
 * The submitted code misbehaved: exception, bad output, over a limit. Fails the submission; counts against quota.
 * Its message usually quotes the code (a thrown message, a bad value): it is made storable here, once for all.
 */
export class UserCodeError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(storableText(message));
    this.name = "UserCodeError";
    this.reason = reason;
  }
}

/**
 * Something of ours broke (lost worker, missing dataset, DB blip). Retried; never charged to the competitor.
 * Its message may quote a sandbox's output (a failed start-up's log): made storable like UserCodeError's.
 */
export class PlatformError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(storableText(message), options);
    this.name = "PlatformError";
  }
}
