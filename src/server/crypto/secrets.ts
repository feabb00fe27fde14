import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/server/env";

// Secrets at rest (SMTP passwords, outbox texts with a single-use link) are AES-256-GCM: the tag
// makes a tampered or foreign value fail loudly instead of decrypting to garbage.
//   v2:<kid>:<iv>:<tag>:<ciphertext>  the key derived from SECRETS_KEY with HKDF, named by its id
//     so rotation knows which key made a value; the row it belongs to is the associated data, so a
//     value copied into another row (another service's password) does not decrypt there.
//   v1:<iv>:<tag>:<ciphertext>        earlier values: sha256(SECRETS_KEY), no associated data; read only.
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = "backoffice-access/secrets-at-rest";
const HKDF_INFO = "aes-256-gcm key v2";

/** Where a secret is stored: the associated data that binds its ciphertext to that row. */
export const secretContext = {
  serviceSmtp: (serviceId: string) => `service-smtp:${serviceId}`,
  systemSmtp: "system-smtp:1",
  outbox: (messageId: string) => `outbox:${messageId}`,
};

interface Key {
  id: string;
  derived: Buffer;
  /** the v1 key: sha256 of the configured string */
  legacy: Buffer;
}

const keys = new Map<string, Key>();

/** The key a configured SECRETS_KEY (any form, at least 32 characters) stands for. */
export function secretKey(raw: string): Key {
  let key = keys.get(raw);
  if (!key) {
    const derived = Buffer.from(hkdfSync("sha256", Buffer.from(raw, "utf8"), HKDF_SALT, HKDF_INFO, 32));
    key = {
      id: createHash("sha256").update(derived).digest("hex").slice(0, 8),
      derived,
      legacy: createHash("sha256").update(raw, "utf8").digest(),
    };
    keys.set(raw, key);
  }
  return key;
}

const currentKey = () => secretKey(env().SECRETS_KEY);
const allKeys = () => [currentKey(), ...env().SECRETS_KEY_PREVIOUS.map(secretKey)];

/** A stored secret that cannot be read: altered, moved from another row, or its key is gone. */
export class SecretError extends Error {}

export function encryptSecret(plain: string, context: string): string {
  const key = currentKey();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.derived, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v2", key.id, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"))].join(":");
}

function open(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, context: string | null): string | null {
  try {
    // a fixed tag length, or GCM would accept a truncated (forgeable) tag
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    if (context !== null) decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * Reads a value encrypted for this context with SECRETS_KEY or one of SECRETS_KEY_PREVIOUS (v1
 * values have no context). Throws SecretError when it cannot.
 */
export function decryptSecret(stored: string, context: string): string {
  const parts = stored.split(":");
  const v2 = parts.length === 5 && parts[0] === "v2";
  if (!v2 && !(parts.length === 4 && parts[0] === "v1")) throw new SecretError("Unrecognised secret format");
  const [iv, tag, ciphertext] = parts.slice(v2 ? 2 : 1).map((part) => Buffer.from(part, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretError("Unrecognised secret format");
  let plain: string | null = null;
  if (v2) {
    const key = allKeys().find((k) => k.id === parts[1]);
    if (key) plain = open(key.derived, iv, tag, ciphertext, context);
  } else {
    for (const key of allKeys()) plain ??= open(key.legacy, iv, tag, ciphertext, null);
  }
  if (plain === null)
    throw new SecretError(
      "Secret cannot be decrypted: altered, moved from another row, or its key is not in SECRETS_KEY or SECRETS_KEY_PREVIOUS",
    );
  return plain;
}

/** Whether a stored value was made by an older format or key (what `npm run secrets:rotate` re-encrypts). */
export function isCurrentSecret(stored: string): boolean {
  return stored.startsWith(`v2:${currentKey().id}:`);
}
