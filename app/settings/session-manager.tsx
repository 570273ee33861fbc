"use client";

import { callApi } from "../_components/api";
import { formatDate } from "../_components/format";
import { useAction } from "../_components/use-action";

type SessionRow = { id: string; createdAt: string; lastSeenAt: string; current: boolean };

/** Signed-in browsers: end any one, or all but this one. Ending takes effect on that browser's next request. */
export function SessionManager({ sessions }: { sessions: SessionRow[] }) {
  const { run, error, busy } = useAction();
  return (
    <div className="space-y-3">
      {error && (
        <p className="text-sm text-rose-700" role="alert">
          {error}
        </p>
      )}
      <table className="w-full text-sm" data-testid="session-list">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2">Signed in</th>
            <th className="py-2">Last seen</th>
            <th />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sessions.map((s) => (
            <tr key={s.id} data-testid="session-row">
              <td className="py-2 text-xs">
                {formatDate(s.createdAt)}
                {s.current && <span className="ml-2 font-medium">(this browser)</span>}
              </td>
              <td className="py-2 text-xs">{formatDate(s.lastSeenAt)}</td>
              <td className="py-2 text-right">
                {!s.current && (
                  <button
                    className="btn-secondary"
                    disabled={busy}
                    data-testid="session-end"
                    onClick={() => run(() => callApi("DELETE", `/api/sessions/${s.id}`))}
                  >
                    Sign out
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.length > 1 && (
        <button
          className="btn-secondary"
          disabled={busy}
          data-testid="session-end-others"
          onClick={() => run(() => callApi("DELETE", "/api/sessions"))}
        >
          Sign out everywhere else
        </button>
      )}
    </div>
  );
}
