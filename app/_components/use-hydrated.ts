"use client";

import { useEffect, useState } from "react";

/** False until the component runs in the browser: forms that need script stay disabled until then. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
