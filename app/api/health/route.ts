/** Liveness, and the reference point of bench/leaderboard-load.ts: the cheapest route the server has. */
export function GET() {
  return Response.json({ ok: true });
}
