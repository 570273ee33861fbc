import type { ReactNode } from "react";

/** The account's email input, named `email` as the credentials provider and the account routes read it. */
export function EmailField({ testId }: { testId: string }) {
  return (
    <div>
      <label className="label" htmlFor="email">
        Email
      </label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
        className="input"
        data-testid={testId}
      />
    </div>
  );
}

/**
 * The account's password input, named `password`: `autoComplete` says whether the browser offers the saved one
 * (`current-password`) or a new one (`new-password`); `children` go below it (a hint).
 */
export function PasswordField(props: {
  testId: string;
  autoComplete: "current-password" | "new-password";
  minLength?: number;
  children?: ReactNode;
}) {
  return (
    <div>
      <label className="label" htmlFor="password">
        Password
      </label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete={props.autoComplete}
        required
        minLength={props.minLength}
        className="input"
        data-testid={props.testId}
      />
      {props.children}
    </div>
  );
}
