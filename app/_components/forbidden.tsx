export function Forbidden({ message }: { message: string }) {
  return (
    <div className="card mx-auto max-w-lg p-8 text-center" data-testid="forbidden">
      <div className="text-4xl font-semibold text-slate-300">403</div>
      <p className="mt-2 text-slate-700">{message}</p>
    </div>
  );
}
