import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replaceServerErrors, RETRY_AFTER_SECONDS, type FailureKind } from "./plain-response";

const INTERNAL = "Invalid `prisma.signInThrottle.findMany()` invocation: Can't reach database server";

// what the handler behind the guard does, per path: as Next.js does, headers first, then the body
const handlers: Record<string, (res: ServerResponse) => void> = {
  "/fails": (res) => {
    res.statusCode = 500;
    res.setHeader("Content-Type", "text/html");
    res.setHeader("X-Internal", "digest-123");
    res.write(`<p>${INTERNAL}</p>`);
    res.end("<p>stack</p>");
  },
  "/fails-with-writeHead": (res) => {
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end(INTERNAL);
  },
  "/works": (res) => {
    res.setHeader("Content-Type", "text/plain");
    res.write("all ");
    res.end("fine");
  },
  "/not-found": (res) => {
    res.writeHead(404);
    res.end("no such page");
  },
};

let server: Server;
let url: string;
let kind: FailureKind = "unavailable";
let classified = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    replaceServerErrors(req, res, async () => {
      classified++;
      return kind;
    });
    handlers[req.url ?? "/"]!(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("a request that failed on the server", () => {
  it("answers 503 with Retry-After and the plain page in the viewer's language while the database is away", async () => {
    kind = "unavailable";
    for (const path of ["/fails", "/fails-with-writeHead"]) {
      const res = await fetch(url + path, { headers: { "Accept-Language": "de-DE,de;q=0.9" } });
      const body = await res.text();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("x-internal")).toBeNull();
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(body).toContain('<html lang="de">');
      expect(body).toContain("Der Dienst ist vorübergehend nicht verfügbar.");
      expect(body).not.toMatch(/prisma|database|stack/i);
    }
  });

  it("answers 500 with the plain error page when the database answers, in the chosen language", async () => {
    kind = "error";
    const res = await fetch(`${url}/fails`, { headers: { Cookie: "tz=UTC; locale=en", "Accept-Language": "de" } });
    const body = await res.text();
    expect(res.status).toBe(500);
    expect(res.headers.get("retry-after")).toBeNull();
    expect(body).toContain("Something went wrong. Please try again.");
    expect(body).not.toContain("prisma");
  });

  it("sends headers only for HEAD", async () => {
    kind = "unavailable";
    const res = await fetch(`${url}/fails`, { method: "HEAD" });
    expect(res.status).toBe(503);
    expect(await res.text()).toBe("");
  });
});

describe("every other answer", () => {
  it("passes untouched, without asking the database", async () => {
    const before = classified;
    const ok = await fetch(`${url}/works`);
    expect([ok.status, await ok.text()]).toEqual([200, "all fine"]);
    const missing = await fetch(`${url}/not-found`);
    expect([missing.status, await missing.text()]).toEqual([404, "no such page"]);
    expect(classified).toBe(before);
  });
});
