import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

// The browser security headers (src/lib/security-headers.ts) on every kind of response, what
// Chromium does with them, and that the application itself never trips its own policy.

const NONCE = /'nonce-([A-Za-z0-9+/]+={0,2})'/;

/** Asserts every security header on one response; returns the CSP's nonce. */
function expectSecurityHeaders(what: string, headers: Record<string, string>): string {
  expect.soft(headers["x-frame-options"], what).toBe("DENY");
  expect.soft(headers["x-content-type-options"], what).toBe("nosniff");
  expect.soft(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect.soft(headers["cross-origin-opener-policy"], what).toBe("same-origin");
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
    expect.soft(headers["permissions-policy"], what).toContain(`${feature}=()`);
  }
  // the tests' public URL is http: no HSTS (the unit tests cover https)
  expect.soft(headers["strict-transport-security"], what).toBeUndefined();

  const csp = headers["content-security-policy"] ?? "";
  expect.soft(csp, what).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  expect.soft(csp, what).not.toContain("unsafe-eval");
  for (const directive of [
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
  ]) {
    expect.soft(csp, what).toContain(directive);
  }
  const nonce = NONCE.exec(csp)?.[1];
  expect(nonce, `${what}: a nonce in the CSP`).toBeTruthy();
  return nonce ?? "";
}

/** Every script element of the page carries this response's nonce (Next.js put it there). */
async function expectScriptsCarry(page: Page, nonce: string) {
  const nonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
}

test("pages, API routes, redirects, 404s and static files carry the security headers", async ({
  page,
  request,
  loginAs,
  world,
}) => {
  for (const path of ["/sign-in", "/api/auth/csrf", "/no-such-page"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(path === "/no-such-page" ? 404 : 200);
    expectSecurityHeaders(path, response.headers());
  }
  const redirect = await request.get("/console", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()["location"]).toBe("/sign-in?callbackUrl=%2Fconsole");
  expectSecurityHeaders("redirect to sign-in", redirect.headers());

  // a fresh nonce every time
  const first = expectSecurityHeaders("first", (await request.get("/sign-in")).headers());
  const second = expectSecurityHeaders("second", (await request.get("/sign-in")).headers());
  expect(first).not.toBe(second);

  const signIn = await page.goto("/sign-in");
  await expectScriptsCarry(page, expectSecurityHeaders("/sign-in in the browser", signIn!.headers()));
  const asset = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  const staticHeaders = (await request.get(asset!)).headers();
  expect(staticHeaders["x-content-type-options"]).toBe("nosniff");
  expect(staticHeaders["x-frame-options"]).toBe("DENY");
  // the icon a browser asks for by itself, without a link in any page: a file, not a 404 page
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/x-icon");
  expect(icon.headers()["x-content-type-options"]).toBe("nosniff");

  await loginAs(world.admin);
  const consoleHome = await page.goto("/console");
  await expectScriptsCarry(page, expectSecurityHeaders("/console", consoleHome!.headers()));
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await loginAs(world.owner);
  const shopPath = `/shop/${world.alpine.id}`;
  const shop = await page.goto(shopPath);
  await expect(page.getByTestId("shop-title")).toHaveText(world.alpine.name);
  await expectScriptsCarry(page, expectSecurityHeaders(shopPath, shop!.headers()));
});

test("another site cannot show the application in a frame", async ({ browser, baseURL }) => {
  const framer: Server = createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end(`<!doctype html><title>framer</title><iframe src="${baseURL}/sign-in" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
  // its own browser: Chromium reports the refusal as a console error, which is the point here
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const messages: string[] = [];
    page.on("console", (message) => messages.push(message.text()));
    const frameResponse = page.waitForResponse((response) => response.url() === `${baseURL}/sign-in`);
    await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    expect((await frameResponse).status()).toBe(200);

    await expect.poll(() => messages.some((m) => /frame-ancestors 'none'|X-Frame-Options/.test(m))).toBe(true);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(frame!.url()).not.toBe(`${baseURL}/sign-in`);
    await expect(page.frameLocator("iframe").getByLabel("Email address")).toHaveCount(0);
  } finally {
    await context.close();
    await new Promise((resolve) => framer.close(resolve));
  }
});

test.describe("no page breaks its own Content Security Policy", () => {
  const violations: string[] = [];
  // a dozen pages, each until its network is quiet (lazy chunks included)
  test.describe.configure({ timeout: 120_000 });

  test.beforeEach(async ({ page }) => {
    violations.length = 0;
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const seen = ((window as unknown as { __csp?: string[] }).__csp ??= []);
        seen.push(
          `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
    });
  });

  async function visit(page: Page, paths: string[]) {
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await page.waitForLoadState("networkidle");
      const seen = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
      violations.push(...seen.map((v) => `${path}: ${v}`));
    }
    expect(violations).toEqual([]);
  }

  test("signed out: sign-in, language switcher, forgotten password", async ({ page, context }) => {
    await visit(page, ["/sign-in", "/forgot-password"]);
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Deutsch" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    // the time zone cookie is written by a script, which the CSP lets run
    await expect
      .poll(async () => (await context.cookies()).find((c) => c.name === "tz")?.value)
      .toBe("Europe%2FBerlin");
    expect(violations).toEqual([]);
  });

  test("administrator: the console", async ({ page, loginAs, world }) => {
    await loginAs(world.admin);
    await visit(page, [
      "/console",
      "/console/client-services",
      "/console/organizations",
      `/console/organizations/${world.alpine.id}`,
      "/console/service-access",
      "/console/support-hub/remote-support",
      "/console/settings",
      "/console/settings/audit",
      "/console/settings/companies",
      "/console/settings/operators",
      "/console/settings/outbox",
      "/account",
    ]);
    // client-side navigation (RSC requests) too
    await page.goto("/console");
    await page.getByRole("navigation").getByRole("link", { name: "Client Services" }).click();
    await expect(page).toHaveURL(/\/console\/client-services$/);
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(violations).toEqual([]);
  });

  test("shop owner: the back office", async ({ page, loginAs, world }) => {
    await loginAs(world.owner);
    const shop = `/shop/${world.alpine.id}`;
    await visit(page, [
      shop,
      `${shop}/services`,
      `${shop}/organization/members`,
      `${shop}/organization/remote-support`,
      `${shop}/settings/general/status`,
      `${shop}/support-activity`,
      "/account",
    ]);
  });
});
