"use client";

import { callApi } from "../../_components/api";
import { useAction } from "../../_components/use-action";

type Member = { userId: string; name: string | null; email: string; role: "owner" | "member" };
type Props = {
  slug: string;
  teams: { id: string; name: string; entries: number; members: Member[] }[];
  teamSizeLimit: number | null;
};

/** The teams that entered the benchmark; an organizer can take a member off a team (a size breach, a duplicate account). */
export function EntrantTeams({ slug, teams, teamSizeLimit }: Props) {
  const { run, error, busy } = useAction();
  const remove = (teamId: string, userId: string) =>
    run(() => callApi("DELETE", `/api/benchmarks/${slug}/teams/${teamId}/members/${userId}`));

  return (
    <section className="card space-y-3 p-5" data-testid="entrant-teams">
      <h2 className="font-semibold">Teams</h2>
      {error && (
        <p className="text-sm text-rose-700" role="alert">
          {error}
        </p>
      )}
      {teams.length === 0 ? (
        <p className="text-sm text-slate-500">No team has entered yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {teams.map((t) => (
            <li key={t.id} className="space-y-1 py-2">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{t.name}</span>
                <span className="text-slate-500">
                  {t.entries} {t.entries === 1 ? "entry" : "entries"}, {t.members.length}{" "}
                  {t.members.length === 1 ? "member" : "members"}
                </span>
                {teamSizeLimit !== null && t.members.length > teamSizeLimit && (
                  <span className="text-rose-700">over the limit of {teamSizeLimit}</span>
                )}
              </div>
              <ul className="pl-4">
                {t.members.map((m) => (
                  <li key={m.userId} className="flex items-center justify-between py-0.5">
                    <span>
                      {m.name ?? m.email}{" "}
                      <span className="text-slate-400">
                        {m.email}
                        {m.role === "owner" ? " · owner" : ""}
                      </span>
                    </span>
                    <button
                      type="button"
                      className="text-rose-700 hover:underline"
                      disabled={busy}
                      onClick={() => void remove(t.id, m.userId)}
                    >
                      Remove from team
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
