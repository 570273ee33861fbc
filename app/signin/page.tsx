import { githubSignInEnabled } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths: an open redirect would turn the sign-in page into a phishing helper.
  const next = safeCallbackPath(callbackUrl);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Sign in</h1>
      <SignInForm
        callbackUrl={next}
        github={githubSignInEnabled()}
        initialError={error ? "Sign-in failed. Check your email and password." : undefined}
      />
    </div>
  );
}
