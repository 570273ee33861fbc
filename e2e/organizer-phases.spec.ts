import type { Page } from "@playwright/test";
import { ADMIN } from "./global-setup";
import { bundlePath, expect, newAccount, signIn, signUp, test } from "./fixtures";

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

test("a quota reached is refused in the upload form with the count and the limit", async ({ browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await savePhase(admin, { quotaTotal: "1" });
  try {
    const page = await browser.newPage();
    await signUp(page, newAccount("quota"));
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
    await savePhase(admin, { quotaTotal: "100" });
  }
});

test("private scores are hidden before the reveal and shown after it, in pages and in the API", async ({ browser, request }) => {
  const reader = await browser.newPage();
  const sealedEverywhere = async () => {
    await reader.goto(`/benchmarks/${BENCHMARK}?partition=private`);
    await expect(reader.getByTestId("private-sealed")).toBeVisible();
    expect((await request.get(`/api/benchmarks/${BENCHMARK}/leaderboard?partition=private`)).status()).toBe(403);
    expect((await request.get(`/api/benchmarks/${BENCHMARK}/reveal`)).status()).toBe(403);
    expect((await (await request.get(`/api/benchmarks/${BENCHMARK}/data/results`)).json()).partitions).toEqual(["public"]);
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
    expect((await (await request.get(`/api/benchmarks/${BENCHMARK}/data/results`)).json()).partitions).toEqual(["public", "private"]);
    await reader.getByTestId("reveal-link").click();
    await expect(reader.getByRole("heading", { name: "Public vs private" })).toBeVisible();
  } finally {
    await savePhase(admin, { revealAt: "" });
  }
  await sealedEverywhere();
});
