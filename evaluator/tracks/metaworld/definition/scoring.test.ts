import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregateGoals } from "./scoring";

test("scores: success per task and overall (mean of task means) with bootstrap intervals; return beside it", () => {
  const row = (task: string, seed: number, goal: number, success: number, ret: number) => ({
    index: goal,
    task,
    metrics: { success, return: ret, adaptationSuccess: 0, goal, seed },
  });
  const rows = [
    ...[0, 1, 2, 3].map((g) => row("a-v3", 1, g, g < 3 ? 1 : 0, 10)),
    ...[0, 1, 2, 3].map((g) => row("b-v3", 1, g, g === 0 ? 1 : 0, 20)),
  ];
  const get = (metric: string) => aggregateGoals(rows).find((r) => r.metric === metric)!;
  assert.equal(get("success/a-v3").value, 0.75);
  assert.equal(get("success/b-v3").value, 0.25);
  assert.equal(get("success").value, 0.5);
  assert.equal(get("return").value, 15);
  assert.equal(get("tasks").value, 2);
  const overall = get("success");
  assert.ok(
    overall.ciLow! < 0.5 && overall.ciHigh! > 0.5 && overall.ciLow! >= 0.25 && overall.ciHigh! <= 0.75,
    JSON.stringify(overall),
  );
  assert.deepEqual([get("success/a-v3").ciLow, get("success/a-v3").ciHigh], [0.25, 1]);
  assert.deepEqual(aggregateGoals(rows), aggregateGoals([...rows].reverse()), "intervals do not depend on row order");
  // A task short of rows (a failed unit) still gets its mean; the overall interval needs equal rows per task.
  assert.equal(aggregateGoals(rows.slice(1)).find((r) => r.metric === "success")!.ciLow, null);
});
