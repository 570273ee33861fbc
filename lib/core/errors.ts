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

/** The submitted code misbehaved: exception, bad output, over a limit. Fails the submission; counts against quota. */
export class UserCodeError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = "UserCodeError";
    this.reason = reason;
  }
}

/** Something of ours broke (lost worker, missing dataset, DB blip). Retried; never charged to the competitor. */
export class PlatformError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PlatformError";
  }
}
