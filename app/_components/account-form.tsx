"use client";

import { useState, type ReactNode } from "react";
import { callApi } from "./api";
import { useHydrated } from "./use-hydrated";

/**
 * One small account form (verify, forgot, reset): posts its fields as JSON with `extra`, then shows the server's
 * message in place of the form, or its error above the button.
 */
export function AccountForm(props: {
  url: string;
  extra?: Record<string, string>;
  submit: string;
  testId: string;
  children?: ReactNode;
  done?: ReactNode;
}) {
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  if (message) {
    return (
      <div className="space-y-3" data-testid={`${props.testId}-done`}>
        <p className="text-sm text-emerald-800" role="status">
          {message}
        </p>
        {props.done}
      </div>
    );
  }
  return (
    <form
      className="space-y-4"
      data-testid={props.testId}
      onSubmit={async (event) => {
        event.preventDefault();
        const fields = Object.fromEntries([...new FormData(event.currentTarget)].map(([k, v]) => [k, String(v)]));
        setBusy(true);
        setError(undefined);
        try {
          const result = await callApi<{ message?: string }>("POST", props.url, { ...fields, ...props.extra });
          setMessage(result?.message ?? "Done.");
        } catch (e) {
          setError(e instanceof Error ? e.message : String(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {props.children}
      {error && (
        <p className="text-sm text-rose-700" role="alert" data-testid={`${props.testId}-error`}>
          {error}
        </p>
      )}
      <button type="submit" className="btn w-full" disabled={busy || !hydrated} data-testid={`${props.testId}-submit`}>
        {props.submit}
      </button>
    </form>
  );
}
