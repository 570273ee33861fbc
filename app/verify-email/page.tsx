import Link from "next/link";
import { AccountForm } from "../_components/account-form";

export const metadata = { title: "Confirm your email" };

/** The emailed link lands here; the button posts the token, so a mail scanner fetching the link verifies nothing. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Confirm your email</h1>
      <div className="card p-6">
        {token ? (
          <AccountForm
            url="/api/account/verify-email"
            extra={{ token }}
            submit="Confirm my email"
            testId="verify-email"
            done={<Link href="/">Go to the benchmarks</Link>}
          />
        ) : (
          <p className="text-sm text-slate-600">Open the link from the email we sent you.</p>
        )}
      </div>
    </div>
  );
}
