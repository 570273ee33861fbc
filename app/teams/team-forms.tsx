"use client";

import { callApi } from "../_components/api";
import { useAction } from "../_components/use-action";

function ErrorText({ error }: { error?: string }) {
  return error ? (
    <p className="mt-2 text-sm text-rose-700" role="alert">
      {error}
    </p>
  ) : null;
}

export function CreateTeamForm() {
  const { run, error, busy } = useAction();
  return (
    <form
      className="flex flex-col gap-2 sm:flex-row"
      data-testid="create-team-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = String(new FormData(form).get("name") ?? "");
        void run(() => callApi("POST", "/api/teams", { name })).then((r) => r && form.reset());
      }}
    >
      <input name="name" required minLength={2} maxLength={64} placeholder="Team name" className="input" />
      <button className="btn" disabled={busy}>
        Create
      </button>
      <ErrorText error={error} />
    </form>
  );
}

export function InviteForm({ teamId }: { teamId: string }) {
  const { run, error, busy } = useAction();
  return (
    <form
      className="flex flex-col gap-2 sm:flex-row"
      data-testid="invite-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const email = String(new FormData(form).get("email") ?? "");
        void run(() => callApi("POST", `/api/teams/${teamId}/invites`, { email })).then((r) => r && form.reset());
      }}
    >
      <input name="email" type="email" required placeholder="teammate@example.org" className="input" />
      <button className="btn-secondary" disabled={busy}>
        Invite
      </button>
      <ErrorText error={error} />
    </form>
  );
}

export function AcceptInviteButton({ inviteId }: { inviteId: string }) {
  const { run, error, busy } = useAction();
  return (
    <span>
      <button
        className="btn"
        disabled={busy}
        onClick={() => run(() => callApi("POST", `/api/invites/${inviteId}/accept`))}
      >
        Accept
      </button>
      <ErrorText error={error} />
    </span>
  );
}

export function LeaveTeamButton({ teamId }: { teamId: string }) {
  const { run, error, busy } = useAction();
  return (
    <span>
      <button
        className="btn-secondary"
        disabled={busy}
        onClick={() => confirm("Leave this team?") && run(() => callApi("DELETE", `/api/teams/${teamId}/membership`))}
      >
        Leave
      </button>
      <ErrorText error={error} />
    </span>
  );
}
