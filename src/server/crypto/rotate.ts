import "server-only";
import { prisma } from "@/server/db";
import { decryptSecret, encryptSecret, isCurrentSecret, SecretError, secretContext } from "./secrets";

export interface RotationResult {
  /** values re-encrypted under the current SECRETS_KEY */
  reencrypted: number;
  /** values no configured key reads (they were unreadable before too); left as they are */
  unreadable: number;
}

interface Stored {
  context: string;
  value: string;
  /** writes the new value only if the row still holds the one read, so a save meanwhile wins */
  replace(next: string): Promise<number>;
}

async function storedSecrets(): Promise<Stored[]> {
  const services = await prisma.serviceSmtp.findMany({
    where: { passwordEncrypted: { not: null } },
    select: { clientServiceId: true, passwordEncrypted: true },
  });
  const system = await prisma.systemSmtp.findMany({
    where: { passwordEncrypted: { not: null } },
    select: { id: true, passwordEncrypted: true },
  });
  // sent messages have their text erased; failed ones keep it, as an administrator may retry them
  const outbox = await prisma.emailOutbox.findMany({
    where: { sensitive: true, status: { not: "SENT" }, text: { not: "" } },
    select: { id: true, text: true },
  });
  return [
    ...services.map(({ clientServiceId, passwordEncrypted }) => ({
      context: secretContext.serviceSmtp(clientServiceId),
      value: passwordEncrypted!,
      replace: async (next: string) =>
        (
          await prisma.serviceSmtp.updateMany({
            where: { clientServiceId, passwordEncrypted },
            data: { passwordEncrypted: next },
          })
        ).count,
    })),
    ...system.map(({ id, passwordEncrypted }) => ({
      context: secretContext.systemSmtp,
      value: passwordEncrypted!,
      replace: async (next: string) =>
        (await prisma.systemSmtp.updateMany({ where: { id, passwordEncrypted }, data: { passwordEncrypted: next } }))
          .count,
    })),
    ...outbox.map(({ id, text }) => ({
      context: secretContext.outbox(id),
      value: text,
      replace: async (next: string) =>
        (await prisma.emailOutbox.updateMany({ where: { id, text }, data: { text: next } })).count,
    })),
  ];
}

/**
 * Re-encrypts every stored secret (SMTP passwords, unsent outbox texts with a single-use link)
 * that an older format or key made, under the current SECRETS_KEY. Run with the old key in
 * SECRETS_KEY_PREVIOUS; afterwards the old key can go.
 */
export async function rotateSecrets(): Promise<RotationResult> {
  const result: RotationResult = { reencrypted: 0, unreadable: 0 };
  for (const stored of await storedSecrets()) {
    if (isCurrentSecret(stored.value)) continue;
    let plain: string;
    try {
      plain = decryptSecret(stored.value, stored.context);
    } catch (error) {
      if (!(error instanceof SecretError)) throw error;
      result.unreadable++;
      continue;
    }
    result.reencrypted += await stored.replace(encryptSecret(plain, stored.context));
  }
  return result;
}
