import Link from "next/link";
import type { BenchmarkView } from "@/lib/server/benchmark-view";
import { Badge, SyntheticBadge } from "../../_components/badges";
import { LiveRefresh } from "../../_components/live-refresh";

/** Title, track, the version shown and the summary; the live refresh, and Submit while the phase is open to a signed-in reader. */
export function BenchmarkHeader({
  slug,
  benchmark,
  version,
  canSubmit,
}: {
  slug: string;
  benchmark: BenchmarkView;
  version: number;
  canSubmit: boolean;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="benchmark-title">
            {benchmark.title}
          </h1>
          <Badge tone="info">{benchmark.track}</Badge>
          <Badge>v{version}</Badge>
          {benchmark.synthetic && <SyntheticBadge />}
        </div>
        {benchmark.summary && <p className="max-w-3xl text-slate-600">{benchmark.summary}</p>}
      </div>
      <div className="flex items-center gap-3">
        <LiveRefresh source={`/api/events?benchmark=${encodeURIComponent(slug)}`} />
        {canSubmit && (
          <Link href={`/submit?benchmark=${slug}`} className="btn" data-testid="submit-link">
            Submit
          </Link>
        )}
      </div>
    </div>
  );
}
