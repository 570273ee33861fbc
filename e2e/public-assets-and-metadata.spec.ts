import { expect, test } from "../testing/e2e/fixtures";

test("the site serves its icon, robots.txt and social preview, and pages carry their metadata", async ({
  page,
  request,
}) => {
  for (const [file, type] of [
    ["/favicon.ico", /image\//],
    ["/favicon.svg", /image\/svg/],
    ["/og.png", /image\/png/],
    ["/robots.txt", /text\/plain/],
  ] as const) {
    const response = await request.get(file);
    expect(response.status(), file).toBe(200);
    expect(response.headers()["content-type"], file).toMatch(type);
  }
  expect(await (await request.get("/robots.txt")).text()).toContain("Disallow: /settings");

  await page.goto("/");
  await expect(page).toHaveTitle("Heldout");
  const meta = (selector: string) => page.locator(selector).first().getAttribute("content");
  expect(await meta('meta[name="description"]')).toContain("held-out tasks");
  expect(await meta('meta[property="og:image"]')).toMatch(/^https?:\/\/[^/]+\/og\.png$/);
  expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
  await expect(page.locator('link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
});
