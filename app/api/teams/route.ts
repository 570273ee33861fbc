import { z } from "zod";
import { requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { nameText } from "@/lib/core/user-text";
import { createTeam } from "@/lib/server/teams";

const createSchema = z.object({
  name: nameText({ min: 2, max: 64, tooShort: "a team name has at least 2 characters" }),
});

export const POST = route(async (req) => {
  const user = await requireRequestUser(req);
  const { name } = await readJson(req, createSchema);
  const team = await createTeam({ userId: user.id, name });
  return Response.json({ id: team.id, name: team.name }, { status: 201 });
});
