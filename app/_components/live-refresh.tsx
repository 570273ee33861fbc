"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const MIN_REFRESH_MS = 750;

/**
 * Re-renders the page's server components when a live event arrives over server-sent events (no reload):
 * the events say that something changed; the refreshed page shows only what this viewer may see.
 */
export function LiveRefresh({ source }: { source: string }) {
  const router = useRouter();
  const [state, setState] = useState<"connecting" | "live" | "reconnecting">("connecting");
  const [updates, setUpdates] = useState(0);
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const events = new EventSource(source);
    const refresh = () => {
      // Coalesce bursts (progress ticks) into at most one refresh per interval.
      if (pending.current) return;
      const wait = Math.max(0, last.current + MIN_REFRESH_MS - Date.now());
      pending.current = setTimeout(() => {
        pending.current = undefined;
        last.current = Date.now();
        setUpdates((n) => n + 1);
        router.refresh();
      }, wait);
    };
    // Whatever changed between the page's render and this (re)connection sent its event to nobody: render once more.
    events.addEventListener("ready", () => {
      setState("live");
      router.refresh();
    });
    events.addEventListener("submission", refresh);
    events.addEventListener("progress", refresh);
    events.onerror = () => setState("reconnecting");
    return () => {
      events.close();
      if (pending.current) clearTimeout(pending.current);
    };
  }, [source, router]);

  const dot = state === "live" ? "bg-emerald-500" : state === "connecting" ? "bg-slate-400" : "bg-amber-500";
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-slate-500"
      data-testid="live-status"
      data-state={state}
      data-updates={updates}
    >
      <span className={`h-2 w-2 rounded-full ${dot} ${state === "live" ? "animate-pulse" : ""}`} />
      {state === "live" ? "Live" : state === "connecting" ? "Connecting…" : "Reconnecting…"}
    </span>
  );
}
