import fs from "node:fs";
import path from "node:path";
import { acceptSubmission } from "@/lib/submissions/accept";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/core/errors";
import { requireVerifiedEmail } from "@/lib/auth/verification";
import { requireRequestUser } from "@/lib/http/auth";
import { describeZodError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { getBundleStore, getDatabase, getQueue } from "@/lib/server/context";
import { receiveUpload } from "@/lib/uploads/receive";
import { BUNDLE_FIELD, uploadFieldsSchema } from "./upload-fields";

/**
 * Upload a bundle (web form and `heldout submit`): authenticate, stream the body to a temp file under the size cap,
 * accept it. The temp file is removed whatever happens.
 */
export const POST = route(async (req) => {
  const user = await requireRequestUser(req);
  requireVerifiedEmail(user);
  const config = getConfig();
  const upload = await receiveUpload(req, {
    fileField: BUNDLE_FIELD,
    maxBytes: config.limits.maxBundleBytes,
    dir: path.join(config.home, "tmp", "uploads"),
  });
  try {
    const fields = uploadFieldsSchema.safeParse(upload.fields);
    if (!fields.success) throw new AppError("invalid_request", describeZodError(fields.error), 400);
    if (!upload.file || upload.file.bytes === 0) {
      throw new AppError(
        "invalid_request",
        `bundle: attach the bundle archive (.tar.gz or .zip) as the "${BUNDLE_FIELD}" file field.`,
        400,
      );
    }
    const { submissionId } = await acceptSubmission({
      db: getDatabase().db,
      queue: await getQueue(),
      store: getBundleStore(),
      user,
      benchmarkSlug: fields.data.benchmark,
      name: fields.data.name,
      teamId: fields.data.team,
      upload: { path: upload.file.path, bytes: upload.file.bytes },
      maxBundleBytes: config.limits.maxBundleBytes,
      datasetsDir: config.datasetsDir,
    });
    return Response.json({ id: submissionId }, { status: 201 });
  } finally {
    if (upload.file) await fs.promises.rm(upload.file.path, { force: true });
  }
});
