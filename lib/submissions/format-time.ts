/** "2026-11-21 14:02 UTC": times in user-facing messages, in one zone for everyone. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 10)} ${formatUtcTime(date)}`;
}

/** "14:02 UTC" */
export function formatUtcTime(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}
