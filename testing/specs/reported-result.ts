import type { ReportedResult } from "@/lib/reported-results/schema";

/** A valid reported result for tests; `overrides` replace whole fields. */
export function sampleReportedResult(overrides: Partial<ReportedResult> = {}): ReportedResult {
  return {
    method: "Prototypical Networks",
    paper: {
      title: "Prototypical Networks for Few-shot Learning",
      url: "https://arxiv.org/abs/1703.05175",
      bibtex:
        "@inproceedings{snell2017prototypical,\n  title = {Prototypical Networks for Few-shot Learning},\n" +
        "  year = {2017}\n}",
    },
    table: "Table 1 of arXiv:1703.05175v2",
    numbers: [{ metric: "accuracy", value: "98.8", unit: "percent" }],
    plusMinusMeans: "none reported",
    protocol: "Conv-4, 1000 test episodes.",
    ...overrides,
  };
}
