import { expect, test } from "./support/fixtures";

// A body over the limit (1 MiB, src/lib/body-limit.ts) never reaches Next.js: the running
// application answers 413 with one plain sentence in the viewer's language, not a 500.

test("a 5 MB server-action body is refused with 413 and a plain sentence", async ({ request }) => {
  const body = Buffer.alloc(5 * 1024 * 1024, "a");
  // several times: the client is still sending when the answer comes, and must get to read it
  for (let i = 0; i < 3; i++) {
    const english = await request.post("/sign-in", {
      data: body,
      headers: { "Next-Action": "0".repeat(40), "Content-Type": "text/plain;charset=UTF-8" },
    });
    expect(english.status()).toBe(413);
    expect(await english.text()).toBe("The request is too large.\n");
    // the browser security headers of every other answer
    expect(english.headers()).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    });

    const german = await request.post("/console", {
      data: body,
      headers: { "Accept-Language": "de-DE", "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(german.status()).toBe(413);
    expect(await german.text()).toBe("Die Anfrage ist zu groß.\n");
  }

  // the application still answers normally afterwards
  expect((await request.get("/sign-in")).status()).toBe(200);
});
