import fs from "node:fs";
import { bundlePath, expect, newAccount, signUp, test, uploadThroughForm } from "../testing/e2e/fixtures";

const BENCHMARK = "glyphs-5way-1shot";

test("sign up, upload a bundle in the browser, watch it reach the leaderboard live, export CSV", async ({
  page,
  context,
}) => {
  test.setTimeout(15 * 60_000);
  const account = newAccount("competitor");
  await signUp(page, account);

  // The leaderboard, open in its own tab before the upload, and marked so a reload would be noticed.
  const board = await context.newPage();
  await board.goto(`/benchmarks/${BENCHMARK}?mode=all`);
  await expect(board.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await board.evaluate(() => ((window as unknown as { heldoutMarker: string }).heldoutMarker = "no reload"));

  const name = `e2e ${account.name}`;
  const id = await uploadThroughForm(page, { benchmark: BENCHMARK, file: bundlePath("random.tar.gz"), name });

  // Scored by the worker in the background; the open leaderboard gets the row through server-sent events.
  const row = board.locator(`[data-testid="leaderboard-row"][data-submission-id="${id}"]`);
  await expect(row).toBeVisible({ timeout: 14 * 60_000 });
  await expect(row.getByTestId("leaderboard-entry-name")).toHaveText(name);
  expect(await board.evaluate(() => (window as unknown as { heldoutMarker?: string }).heldoutMarker)).toBe("no reload");
  expect(Number(await board.getByTestId("live-status").getAttribute("data-updates"))).toBeGreaterThan(0);

  // The submission page shows the scores to its owner.
  await page.reload();
  await expect(page.getByTestId("submission-scores")).toBeVisible();
  await expect(page.getByTestId("compute-backend")).toBeVisible();

  const [download] = await Promise.all([board.waitForEvent("download"), board.getByTestId("csv-link").click()]);
  expect(download.suggestedFilename()).toBe(`${BENCHMARK}-v1-public-leaderboard.csv`);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const [header, ...lines] = csv.trim().split("\n");
  expect(header).toMatch(/^rank,tier,entrant,submission_id,name,kind,baseline,submitted_at,partition,accuracy,/);
  const mine = lines.find((l) => l.includes(id));
  expect(mine, `a CSV line for ${id}`).toBeTruthy();
  expect(mine).toContain(`,${name},learner,false,`);
});
