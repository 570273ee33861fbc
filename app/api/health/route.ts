import { platformHealth } from "@/lib/health";
import { getDatabase } from "@/lib/server/context";

/** Whether the platform can evaluate submissions: 200 with details, or 503 naming what is down (database, workers). */
export async function GET() {
  const health = await platformHealth(getDatabase().db);
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
