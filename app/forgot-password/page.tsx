import { AccountForm } from "../_components/account-form";
import { EmailField } from "../_components/account-fields";

export const metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Reset your password</h1>
      <div className="card p-6">
        <AccountForm url="/api/account/password-reset" submit="Email me a reset link" testId="forgot-password-form">
          <EmailField testId="forgot-password-email" />
        </AccountForm>
      </div>
    </div>
  );
}
