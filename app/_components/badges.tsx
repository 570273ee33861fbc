const tones = {
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  running: "bg-amber-50 text-amber-800 ring-amber-200",
  scored: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failed: "bg-rose-50 text-rose-800 ring-rose-200",
  cancelled: "bg-slate-100 text-slate-500 ring-slate-200",
  info: "bg-brand-50 text-brand-700 ring-brand-100",
  warn: "bg-amber-50 text-amber-800 ring-amber-200",
  neutral: "bg-slate-100 text-slate-600 ring-slate-200",
} as const;

export function Badge({
  tone = "neutral",
  children,
  testId,
}: {
  tone?: keyof typeof tones;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
      data-testid={testId}
    >
      {children}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const tone = status in tones ? (status as keyof typeof tones) : "neutral";
  return (
    <Badge tone={tone} testId="submission-status">
      {status}
    </Badge>
  );
}

export function SyntheticBadge() {
  return (
    <Badge tone="warn" testId="synthetic-label">
      synthetic data
    </Badge>
  );
}
