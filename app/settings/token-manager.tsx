"use client";

import { useState } from "react";
import { callApi } from "../_components/api";
import { formatDate } from "../_components/format";
import { useAction } from "../_components/use-action";

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export function TokenManager({ tokens }: { tokens: TokenRow[] }) {
  const { run, error, busy } = useAction();
  const [created, setCreated] = useState<string>();

  return (
    <div className="space-y-4">
      <form
        className="flex flex-col gap-2 sm:flex-row"
        data-testid="token-create-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          const result = await run(() => callApi<{ token: string }>("POST", "/api/tokens", { name }));
          if (result) {
            setCreated(result.token);
            form.reset();
          }
        }}
      >
        <input
          name="name"
          required
          maxLength={100}
          placeholder="Token name, e.g. laptop"
          className="input"
          data-testid="token-name"
        />
        <button className="btn" disabled={busy}>
          Create token
        </button>
      </form>
      {error && (
        <p className="text-sm text-rose-700" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p className="mb-2 font-medium text-emerald-900">Copy your new token now; it will not be shown again.</p>
          <code className="block break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="token-value">
            {created}
          </code>
        </div>
      )}
      {tokens.length > 0 && (
        <TokenList tokens={tokens} busy={busy} onRevoke={(id) => run(() => callApi("DELETE", `/api/tokens/${id}`))} />
      )}
    </div>
  );
}

function TokenList({ tokens, busy, onRevoke }: { tokens: TokenRow[]; busy: boolean; onRevoke: (id: string) => void }) {
  return (
    <table className="w-full text-sm" data-testid="token-list">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2">Name</th>
          <th className="py-2">Token</th>
          <th className="py-2">Created</th>
          <th className="py-2">Last used</th>
          <th />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {tokens.map((t) => (
          <tr key={t.id} className={t.revokedAt ? "text-slate-400" : ""}>
            <td className="py-2">{t.name}</td>
            <td className="py-2 font-mono text-xs">{t.prefix}…</td>
            <td className="py-2 text-xs">{formatDate(t.createdAt)}</td>
            <td className="py-2 text-xs">{t.lastUsedAt ? formatDate(t.lastUsedAt) : "never"}</td>
            <td className="py-2 text-right">
              {t.revokedAt ? (
                <span className="text-xs">revoked</span>
              ) : (
                <button className="btn-secondary" disabled={busy} onClick={() => onRevoke(t.id)}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
