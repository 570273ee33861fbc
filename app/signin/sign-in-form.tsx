"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { EmailField, PasswordField } from "../_components/account-fields";
import { useHydrated } from "../_components/use-hydrated";

export function SignInForm({
  callbackUrl,
  github,
  initialError,
}: {
  callbackUrl: string;
  github: boolean;
  initialError?: string;
}) {
  const [error, setError] = useState(initialError);
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (!result || result.error) {
      // next-auth passes our thrown rate-limit message through as the error; anything else stays generic.
      setError(result?.error?.startsWith("Too many attempts") ? result.error : "Wrong email or password.");
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <div className="card space-y-5 p-6">
      <form onSubmit={onSubmit} className="space-y-4" method="post" data-testid="signin-form">
        <EmailField testId="signin-email" />
        <PasswordField testId="signin-password" autoComplete="current-password" />
        {error && (
          <p className="text-sm text-rose-700" role="alert" data-testid="signin-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn w-full" disabled={busy || !hydrated} data-testid="signin-submit">
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {github && (
        <button
          type="button"
          className="btn-secondary w-full"
          onClick={() => signIn("github", { callbackUrl })}
          data-testid="signin-github"
        >
          Continue with GitHub
        </button>
      )}
      <p className="text-center text-sm text-slate-500">
        New here? <Link href="/signup">Create an account</Link> ·{" "}
        <Link href="/forgot-password" data-testid="forgot-password">
          Forgot your password?
        </Link>
      </p>
    </div>
  );
}
