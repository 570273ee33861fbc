import type { SubmissionView } from "@/lib/server/submission-view";
import { Badge } from "../../_components/badges";
import { formatBytes } from "../../_components/format";

/** The method as its manifest describes it (links open outside, unfollowed), and the bundle's hash and size. */
export function MethodCard({ method, bundle }: Pick<SubmissionView, "method" | "bundle">) {
  return (
    <section className="card p-5 text-sm" data-testid="method-card">
      <h2 className="mb-3 font-semibold">Method</h2>
      <p className="whitespace-pre-line text-slate-700">{method.description || "No description."}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        {method.tags.map((t) => (
          <Badge key={t}>{t}</Badge>
        ))}
      </div>
      <div className="mt-3 space-x-4">
        {method.paper && (
          <a href={method.paper} rel="noopener noreferrer nofollow" target="_blank">
            Paper
          </a>
        )}
        {method.code && (
          <a href={method.code} rel="noopener noreferrer nofollow" target="_blank">
            Code
          </a>
        )}
      </div>
      <p className="mt-3 font-mono text-xs text-slate-400">
        sha256 {bundle.sha256.slice(0, 16)}… · {formatBytes(bundle.bytes)}
      </p>
    </section>
  );
}
