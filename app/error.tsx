"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="card mx-auto max-w-lg p-8 text-center" data-testid="error-page">
      <div className="text-4xl font-semibold text-slate-300">500</div>
      <p className="mt-2 text-slate-700">
        Something went wrong while loading this page. The error was logged on the server.
      </p>
      <button type="button" className="btn mt-4" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
