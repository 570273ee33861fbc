import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card mx-auto max-w-lg p-8 text-center" data-testid="not-found">
      <div className="text-4xl font-semibold text-slate-300">404</div>
      <p className="mt-2 text-slate-700">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-4 inline-block">
        Back to the benchmarks
      </Link>
    </div>
  );
}
