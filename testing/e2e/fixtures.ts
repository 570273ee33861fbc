import crypto from "node:crypto";
import path, { join } from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { listOutbox } from "../../lib/mail/outbox";

/** Tests against the platform global-setup started: its URL is the base URL. */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern: none
  baseURL: async ({}, use) => {
    const url = process.env.HELDOUT_E2E_URL;
    if (!url)
      throw new Error(
        "HELDOUT_E2E_URL is not set: run the browser tests with `npx playwright test` (global setup starts the platform).",
      );
    await use(url);
  },
});
export { expect };

export function bundlePath(name: string): string {
  return path.join(process.env.HELDOUT_E2E_BUNDLES!, name);
}

export type Account = { email: string; password: string; name: string };

export function newAccount(label: string): Account {
  const id = crypto.randomBytes(4).toString("hex");
  return { email: `${label}-${id}@e2e.example.org`, password: `pw-${id}-long-enough`, name: `${label}-${id}` };
}

/** The newest link to `path` in the mail the site wrote to its outbox for `email` (the e2e platform has no SMTP). */
export async function mailedLink(email: string, path: string): Promise<string> {
  const outbox = join(process.env.HELDOUT_E2E_HOME!, "outbox");
  await expect
    .poll(() => listOutbox(outbox).filter((m) => m.to === email && m.text.includes(path)).length)
    .toBeGreaterThan(0);
  const message = listOutbox(outbox)
    .filter((m) => m.to === email && m.text.includes(path))
    .at(-1)!;
  return new RegExp(`https?://\\S+${path.replace(/[?]/g, "\\?")}\\S*`).exec(message.text)![0];
}

/** Follows the verification link mailed to the account and confirms it. */
export async function verifyEmail(page: Page, account: Pick<Account, "email">): Promise<void> {
  await page.goto(await mailedLink(account.email, "/verify-email?token="));
  await expect(page.getByTestId("verify-email-submit")).toBeEnabled();
  await page.getByTestId("verify-email-submit").click();
  await expect(page.getByTestId("verify-email-done")).toBeVisible();
}

/** Signs up through the sign-up form (the site signs the new account in), then confirms the address by its link. */
export async function signUp(page: Page, account: Account): Promise<void> {
  await signUpUnverified(page, account);
  await verifyEmail(page, account);
}

/** Signs up through the sign-up form; the site signs the new account in and goes home, the address unconfirmed. */
export async function signUpUnverified(page: Page, account: Account): Promise<void> {
  await page.goto("/signup");
  const form = page.getByTestId("signup-form");
  await form.getByTestId("signup-name").fill(account.name);
  await form.getByTestId("signup-email").fill(account.email);
  await form.getByTestId("signup-password").fill(account.password);
  await expect(form.getByTestId("signup-submit")).toBeEnabled();
  await form.getByTestId("signup-submit").click();
  await expect(page.getByTestId("nav-user")).toBeVisible();
}

export async function signIn(page: Page, account: Pick<Account, "email" | "password">): Promise<void> {
  await page.goto("/signin");
  const form = page.getByTestId("signin-form");
  await form.getByTestId("signin-email").fill(account.email);
  await form.getByTestId("signin-password").fill(account.password);
  await expect(form.getByTestId("signin-submit")).toBeEnabled();
  await form.getByTestId("signin-submit").click();
  await expect(page.getByTestId("nav-user")).toBeVisible();
}

/** Uploads a bundle through the web form; returns the new submission's id from the page it lands on. */
export async function uploadThroughForm(
  page: Page,
  options: { benchmark: string; file: string; name: string },
): Promise<string> {
  await page.goto(`/submit?benchmark=${options.benchmark}`);
  const form = page.getByTestId("upload-form");
  await form.getByTestId("upload-name").fill(options.name);
  await form.getByTestId("upload-file").setInputFiles(options.file);
  await expect(form.getByTestId("upload-submit")).toBeEnabled();
  await form.getByTestId("upload-submit").click();
  await page.waitForURL(/\/submissions\/[^/]+$/);
  await expect(page.getByTestId("submission-name")).toHaveText(options.name);
  return page.url().split("/").pop()!;
}
