import { getConfig } from "@/lib/config";
import { requireViewer } from "@/lib/server/require-viewer";
import { loadSubmitChoices } from "@/lib/server/submit-choices";
import { UploadForm } from "./upload-form";

export const metadata = { title: "Submit" };

export default async function SubmitPage({ searchParams }: { searchParams: Promise<{ benchmark?: string }> }) {
  const viewer = await requireViewer("/submit");
  const { benchmarks, teams } = await loadSubmitChoices(viewer);
  const { benchmark } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Submit a bundle</h1>
        <p className="mt-1 text-sm text-slate-600">
          A <code>.tar.gz</code> or <code>.zip</code> with <code>heldout.json</code> at its root. The CLI does the same:{" "}
          <code className="rounded bg-slate-100 px-1">heldout submit ./bundle --benchmark &lt;slug&gt;</code>
        </p>
      </div>
      {benchmarks.length === 0 ? (
        <div className="card p-8 text-center text-slate-500">No benchmark is accepting submissions right now.</div>
      ) : (
        <UploadForm
          benchmarks={benchmarks}
          teams={teams.map((t) => ({ id: t.id, name: t.name }))}
          initialBenchmark={benchmarks.some((b) => b.slug === benchmark) ? benchmark : undefined}
          maxBytes={getConfig().limits.maxBundleBytes}
        />
      )}
    </div>
  );
}
