import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { findRequestUser } from "@/lib/http/auth";
import { readQuery } from "@/lib/http/body";
import { quoteValue } from "@/lib/http/identifiers";
import { csvResponse, toCsv } from "@/lib/http/csv";
import { route } from "@/lib/http/route";
import { DATASET_COLUMNS, datasetSchema, loadOpenData } from "@/lib/server/open-data";

const querySchema = z.object({ format: z.enum(["json", "csv"]).default("json") });

/** Open data: `/api/benchmarks/<slug>/data/<dataset>?format=json|csv` (datasetSchema), schema at /docs/open-data. */
export const GET = route<{ slug: string; dataset: string }>(async (req, { slug, dataset }) => {
  const parsed = datasetSchema.safeParse(dataset);
  if (!parsed.success) {
    const known = datasetSchema.options.map((d) => `'${d}'`).join(", ");
    throw new AppError("dataset_not_found", `No dataset ${quoteValue(dataset)}: use ${known}.`, 404);
  }
  const { format } = readQuery(req, querySchema);
  const data = await loadOpenData({ slug, dataset: parsed.data, viewer: await findRequestUser(req) });
  if (format === "csv")
    return csvResponse(
      toCsv(
        DATASET_COLUMNS[data.dataset].map((c) => c.name),
        data.csvRows,
      ),
      `${data.slug}-${data.dataset}.csv`,
    );
  return Response.json(data.json);
});
