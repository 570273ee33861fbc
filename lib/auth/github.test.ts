import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseGitHubEmail } from "./github";

test("the verified primary address wins; else the first verified; else the primary, unverified", () => {
  const primary = { email: "Primary@Example.org", primary: true, verified: true };
  const other = { email: "other@example.org", primary: false, verified: true };
  assert.deepEqual(chooseGitHubEmail([other, primary], null), { email: "primary@example.org", verified: true });
  assert.deepEqual(chooseGitHubEmail([{ ...primary, verified: false }, other], null), {
    email: "other@example.org",
    verified: true,
  });
  assert.deepEqual(
    chooseGitHubEmail(
      [
        { ...other, verified: false },
        { ...primary, verified: false },
      ],
      null,
    ),
    { email: "primary@example.org", verified: false },
  );
});

test("a public address is never verified on its own, and an answer that is not GitHub's list is no list", () => {
  for (const answer of [
    undefined,
    null,
    "x",
    { message: "Bad credentials" },
    [{ email: "a@example.org", primary: "yes", verified: "true" }],
    [{ email: "not an email", primary: true, verified: true }],
  ]) {
    assert.deepEqual(
      chooseGitHubEmail(answer, "Public@Example.org"),
      { email: "public@example.org", verified: false },
      JSON.stringify(answer),
    );
    assert.equal(chooseGitHubEmail(answer, null), undefined);
  }
  assert.equal(chooseGitHubEmail([], undefined), undefined);
});
