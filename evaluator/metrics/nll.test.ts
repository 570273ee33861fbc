import assert from "node:assert/strict";
import { test } from "node:test";
import { fourQueries } from "@/testing/metrics/four-queries";
import { negativeLogLikelihood } from "./nll";

test("nll is the mean of −ln p(label), clipped at 1e-12", () => {
  // (−ln 0.7 − ln 0.3 − ln 0.75 − ln 0.45) / 4 = (0.356675 + 1.203973 + 0.287682 + 0.798508) / 4
  assert.ok(Math.abs(negativeLogLikelihood(fourQueries) - 0.6617095) < 1e-6);
  // A zero probability on the label costs −ln(1e-12) = 27.631021, not infinity.
  const certainAndWrong = negativeLogLikelihood({ probabilities: [1, 0], labels: [1], classes: 2 });
  assert.ok(Math.abs(certainAndWrong - 27.631021) < 1e-6);
});
