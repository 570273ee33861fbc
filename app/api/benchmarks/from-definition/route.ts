import { z } from "zod";
import { requireOrganizer } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getBundleStore, getDatabase, getQueue } from "@/lib/server/context";
import { createFromDefinition } from "@/lib/server/rl-definitions";

const bodySchema = z.object({ slug: z.string().min(1) }).strict();

/** Organizers create an Atari or Meta-World benchmark from its built-in definition; its baselines are queued. */
export const POST = route(async (req) => {
  const user = await requireOrganizer(req);
  const { slug } = await readJson(req, bodySchema);
  const created = await createFromDefinition({
    db: getDatabase().db,
    queue: await getQueue(),
    store: getBundleStore(),
    slug,
    createdBy: user.id,
  });
  return Response.json(created, { status: 201 });
});
