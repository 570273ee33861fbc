import { requireOrganizer } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { previewAuthoring } from "@/lib/authoring/preview";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/server/context";
import { authoringBodySchema } from "../body";

/** Organizers validate an authored YAML: its issues (line, field, message), or its preview and leakage check. */
export const POST = route(async (req) => {
  await requireOrganizer(req);
  const { yaml } = await readJson(req, authoringBodySchema);
  return Response.json(
    await previewAuthoring({ db: getDatabase().db, text: yaml, datasetsDir: getConfig().datasetsDir }),
  );
});
