import { ADMIN } from "./global-setup";
import { expect, newAccount, signIn, signUp, test } from "../testing/e2e/fixtures";

// Its own benchmark among the seeded ones, made public again at the end whatever happens.
const BENCHMARK = "glyphs-5way-5shot";

test("an organizer makes a benchmark invite-only and invites by email: the guest sees it, everyone else gets 404", async ({
  browser,
  request,
}) => {
  const guestAccount = newAccount("guest");
  const guest = await browser.newPage();
  await signUp(guest, guestAccount);
  const stranger = await browser.newPage();
  await signUp(stranger, newAccount("stranger"));

  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await admin.goto(`/organize/${BENCHMARK}`);
  const section = admin.getByTestId("invite-list");
  try {
    await section.getByTestId("visibility-toggle").click();
    await expect(section.getByTestId("visibility")).toContainText("Invite-only");
    await section.getByTestId("invite-emails").fill(`not-an-email, ${guestAccount.email.toUpperCase()}`);
    await section.getByTestId("invite-add").click();
    await expect(section.getByRole("alert")).toContainText("add.0: 'not-an-email' is not an email address");
    await section.getByTestId("invite-emails").fill(guestAccount.email.toUpperCase());
    await section.getByTestId("invite-add").click();
    await expect(section.getByTestId("invited")).toContainText(guestAccount.email);

    await stranger.goto("/");
    await expect(stranger.locator(`[data-slug="${BENCHMARK}"]`)).toHaveCount(0);
    expect((await stranger.goto(`/benchmarks/${BENCHMARK}`))?.status()).toBe(404);
    expect((await request.get(`/api/benchmarks/${BENCHMARK}/leaderboard`)).status()).toBe(404);
    expect((await stranger.request.get(`/api/benchmarks/${BENCHMARK}/leaderboard?format=csv`)).status()).toBe(404);

    await guest.goto("/");
    await expect(guest.locator(`[data-slug="${BENCHMARK}"]`)).toBeVisible();
    await guest.locator(`[data-slug="${BENCHMARK}"]`).getByRole("link").first().click();
    await expect(guest.getByTestId("benchmark-title")).toBeVisible();
    await expect(guest.getByTestId("submit-link")).toBeVisible();
  } finally {
    await admin.goto(`/organize/${BENCHMARK}`);
    if ((await section.getByTestId("visibility-toggle").textContent())?.includes("Make public")) {
      await section.getByTestId("visibility-toggle").click();
    }
    await expect(section.getByTestId("visibility")).toContainText("Public");
  }
  expect((await request.get(`/api/benchmarks/${BENCHMARK}/leaderboard`)).status()).toBe(200);
});
