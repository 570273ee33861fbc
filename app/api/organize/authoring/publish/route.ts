import { requireBenchmarkOrganizer, requireOrganizer, requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { publishAuthored } from "@/lib/authoring/publish";
import { getConfig } from "@/lib/config";
import { getBundleStore, getDatabase, getQueue } from "@/lib/server/context";
import { authoringBodySchema } from "../body";

/** Organizers publish an authored YAML: a new benchmark (version 1) or, editing one, its next version. */
export const POST = route(async (req) => {
  // Who is asking comes first: an anonymous body is refused before a byte of it is read.
  await requireRequestUser(req);
  const { yaml, edit } = await readJson(req, authoringBodySchema);
  // Anyone with the organizer role may create a benchmark; a new version of one needs rights on that one instead.
  const user = edit === undefined ? await requireOrganizer(req) : (await requireBenchmarkOrganizer(req, edit)).user;
  const published = await publishAuthored({
    db: getDatabase().db,
    queue: await getQueue(),
    store: getBundleStore(),
    text: yaml,
    edit,
    datasetsDir: getConfig().datasetsDir,
    createdBy: user.id,
  });
  return Response.json(published, { status: published.created ? 201 : 200 });
});
