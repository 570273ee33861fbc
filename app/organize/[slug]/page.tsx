import Link from "next/link";
import { loadPhaseConsole } from "@/lib/server/phase-console";
import { requireViewer } from "@/lib/server/require-viewer";
import { Forbidden } from "../../_components/forbidden";
import { orNotFound } from "../../_components/or-not-found";
import { EntrantTeams } from "./entrant-teams";
import { InviteList } from "./invite-list";
import { PhaseForm } from "./phase-form";
import { ReevaluationSection } from "./reevaluation-section";

export const metadata = { title: "Edit phases" };

export default async function OrganizeBenchmarkPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await requireViewer(`/organize/${slug}`);
  const console = await orNotFound(loadPhaseConsole({ slug, viewer }));
  // Its owner, its co-organizers and admins; the organizer role alone does not reach other people's benchmarks.
  if (!console.allowed) return <Forbidden message="Only this benchmark's organizers and admins can edit its phases." />;
  const { benchmark, phases, reevaluation, access, entrants } = console;
  return (
    <div className="space-y-6">
      <div>
        <div className="text-sm text-slate-500">
          <Link href="/organize">Organize</Link> / {benchmark.slug}
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">{benchmark.title}: phases</h1>
        <p className="text-sm text-slate-600">
          Times are UTC. Empty fields mean open-ended, unlimited, or (reveal) hidden.
        </p>
        <Link href={`/organize/new/spec?edit=${benchmark.slug}`} className="btn-secondary mt-2" data-testid="edit-spec">
          Edit the spec (publishes a new version)
        </Link>
      </div>
      {phases.length === 0 && <div className="card p-6 text-slate-500">This benchmark has no phase.</div>}
      {phases.map((p) => (
        <PhaseForm
          key={p.id}
          slug={benchmark.slug}
          phase={{
            id: p.id,
            name: p.name,
            opensAt: p.opensAt.toISOString(),
            closesAt: p.closesAt?.toISOString() ?? null,
            quotaPerDay: p.quotaPerDay,
            quotaTotal: p.quotaTotal,
            quotaConcurrent: p.quotaConcurrent,
            teamSizeLimit: p.teamSizeLimit,
            userFailuresPerDay: p.userFailuresPerDay,
            finalSelectionLimit: p.finalSelectionLimit,
            frozenAt: p.frozenAt?.toISOString() ?? null,
            revealAt: p.revealAt?.toISOString() ?? null,
          }}
        />
      ))}
      <InviteList
        slug={benchmark.slug}
        visibility={access.visibility}
        invites={access.invites.map((i) => ({ email: i.email, invitedAt: i.invitedAt.toISOString() }))}
      />
      <EntrantTeams
        slug={benchmark.slug}
        teams={entrants.teams}
        teamSizeLimit={benchmark.phase?.teamSizeLimit ?? null}
      />
      <ReevaluationSection slug={benchmark.slug} status={reevaluation} />
    </div>
  );
}
