import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardBodySize, REQUEST_BODY_LIMIT_BYTES } from "./body-limit";

let server: Server;
let url: string;
const handled: number[] = [];

beforeAll(async () => {
  // as scripts/server.ts: the guard first, then the application (here a stub that reads the body)
  server = createServer((req, res) => {
    if (!guardBodySize(req, res)) return;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const size = Buffer.concat(chunks).length;
      handled.push(size);
      res.end(`read ${size} bytes`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function chunked(bytes: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "Transfer-Encoding": "chunked", ...headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (part: string) => (body += part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    // the server closes the connection once it has answered: stop writing then
    req.on("response", () => (sent = bytes));
    write();
  });
}

describe("the request body limit", () => {
  it("answers a 5 MB body with 413 and a plain sentence, without reaching the application", async () => {
    handled.length = 0;
    const res = await fetch(url, { method: "POST", body: Buffer.alloc(5 * 1024 * 1024, "a") });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe("The request is too large.\n");
    expect(handled).toEqual([]);
  });

  it("speaks the viewer's language: the locale cookie first, else Accept-Language", async () => {
    const big = () => Buffer.alloc(REQUEST_BODY_LIMIT_BYTES + 1, "a");
    const german = await fetch(url, {
      method: "POST",
      body: big(),
      headers: { "Accept-Language": "de-DE,de;q=0.9,en;q=0.8" },
    });
    expect(await german.text()).toBe("Die Anfrage ist zu groß.\n");
    const chosen = await fetch(url, {
      method: "POST",
      body: big(),
      headers: { Cookie: "tz=Europe/Berlin; locale=en", "Accept-Language": "de" },
    });
    expect(await chosen.text()).toBe("The request is too large.\n");
  });

  it("lets a body within the limit through to the application", async () => {
    handled.length = 0;
    const res = await fetch(url, { method: "POST", body: "x".repeat(REQUEST_BODY_LIMIT_BYTES) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`read ${REQUEST_BODY_LIMIT_BYTES} bytes`);
    expect(await chunked(2 * 64 * 1024)).toEqual({ status: 200, body: `read ${2 * 64 * 1024} bytes` });
  });

  it("counts a body sent without a length and answers 413 once it is over the limit", async () => {
    handled.length = 0;
    const res = await chunked(5 * 1024 * 1024, { Cookie: "locale=de" });
    expect(res).toEqual({ status: 413, body: "Die Anfrage ist zu groß.\n" });
    expect(handled).toEqual([]);
  });
});
