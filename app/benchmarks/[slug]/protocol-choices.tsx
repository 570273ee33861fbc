import { Fragment } from "react";
import type { ProtocolChoice } from "@/lib/server/protocol-choices";

/** What a number on this benchmark means: how the protocol settles each choice a score depends on. */
export function ProtocolChoices({ choices }: { choices: ProtocolChoice[] }) {
  return (
    <section className="card p-5 text-sm" data-testid="protocol-choices">
      <h2 className="mb-3 font-semibold">What a score means</h2>
      <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-slate-600">
        {choices.map((c) => (
          <Fragment key={c.label}>
            <dt>{c.label}</dt>
            <dd>{c.value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
