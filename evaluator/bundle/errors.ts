import { AppError } from "@/lib/core/errors";

/** Why a bundle was refused. Codes are stable (`bundle_*`); the message says which file or field is at fault. */
export class BundleError extends AppError {
  constructor(code: `bundle_${string}`, message: string, status: 400 | 413 = 400) {
    super(code, message, status);
    this.name = "BundleError";
  }
}
