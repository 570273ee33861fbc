import Link from "next/link";
import { notFound } from "next/navigation";
import { listImportedStores } from "@/lib/authoring/fewshot-data";
import { getConfig } from "@/lib/config";
import { requireViewer } from "@/lib/server/require-viewer";
import { loadSpecEditor } from "@/lib/server/spec-editor";
import { Forbidden } from "../../../_components/forbidden";
import { orNotFound } from "../../../_components/or-not-found";
import { SpecEditor } from "./spec-editor";

export const metadata = { title: "Write a benchmark spec" };

export default async function WriteSpecPage({ searchParams }: { searchParams: Promise<{ edit?: string }> }) {
  const { edit } = await searchParams;
  const viewer = await requireViewer(
    edit ? `/organize/new/spec?edit=${encodeURIComponent(edit)}` : "/organize/new/spec",
  );
  const { allowed, editing } = await orNotFound(loadSpecEditor({ viewer, edit }));
  if (!allowed) {
    return (
      <Forbidden
        message={
          edit
            ? "Only this benchmark's organizers and admins can edit its spec."
            : "Only organizers and admins can author benchmarks."
        }
      />
    );
  }
  if (edit && !editing) notFound();
  const datasets = ["glyphs", ...listImportedStores(getConfig().datasetsDir)];
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <div className="text-sm text-slate-500">
          <Link href="/organize">Organize</Link> /{" "}
          {editing ? (
            <Link href={`/organize/${editing.slug}`}>{editing.slug}</Link>
          ) : (
            <Link href="/organize/new">Create</Link>
          )}{" "}
          / spec
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">
          {editing ? `Edit ${editing.title} (version ${editing.version})` : "Write a benchmark spec"}
        </h1>
        <p className="text-sm text-slate-500">
          The YAML is the benchmark: the form below only writes YAML for the common cases. Validate to see errors by
          line, the leakage check and a preview of what will be evaluated; publishing{" "}
          {editing
            ? "a changed protocol creates the next version (results stay with the version that produced them)"
            : "creates version 1, its open phase, and queues the baselines of its track"}
          .
        </p>
      </div>
      <SpecEditor initialYaml={editing?.yaml ?? ""} edit={editing?.slug} datasets={datasets} />
    </div>
  );
}
