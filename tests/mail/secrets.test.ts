import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  isCurrentSecret,
  SecretError,
  secretContext,
  secretKey,
} from "@/server/crypto/secrets";
import { resetEnvForTests } from "@/server/env";

const ROW = secretContext.serviceSmtp("5d0c0c1e-0000-4000-8000-000000000001");
const OTHER_ROW = secretContext.serviceSmtp("5d0c0c1e-0000-4000-8000-000000000002");

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

function useKeys(current: string, previous: string[] = []) {
  vi.stubEnv("SECRETS_KEY", current);
  vi.stubEnv("SECRETS_KEY_PREVIOUS", previous.join(","));
  resetEnvForTests();
}

/** A value as the first version wrote it: sha256 of the configured key, no associated data. */
function encryptV1(plain: string, rawKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update(rawKey, "utf8").digest(), iv, {
    authTagLength: 16,
  });
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

describe("secrets at rest", () => {
  it("round-trips, including non-ASCII and empty values", () => {
    for (const plain of ["s3cret!", "pässwörd – ✓", ""])
      expect(decryptSecret(encryptSecret(plain, ROW), ROW)).toBe(plain);
  });

  it("stores a versioned value, named by its key's id, that does not contain the secret", () => {
    const stored = encryptSecret("hunter2-hunter2", ROW);
    expect(stored).toMatch(/^v2:[0-9a-f]{8}:[\w-]+:[\w-]+:[\w-]*$/);
    expect(stored.split(":")[1]).toBe(
      createHash("sha256").update(secretKey(process.env.SECRETS_KEY!).derived).digest("hex").slice(0, 8),
    );
    expect(stored).not.toContain("hunter2");
  });

  it("derives the key with HKDF: neither the configured string nor its plain hash", () => {
    const raw = process.env.SECRETS_KEY!;
    const { derived, legacy } = secretKey(raw);
    expect(derived).toHaveLength(32);
    expect(derived.equals(createHash("sha256").update(raw, "utf8").digest())).toBe(false);
    expect(derived.equals(Buffer.from(raw, "base64").subarray(0, 32))).toBe(false);
    expect(derived.equals(legacy)).toBe(false);
    expect(secretKey("another-key-0123456789abcdefghijklmnop").id).not.toBe(secretKey(raw).id);
  });

  it("uses a fresh IV every time, so equal secrets do not look equal", () => {
    const a = encryptSecret("same", ROW);
    const b = encryptSecret("same", ROW);
    expect(a).not.toBe(b);
    expect(a.split(":")[2]).not.toBe(b.split(":")[2]);
  });

  it("refuses a tampered ciphertext, IV or tag", () => {
    const [version, kid, iv, tag, data] = encryptSecret("do not touch", ROW).split(":");
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] ^= 1;
      return bytes.toString("base64url");
    };
    expect(() => decryptSecret([version, kid, iv, tag, flip(data)].join(":"), ROW)).toThrow(SecretError);
    expect(() => decryptSecret([version, kid, flip(iv), tag, data].join(":"), ROW)).toThrow(SecretError);
    expect(() => decryptSecret([version, kid, iv, flip(tag), data].join(":"), ROW)).toThrow(SecretError);
    // a truncated tag must not be accepted as a weaker check
    expect(() =>
      decryptSecret(
        [version, kid, iv, Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url"), data].join(":"),
        ROW,
      ),
    ).toThrow(SecretError);
  });

  it("does not decrypt a value moved to another row", () => {
    const stored = encryptSecret("service one's password", ROW);
    expect(() => decryptSecret(stored, OTHER_ROW)).toThrow(SecretError);
    expect(() => decryptSecret(stored, secretContext.systemSmtp)).toThrow(SecretError);
    const link = encryptSecret("https://example.test/invitation/abc", secretContext.outbox("a"));
    expect(() => decryptSecret(link, secretContext.outbox("b"))).toThrow(SecretError);
  });

  it("refuses values in an unknown format", () => {
    expect(() => decryptSecret("plain text password", ROW)).toThrow(/format/);
    expect(() => decryptSecret(encryptSecret("x", ROW).replace(/^v2/, "v9"), ROW)).toThrow(/format/);
  });

  it("still reads values the first version wrote, with the current or a previous key", () => {
    const old = "old-key-0123456789abcdefghijklmnopqrstuv";
    const v1 = encryptV1("legacy password", process.env.SECRETS_KEY!);
    expect(decryptSecret(v1, ROW)).toBe("legacy password");
    expect(isCurrentSecret(v1)).toBe(false);
    const v1Old = encryptV1("older password", old);
    expect(() => decryptSecret(v1Old, ROW)).toThrow(SecretError);
    useKeys(process.env.SECRETS_KEY!, [old]);
    expect(decryptSecret(v1Old, ROW)).toBe("older password");
  });

  it("reads values of a previous key only while it is listed in SECRETS_KEY_PREVIOUS", () => {
    const oldKey = "old-key-0123456789abcdefghijklmnopqrstuv";
    const newKey = "new-key-0123456789abcdefghijklmnopqrstuv";
    useKeys(oldKey);
    const stored = encryptSecret("pw", ROW);
    expect(isCurrentSecret(stored)).toBe(true);
    useKeys(newKey);
    expect(() => decryptSecret(stored, ROW)).toThrow(SecretError);
    useKeys(newKey, [oldKey]);
    expect(decryptSecret(stored, ROW)).toBe("pw");
    expect(isCurrentSecret(stored)).toBe(false);
    expect(isCurrentSecret(encryptSecret("pw", ROW))).toBe(true);
  });
});
