import { ADMIN } from "./global-setup";
import { bundlePath, expect, newAccount, signIn, signUp, test, uploadThroughForm } from "../testing/e2e/fixtures";

const BENCHMARK = "glyphs-5way-1shot";

test("two scored entries compared: table, probability of improvement and server-rendered plots; then moderated", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(15 * 60_000);
  // A competitor's entry next to the platform's baseline(s), both scored by the worker.
  const competitor = await browser.newPage();
  await signUp(competitor, newAccount("compare"));
  await uploadThroughForm(competitor, {
    benchmark: BENCHMARK,
    file: bundlePath("random.tar.gz"),
    name: "compared entry",
  });
  await expect
    .poll(
      async () => (await (await request.get(`/api/benchmarks/${BENCHMARK}/leaderboard?mode=all`)).json()).rows.length,
      { timeout: 14 * 60_000, intervals: [5000] },
    )
    .toBeGreaterThanOrEqual(2);

  await page.goto(`/benchmarks/${BENCHMARK}?mode=all`);
  const boxes = page.getByTestId("compare-checkbox");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByTestId("compare-submit").click();
  await expect(page).toHaveURL(/\/compare\?/);

  await expect(page.getByTestId("compare-table").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("improvement-table")).toContainText(/P\(.+ > .+\)\s*\d+\.\d%\s*\[\d+\.\d%, \d+\.\d%\]/);
  for (const plot of ["plot-intervals", "plot-reliability"]) {
    const svg = page.getByTestId(plot).locator("svg");
    await expect(svg).toBeVisible();
    // Vega drew marks: points for the entries, not an empty frame.
    expect(await svg.locator("path").count()).toBeGreaterThan(2);
  }
  // Readable without JavaScript: the plots are in the HTML the server sent.
  const html = await (await request.get(page.url())).text();
  expect(html).toContain('data-testid="plot-intervals"><svg');

  // An organizer disqualifies the second entry with a reason; readers see it listed under the board with the reason.
  const compared = await page
    .getByTestId("compare-table")
    .locator("tbody tr a")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  const target = compared[1]!;
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await admin.goto(target);
  const panel = admin.getByTestId("moderation-panel");
  await panel.getByTestId("moderation-reason").fill("used the private episodes");
  await panel.getByTestId("moderation-disqualify").click();
  await expect(panel.getByTestId("moderation-state")).toHaveText("disqualified");
  try {
    await page.goto(`/benchmarks/${BENCHMARK}?mode=all`);
    await expect(page.getByTestId("disqualified")).toContainText("used the private episodes");
    await expect(
      page.locator(`[data-testid="leaderboard-row"][data-submission-id="${target.split("/").pop()}"]`),
    ).toHaveCount(0);
  } finally {
    await panel.getByTestId("moderation-reason").fill("reinstated after the check");
    await admin.getByRole("button", { name: "Reinstate" }).click();
    await expect(panel.getByTestId("moderation-state")).toHaveText("visible");
  }
});
