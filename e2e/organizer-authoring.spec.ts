import crypto from "node:crypto";
import { ADMIN } from "./global-setup";
import { expect, newAccount, signIn, signUp, test } from "../testing/e2e/fixtures";

test("an organizer writes a spec with a mistake, sees the pointed error, fixes it, previews, publishes, the benchmark is listed, and an edit is version 2", async ({
  page,
}) => {
  const slug = `authored-${crypto.randomBytes(3).toString("hex")}`;
  const title = `Authored glyphs ${slug}`;
  await signIn(page, ADMIN);
  await page.goto("/organize/new");
  await page.getByTestId("write-spec").click();
  await expect(page).toHaveURL(/\/organize\/new\/spec$/);

  // The form writes the YAML; small partitions keep the baselines' runs short.
  const form = page.getByTestId("spec-form");
  await form.locator("summary").click();
  await form.getByTestId("form-slug").fill(slug);
  await form.getByTestId("form-title").fill(title);
  await form.getByTestId("form-publicEpisodes").fill("4");
  await form.getByTestId("form-privateEpisodes").fill("4");
  await form.getByTestId("form-queries").fill("5");
  await form.getByTestId("form-write").click();
  const editor = page.getByTestId("spec-yaml");
  const written = await editor.inputValue();
  expect(written).toContain(`slug: ${slug}`);

  // The mistake: a 1-way episode.
  const wrong = written.replace("ways: 5", "ways: 1");
  const line = wrong.split("\n").findIndex((l) => l === "ways: 1") + 1;
  expect(line).toBeGreaterThan(0);
  await editor.fill(wrong);
  await page.getByTestId("spec-validate").click();
  const issue = page.getByTestId("spec-issue");
  await expect(issue).toHaveCount(1);
  await expect(issue).toContainText(`benchmark.yaml:${line}:`);
  await expect(issue).toContainText("ways: Too small: expected number to be >=2");
  await expect(page.getByTestId("spec-publish")).toBeDisabled();

  // Clicking the problem selects the offending line in the editor.
  await issue.click();
  const selected = await editor.evaluate((el: HTMLTextAreaElement) =>
    el.value.slice(el.selectionStart, el.selectionEnd),
  );
  expect(selected).toBe("ways: 1");

  await editor.fill(wrong.replace("ways: 1", "ways: 5"));
  await page.getByTestId("spec-validate").click();
  const preview = page.getByTestId("spec-preview");
  await expect(preview).toBeVisible();
  await expect(page.getByTestId("spec-issues")).toHaveCount(0);
  await expect(page.getByTestId("spec-leakage")).toContainText("Leakage check passed");
  const images = page.getByTestId("preview-episode");
  await expect(images).toHaveCount(2);
  for (const image of await images.all()) {
    await expect(image).toBeVisible();
    // Loaded as a real PNG: one row per class (5 rows of 56-pixel glyphs).
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(5 * 58 + 2);
  }

  await page.getByTestId("spec-publish").click();
  await expect(page.getByTestId("spec-published")).toContainText("Published version 1");

  await page.goto("/");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/benchmarks/${slug}$`));

  // Editing: the page opens with the published YAML; a changed protocol is version 2.
  await page.goto(`/organize/${slug}`);
  await page.getByTestId("edit-spec").click();
  await expect(editor).toHaveValue(wrong.replace("ways: 1", "ways: 5"));
  await editor.fill(wrong.replace("ways: 1", "ways: 4"));
  await page.getByTestId("spec-validate").click();
  await expect(page.getByTestId("spec-preview")).toContainText("Publishing a changed protocol creates version 2.");
  await page.getByTestId("spec-publish").click();
  await expect(page.getByTestId("spec-published")).toContainText("Published version 2");
});

test("authoring is refused to anonymous callers (401) and participants (403), in the API and on the page", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const participant = await browser.newPage();
  await signUp(participant, newAccount("not-author"));
  const yaml = "slug: refused-spec\ntitle: Refused\ntrack: fewshot\n";
  const actions = [
    { method: "POST", url: "/api/organize/authoring/validate", data: { yaml } },
    { method: "POST", url: "/api/organize/authoring/publish", data: { yaml } },
    { method: "GET", url: "/api/organize/authoring/preview?spec=e30&episode=0" },
  ];
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const action of actions) {
    expect(
      (await anonymous.fetch(action.url, { method: action.method, data: action.data })).status(),
      `${action.url} anonymous`,
    ).toBe(401);
    const refused = await participant.request.fetch(action.url, { method: action.method, data: action.data });
    expect(refused.status(), `${action.url} participant`).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
  }
  await anonymous.dispose();
  await participant.goto("/organize/new/spec");
  await expect(participant.getByTestId("forbidden")).toBeVisible();
  const visitor = await browser.newPage();
  await visitor.goto("/organize/new/spec");
  await expect(visitor).toHaveURL(/\/signin/);
});
