import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/server/env";

// Secrets at rest (SMTP passwords) are AES-256-GCM: the tag makes a tampered or foreign value fail
// loudly instead of decrypting to garbage. The version prefix lets a later format or key rotation
// tell old values apart.
const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

// Hashing the configured key gives exactly 32 bytes whatever form SECRETS_KEY was written in.
function key(): Buffer {
  return createHash("sha256").update(env().SECRETS_KEY, "utf8").digest();
}

/** A stored secret that cannot be read: altered, not ours, or SECRETS_KEY changed since. */
export class SecretError extends Error {}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key(), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(":");
}

/** Throws when the value was not made by encryptSecret with the current key, or was altered. */
export function decryptSecret(stored: string): string {
  const parts = stored.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretError("Unrecognised secret format");
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretError("Unrecognised secret format");
  try {
    // a fixed tag length, or GCM would accept a truncated (forgeable) tag
    const decipher = createDecipheriv(ALGORITHM, key(), iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretError("Secret cannot be decrypted: altered, or SECRETS_KEY changed");
  }
}
