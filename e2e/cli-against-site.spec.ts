import path from "node:path";
import { expect, newAccount, test } from "../testing/e2e/fixtures";
import { root, runHeldout } from "../testing/e2e/platform";

/** The CLI, as its users run it, against the same running platform: operator commands use its HELDOUT_HOME. */
function heldout(args: string[], extra: Record<string, string | undefined> = {}) {
  const { DATABASE_URL: _external, HELDOUT_URL: _url, HELDOUT_TOKEN: _token, ...env } = process.env;
  return runHeldout(args, { ...env, HELDOUT_HOME: process.env.HELDOUT_E2E_HOME, ...extra });
}

test("an operator creates an account and a token; the CLI submits with it and the site shows the submission", async ({
  page,
  baseURL,
}) => {
  const account = newAccount("cli");
  const added = await heldout([
    "user",
    "add",
    "--email",
    account.email,
    "--password",
    account.password,
    "--name",
    account.name,
  ]);
  expect(added.code, added.stderr).toBe(0);
  const created = await heldout(["token", "create", "--email", account.email, "--name", "e2e"]);
  expect(created.code, created.stderr).toBe(0);
  const token = created.stdout.trim();

  const bundle = path.join(root, "benchmarks", "baselines", "random");
  const submitted = await heldout(["submit", bundle, "--benchmark", "glyphs-5way-1shot", "--name", "cli run"], {
    HELDOUT_URL: baseURL,
    HELDOUT_TOKEN: token,
  });
  expect(submitted.code, submitted.stderr).toBe(0);
  expect(submitted.stderr).toMatch(/Uploading \[#+\] 100%/);
  const id = submitted.stdout.trim();
  expect(submitted.stderr).toContain(`${baseURL}/submissions/${id}`);

  const status = await heldout(["status", id, "--url", baseURL!, "--token", token]);
  expect(status.code, status.stderr).toBe(0);
  expect(status.stdout).toMatch(/^cli run {2}\(learner, by /);
  expect(status.stdout).toMatch(/\nbenchmark {2}glyphs-5way-1shot\n/);

  await page.goto(`/submissions/${id}`);
  await expect(page.getByTestId("submission-name")).toHaveText("cli run");
});

test("the CLI prints the site's refusals (wrong token, unknown benchmark, sealed partition) and reads its leaderboard", async ({
  baseURL,
}) => {
  const bundle = path.join(root, "benchmarks", "baselines", "random");
  const wrongToken = await heldout([
    "submit",
    bundle,
    "--benchmark",
    "glyphs-5way-1shot",
    "--url",
    baseURL!,
    "--token",
    "hld_not_a_real_token",
  ]);
  expect(wrongToken.code).toBe(1);
  expect(wrongToken.stderr).toMatch(
    /\nThe API token is invalid or has been revoked\. Create a new one under Settings\.\n$/,
  );

  const account = newAccount("cli-refusals");
  await heldout(["user", "add", "--email", account.email, "--password", account.password]);
  const token = (await heldout(["token", "create", "--email", account.email])).stdout.trim();
  const unknown = await heldout([
    "submit",
    bundle,
    "--benchmark",
    "no-such-benchmark",
    "--url",
    baseURL!,
    "--token",
    token,
  ]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/\nNo benchmark named 'no-such-benchmark'\.\n$/);

  const sealed = await heldout(["leaderboard", "glyphs-5way-1shot", "--partition", "private", "--url", baseURL!]);
  expect(sealed.code).toBe(1);
  expect(sealed.stderr).toMatch(/^Private-partition scores of 'glyphs-5way-1shot' are hidden/);

  const table = await heldout(["leaderboard", "glyphs-5way-1shot", "--mode", "all", "--url", baseURL!]);
  expect(table.code, table.stderr).toBe(0);
  expect(table.stdout).toMatch(
    /^Synthetic Glyphs 5-way 1-shot \(glyphs-5way-1shot\), public partition, all entries\n\n(No scored entries yet\.|# {2})/,
  );

  const csv = await heldout(["leaderboard", "glyphs-5way-1shot", "--format", "csv", "--url", baseURL!]);
  expect(csv.code, csv.stderr).toBe(0);
  expect(csv.stdout).toMatch(/^rank,tier,entrant,submission_id,name,kind,baseline,submitted_at,partition,accuracy,/);
});
