"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "../_components/use-hydrated";
import { callApi } from "../_components/api";
import { EmailField, PasswordField } from "../_components/account-fields";

export function SignUpForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [error, setError] = useState<string>();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim();
    setBusy(true);
    setError(undefined);
    try {
      const { message } = await callApi<{ message: string }>("POST", "/api/users", {
        email,
        password,
        name: name || undefined,
      });
      // A taken address answers the same as a new one; only a new account signs in with this password.
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) throw new Error(message);
      window.location.assign("/");
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <div className="card p-6">
      <form onSubmit={onSubmit} className="space-y-4" method="post" data-testid="signup-form">
        <SignUpFields minPasswordLength={minPasswordLength} />
        {error && (
          <p className="text-sm text-rose-700" role="alert" data-testid="signup-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn w-full" disabled={busy || !hydrated} data-testid="signup-submit">
          {busy ? "Creating your account…" : "Sign up"}
        </button>
        <p className="text-center text-sm text-slate-500">
          Already have an account? <Link href="/signin">Sign in</Link>
        </p>
      </form>
    </div>
  );
}

function SignUpFields({ minPasswordLength }: { minPasswordLength: number }) {
  return (
    <>
      <div>
        <label className="label" htmlFor="name">
          Display name
        </label>
        <input
          id="name"
          name="name"
          autoComplete="nickname"
          maxLength={100}
          className="input"
          data-testid="signup-name"
        />
      </div>
      <EmailField testId="signup-email" />
      <PasswordField testId="signup-password" autoComplete="new-password" minLength={minPasswordLength}>
        <p className="mt-1 text-xs text-slate-500">At least {minPasswordLength} characters.</p>
      </PasswordField>
    </>
  );
}
