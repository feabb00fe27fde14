// `npm run secrets:rotate`: after SECRETS_KEY changed, re-encrypts every stored secret under it.
// Run with the new key in SECRETS_KEY and the old one(s) in SECRETS_KEY_PREVIOUS (comma-separated);
// once it reports nothing unreadable, SECRETS_KEY_PREVIOUS can be removed.
import { localConfig } from "./local-config.ts";

Object.assign(process.env, localConfig(), { DATABASE_URL: process.env.DATABASE_URL });

const { prisma } = await import("../src/server/db.ts");
const { rotateSecrets } = await import("../src/server/crypto/rotate.ts");
try {
  const { reencrypted, unreadable } = await rotateSecrets();
  console.log(`Re-encrypted ${reencrypted} stored secret(s) under the current SECRETS_KEY.`);
  if (unreadable > 0) {
    console.error(
      `${unreadable} stored secret(s) cannot be read with SECRETS_KEY or SECRETS_KEY_PREVIOUS and were left as they are.`,
    );
    process.exitCode = 1;
  }
} finally {
  await prisma.$disconnect();
}
