import { bundlePath, expect, newAccount, signUp, test } from "../testing/e2e/fixtures";

test("an invalid bundle is refused in the form with the validator's message, and nothing is created", async ({
  page,
}) => {
  await signUp(page, newAccount("refused"));
  await page.goto("/submit?benchmark=glyphs-5way-1shot");
  const form = page.getByTestId("upload-form");
  await form.getByTestId("upload-file").setInputFiles(bundlePath("bad-kind.tar.gz"));
  await form.getByTestId("upload-submit").click();
  await expect(form.getByTestId("upload-error")).toHaveText(
    /^heldout\.json: kind: expected 'embedding' \| .*'learner', got 'policy'$/,
  );
  expect(new URL(page.url()).pathname).toBe("/submit");
  await page.goto("/submissions");
  await expect(page.locator('a[href^="/submissions/"]')).toHaveCount(0);
});

test("a file that is not an archive is refused by its content", async ({ page }) => {
  await signUp(page, newAccount("notarchive"));
  await page.goto("/submit?benchmark=glyphs-5way-1shot");
  const form = page.getByTestId("upload-form");
  await form
    .getByTestId("upload-file")
    .setInputFiles({ name: "bundle.tar.gz", mimeType: "application/gzip", buffer: Buffer.from("just text, not gzip") });
  await form.getByTestId("upload-submit").click();
  await expect(form.getByTestId("upload-error")).toHaveText(
    "Bundle is not a .tar.gz or .zip archive (checked by its content, not its name).",
  );
});
