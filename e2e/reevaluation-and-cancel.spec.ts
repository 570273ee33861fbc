import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { create } from "tar";
import { ADMIN } from "./global-setup";
import { bundlePath, expect, newAccount, signIn, signUp, test, uploadThroughForm } from "../testing/e2e/fixtures";

/** An authored few-shot benchmark; small partitions keep every run short. Only learners: of the baselines, only random runs. */
const spec = (slug: string, ways: number) => `slug: ${slug}
title: Re-evaluated glyphs ${slug}
track: fewshot
dataset: glyphs
ways: ${ways}
shots: 1
queries: 5
partitions:
  public: { episodes: 4, seed: 11 }
  private: { episodes: 4 }
kinds: [learner]
`;

async function publish(
  organizer: Page,
  body: { yaml: string; edit?: string },
): Promise<{ version: number; baselinesQueued: string[] }> {
  const response = await organizer.request.post("/api/organize/authoring/publish", { data: body });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
}

test("an organizer publishes v2, re-evaluates every entry on it and sees it scored; v1's board is unchanged and v2's marks the re-evaluations", async ({
  browser,
}) => {
  // The baselines every benchmark gets (the seeded ones included) run before this benchmark's and before any
  // re-evaluation: on a freshly started platform that alone takes several minutes.
  test.setTimeout(20 * 60_000);
  const slug = `reeval-${crypto.randomBytes(3).toString("hex")}`;
  const organizer = await browser.newPage();
  await signIn(organizer, ADMIN);
  const v1 = await publish(organizer, { yaml: spec(slug, 5) });
  expect(v1.version).toBe(1);

  const participant = await browser.newPage();
  await signUp(participant, newAccount("reeval"));
  const entryId = await uploadThroughForm(participant, {
    benchmark: slug,
    file: bundlePath("random.tar.gz"),
    name: "random on v1",
  });
  await expect(participant.getByTestId("submission-status")).toHaveText("scored", { timeout: 5 * 60_000 });
  await expect(participant.getByTestId("submission-version")).toHaveText("v1");
  // Every v1 entry (the participant's and the queued baselines) scored before v1's board is read.
  const entries = v1.baselinesQueued.length + 1;
  await expect
    .poll(
      async () =>
        (await (await organizer.request.get(`/api/benchmarks/${slug}/leaderboard?mode=all&version=1`)).json()).rows
          .length,
      { timeout: 15 * 60_000, intervals: [5000] },
    )
    .toBe(entries);
  const reader = await browser.newPage();
  await reader.goto(`/benchmarks/${slug}?mode=all`);
  const v1Board = await reader.getByTestId("leaderboard").innerText();
  expect(v1Board).toContain("random on v1");

  expect((await publish(organizer, { yaml: spec(slug, 4), edit: slug })).version).toBe(2);
  await organizer.goto(`/organize/${slug}`);
  const section = organizer.getByTestId("reevaluation");
  await expect(section.getByTestId("reevaluation-pending")).toContainText(
    `${entries} entries from older versions not yet re-evaluated.`,
  );
  await section.getByRole("button", { name: "Re-evaluate every entry on v2" }).click();
  await expect(section.getByTestId("reevaluate-result")).toHaveText(`Queued ${entries} re-evaluations on v2.`);
  await expect(section.getByTestId("reevaluation-total")).toHaveText(String(entries));
  // The section follows the jobs live, without a reload.
  await expect(section.getByTestId("reevaluation-scored")).toHaveText(String(entries), { timeout: 5 * 60_000 });
  await expect(section.getByTestId("reevaluation-pending")).toContainText("has been re-evaluated");

  // The reader's version selector: v1's board exactly as it was ranked, v2's with the re-evaluations marked.
  await reader.goto(`/benchmarks/${slug}?mode=all`);
  const selector = reader.getByTestId("version-selector");
  await expect(selector.getByTestId("version-link")).toHaveText([/^v2 \(latest\)/, /^v1/]);
  const reevaluated = reader.getByTestId("leaderboard-row").filter({ hasText: "random on v1" });
  await expect(reevaluated.getByTestId("reevaluated-from")).toHaveText("re-evaluated from v1");
  await expect(reader.getByTestId("reevaluated-from")).toHaveCount(entries);

  await selector.getByTestId("version-link").filter({ hasText: /^v1/ }).click();
  await expect(reader).toHaveURL(/version=1/);
  await expect(reader.getByTestId("old-version-notice")).toContainText("This is the leaderboard of v1");
  expect(await reader.getByTestId("leaderboard").innerText()).toBe(v1Board);
  await expect(reader.getByTestId("reevaluated-from")).toHaveCount(0);

  // The re-evaluation's page names the original; the original's page lists the re-evaluation.
  await reader.goto(`/benchmarks/${slug}?mode=all`);
  await reevaluated.getByTestId("leaderboard-entry-name").click();
  await expect(reader.getByTestId("submission-version")).toHaveText("v2");
  await expect(reader.getByTestId("reevaluated-from")).toContainText("re-evaluated from v1");
  await reader.getByTestId("reevaluated-from").getByRole("link", { name: "v1" }).click();
  await expect(reader).toHaveURL(new RegExp(`/submissions/${entryId}$`));
  await expect(reader.getByTestId("reevaluations")).toContainText("re-evaluated on v2 (scored)");
});

