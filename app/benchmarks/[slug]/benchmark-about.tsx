/** The organizers' description of the benchmark, one paragraph per blank-line-separated block. */
export function BenchmarkAbout({ about }: { about: string }) {
  if (!about) return null;
  return (
    <section className="card space-y-3 p-5 text-sm text-slate-700" data-testid="benchmark-about">
      <h2 className="font-semibold text-slate-900">About this benchmark</h2>
      {about.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i} className="whitespace-pre-line">
          {paragraph}
        </p>
      ))}
    </section>
  );
}
