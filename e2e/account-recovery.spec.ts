import { expect, mailedLink, newAccount, signIn, signUpUnverified, test, verifyEmail } from "../testing/e2e/fixtures";

test("sign up, confirm the email, sign out, reset the password by mail, sign in with the new one", async ({ page }) => {
  const account = newAccount("recover");
  await signUpUnverified(page, account);
  await expect(page.getByTestId("verify-email-banner")).toBeVisible();
  await verifyEmail(page, account);
  await page.goto("/");
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);

  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("nav-signin")).toBeVisible();

  await page.goto("/signin");
  await page.getByTestId("forgot-password").click();
  await page.getByTestId("forgot-password-email").fill(account.email);
  await page.getByTestId("forgot-password-form-submit").click();
  await expect(page.getByTestId("forgot-password-form-done")).toContainText("Check your email");

  await page.goto(await mailedLink(account.email, "/reset-password?token="));
  const password = `${account.password}-renewed`;
  await page.getByTestId("reset-password-new").fill(password);
  await page.getByTestId("reset-password-form-submit").click();
  await expect(page.getByTestId("reset-password-form-done")).toContainText("password is changed");

  await page.goto("/signin");
  await page.getByTestId("signin-email").fill(account.email);
  await page.getByTestId("signin-password").fill(account.password);
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("signin-error")).toHaveText("Wrong email or password.");
  await signIn(page, { email: account.email, password });
});

test("a signed-out session cookie no longer works for the API, next-auth's session or any page", async ({ page }) => {
  const account = newAccount("signout");
  await signUpUnverified(page, account);
  const cookies = await page.context().cookies();
  expect((await page.request.get("/api/tokens")).status()).toBe(200);
  expect((await (await page.request.get("/api/auth/session")).json()).user?.email).toBe(account.email);
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("nav-signin")).toBeVisible();
  await page.context().addCookies(cookies);
  const replayed = await page.request.get("/api/tokens");
  expect(replayed.status()).toBe(401);
  await page.context().addCookies(cookies);
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
  await page.context().addCookies(cookies);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings/);
  await page.context().addCookies(cookies);
  await page.goto("/");
  await expect(page.getByTestId("nav-signin")).toBeVisible();
});

test("sign-in ignores a callbackUrl that would leave the site", async ({ page, baseURL }) => {
  const account = newAccount("redirect");
  await signUpUnverified(page, account);
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("nav-signin")).toBeVisible();
  for (const trick of ["/%5Cevil.example/phish", "/%09/evil.example", "//evil.example", "https://evil.example/"]) {
    await page.goto(`/signin?callbackUrl=${trick}`);
    await page.getByTestId("signin-email").fill(account.email);
    await page.getByTestId("signin-password").fill(account.password);
    await page.getByTestId("signin-submit").click();
    await expect(page.getByTestId("nav-user")).toBeVisible();
    expect(new URL(page.url()).origin, trick).toBe(new URL(baseURL!).origin);
    expect(page.url()).not.toContain("evil.example");
    await page.getByTestId("sign-out").click();
    await expect(page.getByTestId("nav-signin")).toBeVisible();
  }
});