/** A learner that takes two seconds to adapt to each episode: its evaluation is still going when it is cancelled. */
async function slowBundle(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-e2e-slow-"));
  const manifest = {
    name: "slow-learner",
    track: "fewshot",
    kind: "learner",
    entry: "learner.mjs",
    method: { description: "Waits, then guesses uniformly.", tags: [] },
  };
  fs.writeFileSync(path.join(dir, "heldout.json"), JSON.stringify(manifest));
  fs.writeFileSync(
    path.join(dir, "learner.mjs"),
    `export default function createLearner({ task }) {
  return {
    adapt: () => new Promise((resolve) => setTimeout(resolve, 2000)),
    predict: ({ images }) => new Float32Array(images.shape[0] * task.ways).fill(1 / task.ways),
  };
}
`,
  );
  const archive = path.join(dir, "slow.tar.gz");
  await create({ gzip: true, cwd: dir, file: archive }, ["heldout.json", "learner.mjs"]);
  return archive;
}

test("a participant cancels their own unfinished submission from its page; another participant gets no button and the API refuses", async ({
  browser,
}) => {
  const archive = await slowBundle();
  try {
    const owner = await browser.newPage();
    await signUp(owner, newAccount("canceller"));
    const id = await uploadThroughForm(owner, { benchmark: "glyphs-5way-1shot", file: archive, name: "slow run" });
    await expect(owner.getByTestId("submission-status")).toHaveText(/^(queued|running)$/);

    const other = await browser.newPage();
    await signUp(other, newAccount("bystander"));
    await other.goto(`/submissions/${id}`);
    await expect(other.getByTestId("submission-name")).toHaveText("slow run");
    await expect(other.getByTestId("submission-status")).toHaveText(/^(queued|running)$/);
    await expect(other.getByTestId("cancel-submission")).toHaveCount(0);
    const refused = await other.request.post(`/api/submissions/${id}/cancel`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");

    owner.once("dialog", (dialog) => dialog.accept());
    await owner.getByTestId("cancel-submission").click();
    await expect(owner.getByTestId("submission-status")).toHaveText("cancelled");
    await expect(owner.getByTestId("cancelled-note")).toContainText("This evaluation was cancelled");
    await expect(owner.getByTestId("cancel-submission")).toHaveCount(0);
    expect((await (await other.request.get(`/api/submissions/${id}`)).json()).status).toBe("cancelled");
    await other.reload();
    await expect(other.getByTestId("submission-status")).toHaveText("cancelled");
  } finally {
    fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  }
});
