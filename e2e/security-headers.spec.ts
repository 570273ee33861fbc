import type { Page } from "@playwright/test";
import { ADMIN } from "./global-setup";
import { expect, signIn, test } from "../testing/e2e/fixtures";

const BENCHMARK = "glyphs-5way-1shot";

/**
 * Collects CSP violations the page reports, from before its first script runs: the securitypolicyviolation events,
 * and Chromium's console lines about them ("Refused to …", "… Content Security Policy …"), whatever their level.
 */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|^Refused to /i.test(message.text()))
      violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

test("every page passes its CSP and carries the security headers; scripts still run", async ({ page }) => {
  test.setTimeout(300_000); // some thirty pages, each until its network is idle
  const violations = await watchCsp(page);
  // Every page a visitor reaches signed out, with and without the query its links carry.
  const anonymousPages = [
    "/signin",
    "/signin?error=CredentialsSignin&callbackUrl=%2Fsettings",
    "/signup",
    "/forgot-password",
    "/reset-password",
    "/reset-password?token=not-a-real-token",
    "/verify-email",
    "/verify-email?token=not-a-real-token",
  ];
  for (const url of anonymousPages) {
    const response = await page.goto(url);
    expect(response!.headers()["content-security-policy"], url).toMatch(/script-src 'self' 'nonce-/);
    await page.waitForLoadState("networkidle");
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
    `/benchmarks/${BENCHMARK}?partition=private`,
    `/benchmarks/${BENCHMARK}/reveal`,
    "/docs/open-data",
    "/organize",
    `/organize/${BENCHMARK}`,
    "/organize/new",
    "/organize/new/spec",
    `/organize/new/spec?edit=${BENCHMARK}`,
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
  // Control: what the CSP must refuse is refused, and the watcher sees it (so an empty list means something): an
  // image from another origin, and an inline event handler, as injected markup would carry (a script element made by
  // a running script is allowed by 'strict-dynamic': the nonce guards what the parser meets, not what code builds).
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "https://csp-control.invalid/pixel.png";
    const button = document.createElement("button");
    button.setAttribute("onclick", "document.body.dataset.cspControl = 'ran'");
    document.body.append(image, button);
    button.click();
  });
  await expect.poll(() => violations.join("\n")).toMatch(/img-src[\s\S]*script-src|script-src[\s\S]*img-src/);
  expect(await page.evaluate(() => document.body.dataset.cspControl ?? "refused")).toBe("refused");
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
