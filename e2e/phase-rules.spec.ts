import { ADMIN } from "./global-setup";
import { bundlePath, expect, newAccount, signIn, signUp, test, uploadThroughForm } from "../testing/e2e/fixtures";

// Its own benchmark among the seeded ones; every rule set here is cleared at the end whatever happens.
const BENCHMARK = "glyphs-5way-5shot";

test("an organizer sets the final-selection rule and a freeze in the phase form; readers see the rules; a team chooses its entry", async ({
  browser,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await admin.goto(`/organize/${BENCHMARK}`);
  const form = admin.getByTestId("phase-form").first();
  const save = async () => {
    await form.getByTestId("phase-save").click();
    await expect(form.getByText("Saved.")).toBeVisible();
  };
  const freezeAt = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);
  try {
    // A freeze after the phase closes is refused with the field named.
    await form.locator('input[name="closesAt"]').fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 16));
    await form.getByTestId("phase-frozen").fill(freezeAt);
    await form.getByTestId("phase-save").click();
    await expect(form.getByRole("alert")).toHaveText(
      "frozenAt: the leaderboard must freeze before the phase closes (or leave it empty).",
    );
    await form.locator('input[name="closesAt"]').fill("");
    await form.locator('input[name="finalSelectionLimit"]').fill("2");
    await save();

    const reader = await browser.newPage();
    await reader.goto(`/benchmarks/${BENCHMARK}/about`);
    await expect(reader.getByTestId("about-phase").getByTestId("final-selection-rule")).toContainText(
      "Each team chooses up to 2 of its entries",
    );
    await reader.goto(`/benchmarks/${BENCHMARK}`);
    await expect(reader.getByText(`freezes at ${freezeAt.replace("T", " ")} UTC, until the reveal`)).toBeVisible();

    const competitor = await browser.newPage();
    await signUp(competitor, newAccount("chooser"));
    await uploadThroughForm(competitor, { benchmark: BENCHMARK, file: bundlePath("random.tar.gz"), name: "my final" });
    const choice = competitor.getByTestId("final-choice");
    await expect(choice.getByTestId("final-choice-state")).toContainText("Not chosen. 0 of 2 entries chosen.");
    await choice.getByTestId("final-choice-toggle").click();
    await expect(choice.getByTestId("final-choice-state")).toContainText(
      "Chosen for the final ranking. 1 of 2 entries chosen.",
    );
  } finally {
    await admin.goto(`/organize/${BENCHMARK}`);
    await form.locator('input[name="finalSelectionLimit"]').fill("");
    await form.getByTestId("phase-frozen").fill("");
    await form.locator('input[name="closesAt"]').fill("");
    await save();
  }
});
