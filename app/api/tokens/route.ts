import { z } from "zod";
import { requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { nameText } from "@/lib/core/user-text";
import { createApiToken, listApiTokens } from "@/lib/server/api-tokens";

const createSchema = z.object({ name: nameText({ max: 100, tooShort: "give the token a name" }) });

/** The caller's API tokens (never the tokens themselves: only their prefixes). */
export const GET = route(async (req) => {
  const user = await requireRequestUser(req);
  return Response.json({ tokens: await listApiTokens(user.id) });
});

/** Creates an API token; the response is the only time the token is shown. */
export const POST = route(async (req) => {
  const user = await requireRequestUser(req);
  const { name } = await readJson(req, createSchema);
  const created = await createApiToken({ userId: user.id, name });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
