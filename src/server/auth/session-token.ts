import { hkdfSync } from "node:crypto";
import { jwtDecrypt, type JWTPayload } from "jose";

// No `server-only` here: src/proxy.ts reads the session cookie too.

/**
 * Reads next-auth 4's session cookie: a JWE (alg "dir", enc "A256GCM") under the key
 * HKDF-SHA256(NEXTAUTH_SECRET, salt "", info "NextAuth.js Generated Encryption Key", 32 bytes),
 * with next-auth's 15 s clock tolerance. next-auth's own `decode` derives that key again for every
 * cookie it reads, and `getServerSession` re-encrypts the cookie too, which a page cannot send;
 * here the key is derived once per secret and a read is one decryption. tests/auth/session-token
 * checks it against next-auth's `encode`.
 */
const INFO = "NextAuth.js Generated Encryption Key";
const keys = new Map<string, Uint8Array>();

function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", INFO, 32));
    keys.clear(); // one secret at a time: a rotation replaces it
    keys.set(secret, key);
  }
  return key;
}

/** The token's claims, or null for no token, a forged or damaged one, or one past its expiry. */
export async function readSessionToken(token: string | undefined, secret: string): Promise<JWTPayload | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, keyFor(secret), { clockTolerance: 15 });
    return payload;
  } catch {
    return null;
  }
}
