import { z } from "zod";
import { requireOrganizer } from "@/lib/http/auth";
import { readQuery } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { episodeImage } from "@/lib/authoring/preview";
import { getConfig } from "@/lib/config";

const querySchema = z.object({ spec: z.string().min(1).max(20_000), episode: z.coerce.number().int().min(0) }).strict();

/** A previewed few-shot episode as a PNG grid (organizers only: it shows meta-test images). */
export const GET = route(async (req) => {
  await requireOrganizer(req);
  const { spec, episode } = readQuery(req, querySchema);
  const png = episodeImage({ spec, episode, datasetsDir: getConfig().datasetsDir });
  return new Response(new Uint8Array(png), {
    headers: { "content-type": "image/png", "cache-control": "private, max-age=3600" },
  });
});
