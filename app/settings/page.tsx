import { cookies } from "next/headers";
import { readSessionToken } from "@/lib/http/session";
import { requireViewer } from "@/lib/server/require-viewer";
import { loadSettings } from "@/lib/server/settings";
import { AccountForm } from "../_components/account-form";
import { SessionManager } from "./session-manager";
import { TokenManager } from "./token-manager";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requireViewer("/settings");
  const jar = await cookies();
  const currentSessionId = (await readSessionToken((name) => jar.get(name)?.value))?.sessionId;
  const { tokens, sessions } = await loadSettings({ viewer, currentSessionId });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-slate-600">
          Signed in as <span className="font-medium">{viewer.email}</span> ({viewer.role}).
        </p>
      </div>
      {!viewer.emailVerified && (
        <section className="card space-y-3 p-5" data-testid="email-unverified">
          <h2 className="font-semibold">Confirm your email</h2>
          <p className="text-sm text-slate-600">
            Until you open the link we sent to {viewer.email}, you cannot submit, join teams or see invite-only
            benchmarks.
          </p>
          <AccountForm url="/api/account/verification" submit="Send the link again" testId="resend-verification" />
        </section>
      )}
      <section className="card space-y-4 p-5">
        <div>
          <h2 className="font-semibold">API tokens</h2>
          <p className="text-sm text-slate-600">
            For the CLI:{" "}
            <code className="rounded bg-slate-100 px-1">
              HELDOUT_TOKEN=… heldout submit ./bundle --benchmark &lt;slug&gt;
            </code>
            . A token is shown once, when you create it.
          </p>
        </div>
        <TokenManager
          tokens={tokens.map((t) => ({
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            createdAt: t.createdAt.toISOString(),
            lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            revokedAt: t.revokedAt?.toISOString() ?? null,
          }))}
        />
      </section>
      <section className="card space-y-4 p-5">
        <div>
          <h2 className="font-semibold">Signed-in browsers</h2>
          <p className="text-sm text-slate-600">
            Signing a browser out here ends its session at once. Changing your password signs out all others.
          </p>
        </div>
        <SessionManager
          sessions={sessions.map((s) => ({
            id: s.id,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            current: s.current,
          }))}
        />
      </section>
    </div>
  );
}
