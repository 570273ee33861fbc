import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { create } from "tar";
import { ADMIN } from "./global-setup";
import { bundlePath, expect, newAccount, signIn, signUp, test, uploadThroughForm } from "../testing/e2e/fixtures";
import { root } from "../testing/e2e/platform";

// Its own benchmark, so sealing and quotas changed here do not reach the other specs; every change is undone.
const BENCHMARK = "glyphs-5way-5shot";

async function savePhase(admin: Page, fields: { quotaTotal?: string; revealAt?: string }) {
  await admin.goto(`/organize/${BENCHMARK}`);
  const form = admin.getByTestId("phase-form").first();
  if (fields.quotaTotal !== undefined) await form.locator('input[name="quotaTotal"]').fill(fields.quotaTotal);
  if (fields.revealAt !== undefined) await form.getByTestId("phase-reveal").fill(fields.revealAt);
  await form.getByTestId("phase-save").click();
  await expect(form.getByText("Saved.")).toBeVisible();
}

/**
 * A bundle no other test uploads, whose stored copy is damaged on the platform's storage before it is uploaded (the
 * store keeps an existing copy): the worker cannot open it, a platform fault, and fails it as such once its retries
 * are spent.
 */
async function bundleDamagedInStorage(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-e2e-damaged-"));
  const source = path.join(root, "benchmarks", "baselines", "random");
  const manifest = JSON.parse(fs.readFileSync(path.join(source, "heldout.json"), "utf8"));
  fs.writeFileSync(
    path.join(dir, "heldout.json"),
    JSON.stringify({ ...manifest, name: `damaged-${crypto.randomBytes(4).toString("hex")}` }),
  );
  fs.copyFileSync(path.join(source, "learner.mjs"), path.join(dir, "learner.mjs"));
  const archive = path.join(dir, "damaged.tar.gz");
  await create({ gzip: true, cwd: dir, file: archive }, ["heldout.json", "learner.mjs"]);
  const sha256 = crypto.createHash("sha256").update(fs.readFileSync(archive)).digest("hex");
  const stored = path.join(process.env.HELDOUT_E2E_HOME!, "storage", "bundles", sha256.slice(0, 2), sha256);
  fs.mkdirSync(path.dirname(stored), { recursive: true });
  fs.writeFileSync(stored, "not the bundle that was uploaded");
  return archive;
}

test("a quota reached is refused in the upload form with the count and the limit; a platform-failed run did not count", async ({
  browser,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await savePhase(admin, { quotaTotal: "1" });
  const damaged = await bundleDamagedInStorage();
  try {
    const page = await browser.newPage();
    await signUp(page, newAccount("quota"));
    // The platform fails the first run: the slot it took is handed back.
    await uploadThroughForm(page, { benchmark: BENCHMARK, file: damaged, name: "quota platform-failed" });
    await expect(page.getByTestId("failure-reason")).toContainText(
      "The platform failed to evaluate this submission (not counted against your quota).",
      {
        timeout: 90_000,
      },
    );
    for (const attempt of [1, 2]) {
      await page.goto(`/submit?benchmark=${BENCHMARK}`);
      const form = page.getByTestId("upload-form");
      await form.getByTestId("upload-name").fill(`quota ${attempt}`);
      await form.getByTestId("upload-file").setInputFiles(bundlePath("random.tar.gz"));
      await expect(form.getByTestId("upload-submit")).toBeEnabled();
      await form.getByTestId("upload-submit").click();
      if (attempt === 1) await page.waitForURL(/\/submissions\/[^/]+$/);
    }
    await expect(page.getByTestId("upload-error")).toContainText("Total quota reached: 1 of 1 submissions");
    await expect(page).toHaveURL(/\/submit/);
  } finally {
    fs.rmSync(path.dirname(damaged), { recursive: true, force: true });
    await savePhase(admin, { quotaTotal: "100" });
  }
});

test("private scores are hidden before the reveal and shown after it, in pages and in the API", async ({
  browser,
  request,
}) => {
  const reader = await browser.newPage();
  const sealedEverywhere = async () => {
    await reader.goto(`/benchmarks/${BENCHMARK}?partition=private`);
    await expect(reader.getByTestId("private-sealed")).toBeVisible();
    expect((await request.get(`/api/benchmarks/${BENCHMARK}/leaderboard?partition=private`)).status()).toBe(403);
    expect((await request.get(`/api/benchmarks/${BENCHMARK}/reveal`)).status()).toBe(403);
    expect((await (await request.get(`/api/benchmarks/${BENCHMARK}/data/results`)).json()).partitions).toEqual([
      "public",
    ]);
  };
  await sealedEverywhere();

  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await admin.goto(`/organize/${BENCHMARK}`);
  await admin.getByRole("button", { name: "Reveal private scores now" }).first().click();
  await expect(admin.getByText("Saved.").first()).toBeVisible();
  try {
    await reader.goto(`/benchmarks/${BENCHMARK}?partition=private`);
    await expect(reader.getByTestId("private-sealed")).toHaveCount(0);
    await expect(reader.getByTestId("reveal-link")).toBeVisible();
    const board = await request.get(`/api/benchmarks/${BENCHMARK}/leaderboard?partition=private`);
    expect(board.status()).toBe(200);
    expect((await board.json()).partition).toBe("private");
    expect((await request.get(`/api/benchmarks/${BENCHMARK}/reveal`)).status()).toBe(200);
    expect((await (await request.get(`/api/benchmarks/${BENCHMARK}/data/results`)).json()).partitions).toEqual([
      "public",
      "private",
    ]);
    await reader.getByTestId("reveal-link").click();
    await expect(reader.getByRole("heading", { name: "Public vs private" })).toBeVisible();
  } finally {
    await savePhase(admin, { revealAt: "" });
  }
  await sealedEverywhere();
});
