import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { SignUpForm } from "./sign-up-form";

export const metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Create an account</h1>
      <p className="mb-6 text-sm text-slate-600">Submit bundles, join a team and follow your evaluations live.</p>
      <SignUpForm minPasswordLength={PASSWORD_MIN_LENGTH} />
    </div>
  );
}
