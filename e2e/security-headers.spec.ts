import type { Page } from "@playwright/test";
import { ADMIN } from "./global-setup";
import { expect, signIn, test } from "../testing/e2e/fixtures";

const BENCHMARK = "glyphs-5way-1shot";

/** Collects CSP violations the page reports, as events and as console errors, from before its first script runs. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

test("every page passes its CSP and carries the security headers; scripts still run", async ({ page }) => {
  const violations = await watchCsp(page);
  const anonymousPages = ["/signin", "/signup"];
  for (const url of anonymousPages) {
    const response = await page.goto(url);
    expect(response!.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  }
  // Hydration proves the nonce'd scripts ran: the form's button is enabled only once React is live.
  await page.goto("/signin");
  await expect(page.getByTestId("signin-submit")).toBeEnabled();
  await signIn(page, ADMIN);

  const leaderboard = await (await page.request.get(`/api/benchmarks/${BENCHMARK}/leaderboard`)).json();
  const submissionId: string | undefined = leaderboard.rows?.[0]?.submissionId;
  expect(submissionId, "the seeded baselines give the leaderboard a row").toBeTruthy();
  const pages = [
    "/",
    `/benchmarks/${BENCHMARK}`,
    `/benchmarks/${BENCHMARK}/about`,
    `/benchmarks/${BENCHMARK}/compare`,
    `/benchmarks/${BENCHMARK}/reveal`,
    "/docs/open-data",
    "/organize",
    `/organize/${BENCHMARK}`,
    "/organize/new",
    "/organize/new/spec",
    "/settings",
    "/submissions",
    `/submissions/${submissionId}`,
    "/submit",
    "/teams",
    "/no-such-page",
  ];
  for (const url of pages) {
    const response = await page.goto(url);
    const headers = response!.headers();
    expect(headers["content-security-policy"], url).toMatch(/frame-ancestors 'none'/);
    expect(headers["x-frame-options"], url).toBe("DENY");
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], url).toContain("camera=()");
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});

test("API responses carry the headers too, and no HSTS over plain http", async ({ request }) => {
  for (const url of ["/api/health", `/api/benchmarks/${BENCHMARK}/leaderboard`, "/api/submissions/none"]) {
    const headers = (await request.get(url)).headers();
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["content-security-policy"], url).toContain("default-src 'self'");
    expect(headers["x-frame-options"], url).toBe("DENY");
    expect(headers["strict-transport-security"], url).toBeUndefined();
  }
});
