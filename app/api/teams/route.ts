import { z } from "zod";
import { requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { createTeam } from "@/lib/server/teams";

const createSchema = z.object({ name: z.string().trim().min(2, "a team name has at least 2 characters").max(64) });

export const POST = route(async (req) => {
  const user = await requireRequestUser(req);
  const { name } = await readJson(req, createSchema);
  const team = await createTeam({ userId: user.id, name });
  return Response.json({ id: team.id, name: team.name }, { status: 201 });
});
