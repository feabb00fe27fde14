import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { readSessionToken } from "@/server/auth/session-token";

const SECRET = "a-test-secret-of-enough-length-0123456789";
const claims = {
  sub: "1b0c3f52-6a39-4c2e-9d7e-0f4f0a8c2b11",
  role: "PARTNER" as const,
  sid: "5f1f8a8e-9c55-4f0e-8e0b-7f2d2f1e9a10",
};

// the cookie is written by next-auth (its `encode`); we read it without next-auth's session round
describe("reading next-auth's session cookie", () => {
  it("reads what next-auth wrote, with the same secret", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    expect(await readSessionToken(token, SECRET)).toMatchObject(claims);
    // again, from the key derived the first time
    expect(await readSessionToken(token, SECRET)).toMatchObject(claims);
  });

  it("refuses no token, another secret, a damaged token and an expired one", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    expect(await readSessionToken(undefined, SECRET)).toBeNull();
    expect(await readSessionToken("", SECRET)).toBeNull();
    expect(await readSessionToken(token, `${SECRET}-rotated`)).toBeNull();
    // and the old secret's key is not kept after a rotation
    expect(await readSessionToken(token, SECRET)).toMatchObject(claims);
    const parts = token.split(".");
    parts[3] = `${parts[3][0] === "A" ? "B" : "A"}${parts[3].slice(1)}`;
    expect(await readSessionToken(parts.join("."), SECRET)).toBeNull();
    expect(await readSessionToken("not.a.token", SECRET)).toBeNull();
    // next-auth allows 15 s of clock skew; a minute past expiry is past
    const expired = await encode({ token: claims, secret: SECRET, maxAge: -60 });
    expect(await readSessionToken(expired, SECRET)).toBeNull();
  });
});
