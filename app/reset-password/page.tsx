import Link from "next/link";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { AccountForm } from "../_components/account-form";

export const metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      <div className="card p-6">
        {token ? (
          <AccountForm
            url="/api/account/password-reset/confirm"
            extra={{ token }}
            submit="Set the new password"
            testId="reset-password-form"
            done={<Link href="/signin">Sign in</Link>}
          >
            <div>
              <label className="label" htmlFor="password">
                New password
              </label>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="new-password"
                minLength={PASSWORD_MIN_LENGTH}
                required
                className="input"
                data-testid="reset-password-new"
              />
            </div>
          </AccountForm>
        ) : (
          <p className="text-sm text-slate-600">
            Open the link from the email we sent you, or <Link href="/forgot-password">ask for a new one</Link>.
          </p>
        )}
      </div>
    </div>
  );
}
