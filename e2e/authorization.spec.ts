import { ADMIN } from "./global-setup";
import { bundlePath, expect, newAccount, signIn, signUp, test, uploadThroughForm } from "../testing/e2e/fixtures";

test("an anonymous visitor is sent to sign in from the submit page, and the upload API answers 401", async ({
  page,
}) => {
  await page.goto("/submit");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByTestId("signin-form")).toBeVisible();
  const response = await page.request.post("/api/submissions", {
    multipart: {
      benchmark: "glyphs-5way-1shot",
      bundle: { name: "b.tar.gz", mimeType: "application/gzip", buffer: Buffer.from("x") },
    },
  });
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe("unauthenticated");
});

test("a participant sees the organizer pages refused, an admin sees them", async ({ browser }) => {
  const participant = await browser.newPage();
  await signUp(participant, newAccount("participant"));
  await participant.goto("/organize");
  await expect(participant.getByTestId("forbidden")).toBeVisible();
  await expect(participant.getByTestId("organize-edit")).toHaveCount(0);
  const api = await participant.request.patch(
    "/api/benchmarks/glyphs-5way-1shot/phases/00000000-0000-4000-8000-000000000000",
    { data: {} },
  );
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("forbidden");

  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/organize");
  await expect(admin.getByTestId("organize-edit").first()).toBeVisible();
});

test("the private partition is sealed before its reveal, in the page and in the API", async ({ page }) => {
  await page.goto("/benchmarks/glyphs-5way-1shot?partition=private");
  await expect(page.getByTestId("private-sealed")).toBeVisible();
  const response = await page.request.get("/api/benchmarks/glyphs-5way-1shot/leaderboard?partition=private");
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("private_not_revealed");
});

test("another user sees a submission without its owner's log", async ({ browser }) => {
  const owner = await browser.newPage();
  await signUp(owner, newAccount("owner"));
  const id = await uploadThroughForm(owner, {
    benchmark: "glyphs-5way-5shot",
    file: bundlePath("random.tar.gz"),
    name: "owner's run",
  });
  await expect(owner.getByTestId("submission-log")).toBeVisible();

  const other = await browser.newPage();
  await signUp(other, newAccount("other"));
  await other.goto(`/submissions/${id}`);
  await expect(other.getByTestId("submission-name")).toHaveText("owner's run");
  await expect(other.getByTestId("submission-log")).toHaveCount(0);
  const api = await other.request.get(`/api/submissions/${id}`);
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body.log).toBeUndefined();
  expect(body.isOwner).toBe(false);
});
