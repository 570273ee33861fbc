import Link from "next/link";
import { Fragment } from "react";
import { getDatabase } from "@/lib/server/context";
import { requireOrganizerPage } from "@/lib/server/require-organizer";
import { listCreatableDefinitions } from "@/lib/server/rl-definitions";
import { Badge } from "../../_components/badges";
import { Forbidden } from "../../_components/forbidden";
import { CreateButton } from "./create-button";

export const metadata = { title: "Create a benchmark" };

export default async function NewBenchmarkPage() {
  const { allowed } = await requireOrganizerPage("/organize/new");
  if (!allowed) return <Forbidden message="Only organizers and admins can create benchmarks." />;
  const definitions = await listCreatableDefinitions(getDatabase().db);
  return (
    <div className="space-y-6">
      <div className="card flex flex-wrap items-center justify-between gap-4 p-5 text-sm">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Create a benchmark</h1>
          <p className="text-slate-600">
            Write a spec for any track (few-shot on glyphs or an imported dataset, Atari, Meta-World): validated by
            line, checked for leakage, previewed, then published.
          </p>
        </div>
        <Link href="/organize/new/spec" className="btn" data-testid="write-spec">
          Write a spec
        </Link>
      </div>
      <div className="space-y-1">
        <h2 className="text-xl font-semibold tracking-tight">Or create one from a built-in definition</h2>
        <p className="text-sm text-slate-500">
          Atari and Meta-World benchmarks are not created at start: their evaluations take hours of CPU per submission.
          Creating one opens its default phase and queues the baselines of its track.
        </p>
      </div>
      {definitions.length === 0 ? (
        <p className="card p-5 text-sm text-slate-500">Every built-in definition has been created.</p>
      ) : (
        <ul className="space-y-4" data-testid="definitions">
          {definitions.map((d) => (
            <li key={d.slug} className="card space-y-3 p-5 text-sm" data-slug={d.slug}>
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div className="space-y-1">
                  <div className="flex items-center gap-2">
                    <span className="font-medium">{d.title}</span> <span className="text-slate-500">({d.slug})</span>{" "}
                    <Badge>{d.track}</Badge>
                  </div>
                  <p className="text-slate-600">{d.summary}</p>
                </div>
                <CreateButton slug={d.slug} />
              </div>
              <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-slate-600">
                <dt>
                  {d.tasksLabel} ({d.tasks.length})
                </dt>
                <dd>{d.tasks.join(", ")}</dd>
                {d.budget.map((b) => (
                  <Fragment key={b.label}>
                    <dt>{b.label}</dt>
                    <dd>{b.value}</dd>
                  </Fragment>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
