import { AppError } from "@/lib/core/errors";
import { requireRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { revokeApiToken } from "@/lib/server/api-tokens";

/** Revokes one of the caller's tokens. Someone else's token is "not found", never revoked. */
export const DELETE = route<{ id: string }>(
  async (req, { id }) => {
    const user = await requireRequestUser(req);
    const revoked = await revokeApiToken({ userId: user.id, tokenId: id });
    if (!revoked) throw new AppError("token_not_found", "No such active token among yours.", 404);
    return new Response(null, { status: 204 });
  },
  { id: "token" },
);
