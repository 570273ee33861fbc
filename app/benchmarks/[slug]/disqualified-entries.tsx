import Link from "next/link";

/** Entries the organizers disqualified: off the ranking, listed here with the organizers' reason. */
export function DisqualifiedEntries({ entries }: { entries: { id: string; name: string; reason: string }[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="card p-5 text-sm" data-testid="disqualified">
      <h2 className="mb-2 font-semibold">Disqualified entries</h2>
      <ul className="space-y-1 text-slate-600">
        {entries.map((d) => (
          <li key={d.id}>
            <Link href={`/submissions/${d.id}`}>{d.name}</Link>: {d.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
