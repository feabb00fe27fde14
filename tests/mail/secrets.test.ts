import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, SecretError } from "@/server/crypto/secrets";

describe("secrets at rest", () => {
  it("round-trips, including non-ASCII and empty values", () => {
    for (const plain of ["s3cret!", "pässwörd – ✓", ""]) expect(decryptSecret(encryptSecret(plain))).toBe(plain);
  });

  it("stores a versioned value that does not contain the secret", () => {
    const stored = encryptSecret("hunter2-hunter2");
    expect(stored).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]*$/);
    expect(stored).not.toContain("hunter2");
  });

  it("uses a fresh IV every time, so equal secrets do not look equal", () => {
    const a = encryptSecret("same");
    const b = encryptSecret("same");
    expect(a).not.toBe(b);
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
  });

  it("refuses a tampered ciphertext, IV or tag", () => {
    const [version, iv, tag, data] = encryptSecret("do not touch").split(":");
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] ^= 1;
      return bytes.toString("base64url");
    };
    expect(() => decryptSecret([version, iv, tag, flip(data)].join(":"))).toThrow(SecretError);
    expect(() => decryptSecret([version, flip(iv), tag, data].join(":"))).toThrow(SecretError);
    expect(() => decryptSecret([version, iv, flip(tag), data].join(":"))).toThrow(SecretError);
    // a truncated tag must not be accepted as a weaker check
    expect(() => decryptSecret([version, iv, Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url"), data].join(":"))).toThrow(SecretError);
  });

  it("refuses values in an unknown format", () => {
    expect(() => decryptSecret("plain text password")).toThrow(/format/);
    expect(() => decryptSecret(encryptSecret("x").replace(/^v1/, "v9"))).toThrow(/format/);
  });
});
