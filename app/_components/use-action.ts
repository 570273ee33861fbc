"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Runs a mutation, keeps its error message, and re-renders the server page on success. */
export function useAction() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      const result = await action();
      router.refresh();
      return result;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { run, error, busy };
}
