"use client";

import { useState } from "react";
import { callApi } from "../../_components/api";
import { useAction } from "../../_components/use-action";

type Props = { slug: string; visibility: "public" | "invite"; invites: { email: string; invitedAt: string }[] };

/** Emails typed one per line, or separated by commas or spaces. */
const splitEmails = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);

/** Who may see and enter the benchmark: public, or invite-only with its list of invited emails. */
export function InviteList({ slug, visibility, invites }: Props) {
  const { run, error, busy } = useAction();
  const [text, setText] = useState("");
  const url = `/api/benchmarks/${slug}/invites`;
  const change = (body: Record<string, unknown>) => run(() => callApi("PATCH", url, body));

  return (
    <section className="card space-y-4 p-5" data-testid="invite-list">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">Who may take part</h2>
        <span className="text-sm text-slate-600" data-testid="visibility">
          {visibility === "invite"
            ? "Invite-only: hidden from everyone not on the list."
            : "Public: anyone can see and enter it."}
        </span>
      </div>
      <button
        type="button"
        className="btn-secondary"
        disabled={busy}
        onClick={() => void change({ visibility: visibility === "invite" ? "public" : "invite" })}
        data-testid="visibility-toggle"
      >
        {visibility === "invite" ? "Make public" : "Make invite-only"}
      </button>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void change({ add: splitEmails(text) }).then((r) => r !== undefined && setText(""));
        }}
      >
        <label className="block">
          <span className="label">Invite by email (one per line, or separated by commas)</span>
          <textarea
            className="input font-mono"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="invite-emails"
          />
        </label>
        <button className="btn" disabled={busy || splitEmails(text).length === 0} data-testid="invite-add">
          Invite
        </button>
      </form>
      {error && (
        <p className="text-sm text-rose-700" role="alert">
          {error}
        </p>
      )}
      {invites.length === 0 ? (
        <p className="text-sm text-slate-500">Nobody is invited yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="invited">
          {invites.map((i) => (
            <li key={i.email} className="flex items-center justify-between py-1.5">
              <span className="font-mono">{i.email}</span>
              <button
                type="button"
                className="text-rose-700 hover:underline"
                disabled={busy}
                onClick={() => void change({ remove: [i.email] })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
