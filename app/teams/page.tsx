import { requireViewer } from "@/lib/server/require-viewer";
import { loadTeamsOf } from "@/lib/server/teams";
import { Badge } from "../_components/badges";
import { AcceptInviteButton, CreateTeamForm, InviteForm, LeaveTeamButton } from "./team-forms";

export const metadata = { title: "Teams" };

export default async function TeamsPage() {
  const viewer = await requireViewer("/teams");
  const { teams, invites } = await loadTeamsOf(viewer);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Teams</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        A team competes as one entrant: the leaderboard shows its best entry, and quotas count the team&apos;s
        submissions together.
      </p>
      {invites.length > 0 && (
        <section className="card p-5" data-testid="pending-invites">
          <h2 className="mb-3 font-semibold">Invitations</h2>
          <ul className="space-y-2">
            {invites.map((i) => (
              <li key={i.id} className="flex items-center justify-between text-sm">
                <span>
                  <span className="font-medium">{i.teamName}</span>{" "}
                  <span className="text-slate-500">from {i.invitedBy}</span>
                </span>
                <AcceptInviteButton inviteId={i.id} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {teams.map((team) => (
        <section key={team.id} className="card space-y-4 p-5" data-testid="team-card">
          <div className="flex items-center justify-between">
            <h2 className="text-lg font-semibold">
              {team.name} <Badge>{team.role}</Badge>
            </h2>
            <LeaveTeamButton teamId={team.id} />
          </div>
          <ul className="divide-y divide-slate-100 text-sm">
            {team.members.map((m) => (
              <li key={m.userId} className="flex justify-between py-2">
                <span>{m.name ?? m.email}</span>
                <span className="text-slate-500">{m.role}</span>
              </li>
            ))}
            {team.pendingInvites.map((i) => (
              <li key={i.id} className="flex justify-between py-2 text-slate-500">
                <span>{i.email}</span>
                <span>invited</span>
              </li>
            ))}
          </ul>
          <InviteForm teamId={team.id} />
        </section>
      ))}
      <section className="card p-5">
        <h2 className="mb-3 font-semibold">Create a team</h2>
        <CreateTeamForm />
      </section>
    </div>
  );
}
