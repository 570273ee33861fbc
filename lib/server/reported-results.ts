import type { User } from "@/db/queries/users";
import type { Viewer } from "@/lib/benchmark-access";
import {
  addReportedResult,
  deleteReportedResult,
  listReportedResults,
  type ReportedEntry,
} from "@/lib/reported-results/reported-results";
import type { ReportedResult } from "@/lib/reported-results/schema";
import { requireBenchmarkView } from "./benchmark-view";
import { getDatabase } from "./context";

type Benchmark = { id: string; slug: string };

/** A visible benchmark's reported results (unknown or hidden benchmark → 404). */
export async function loadReportedResults(input: { slug: string; viewer: Viewer }): Promise<ReportedEntry[]> {
  const benchmark = await requireBenchmarkView(input);
  return listReportedResults(getDatabase().db, benchmark.id);
}

export function addReportedResultTo(input: {
  actor: User;
  benchmark: Benchmark;
  result: ReportedResult;
}): Promise<ReportedEntry> {
  return addReportedResult(getDatabase().db, input);
}

export function deleteReportedResultOf(input: { actor: User; benchmark: Benchmark; id: string }): Promise<void> {
  return deleteReportedResult(getDatabase().db, input);
}
