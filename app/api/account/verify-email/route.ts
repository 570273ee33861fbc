import { z } from "zod";
import { verifyEmailWithToken } from "@/lib/auth/verification";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";

const bodySchema = z.object({ token: z.string().min(1).max(200) });

/** Confirms an address with the token from the emailed link (the link's page posts it; a GET never changes state). */
export const POST = route(async (req) => {
  const { token } = await readJson(req, bodySchema);
  await verifyEmailWithToken({ db: getDatabase().db, token, now: new Date() });
  return Response.json({ verified: true });
});
