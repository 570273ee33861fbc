/** A server-rendered chart in a card, with its caption and an optional note under it; nothing when there is no chart. */
export function Plot({
  svg,
  title,
  testId,
  children,
}: {
  svg: string | undefined;
  title: string;
  testId: string;
  children?: React.ReactNode;
}) {
  if (!svg) return null;
  return (
    <figure className="card space-y-2 p-5">
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      {/* SVG rendered on the server by Vega from our own spec; every data string in it is escaped by the renderer. */}
      <div className="overflow-x-auto" data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />
      {children && <p className="text-xs text-slate-500">{children}</p>}
    </figure>
  );
}
