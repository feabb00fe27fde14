import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rotateSecrets } from "@/server/crypto/rotate";
import { decryptSecret, encryptSecret, isCurrentSecret, SecretError, secretContext } from "@/server/crypto/secrets";
import { prisma } from "@/server/db";
import { resetEnvForTests } from "@/server/env";
import { enqueueEmail } from "@/server/mail/outbox";
import { issueToken } from "@/server/auth/tokens";
import { clientService, issuerCompany, partnerCompany, user } from "../support/factory";

const OLD = "old-secrets-key-0123456789abcdefghijklmn";
const NEW = "new-secrets-key-0123456789abcdefghijklmn";

function useKeys(current: string, previous: string[] = []) {
  vi.stubEnv("SECRETS_KEY", current);
  vi.stubEnv("SECRETS_KEY_PREVIOUS", previous.join(","));
  resetEnvForTests();
}

beforeEach(async () => {
  await prisma.systemSmtp.deleteMany();
  await prisma.serviceSmtp.deleteMany();
  await prisma.emailOutbox.deleteMany();
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe("secrets:rotate", () => {
  it("re-encrypts every stored secret under the new key, so the old one can go", async () => {
    useKeys(OLD);
    const service = await clientService((await partnerCompany()).id, (await issuerCompany()).id);
    await prisma.serviceSmtp.create({
      data: {
        clientServiceId: service.id,
        host: "mail.example.test",
        port: 587,
        security: "STARTTLS",
        username: "u",
        passwordEncrypted: encryptSecret("service pw", secretContext.serviceSmtp(service.id)),
        fromAddress: "a@example.test",
      },
    });
    await prisma.systemSmtp.create({
      data: {
        host: "mail.example.test",
        port: 587,
        security: "STARTTLS",
        username: "u",
        passwordEncrypted: encryptSecret("system pw", secretContext.systemSmtp),
        fromAddress: "a@example.test",
      },
    });
    const person = await user("MERCHANT");
    await prisma.$transaction(async (tx) =>
      enqueueEmail(tx, {
        to: ["a@shop.test"],
        subject: "Your link",
        text: "https://example.test/invitation/abc",
        kind: "test.link",
        linkTokenId: (await issueToken(tx, { kind: "INVITATION", userId: person.id, createdById: null })).id,
      }),
    );
    await prisma.$transaction((tx) =>
      enqueueEmail(tx, { to: ["a@shop.test"], subject: "Plain", text: "nothing secret", kind: "test.plain" }),
    );

    useKeys(NEW, [OLD]);
    expect(await rotateSecrets()).toEqual({ reencrypted: 3, unreadable: 0 });
    // a second run has nothing left to do
    expect(await rotateSecrets()).toEqual({ reencrypted: 0, unreadable: 0 });

    useKeys(NEW);
    const stored = await prisma.serviceSmtp.findUniqueOrThrow({
      where: { clientServiceId: service.id },
      omit: { passwordEncrypted: false },
    });
    expect(decryptSecret(stored.passwordEncrypted!, secretContext.serviceSmtp(service.id))).toBe("service pw");
    const system = await prisma.systemSmtp.findUniqueOrThrow({ where: { id: 1 }, omit: { passwordEncrypted: false } });
    expect(decryptSecret(system.passwordEncrypted!, secretContext.systemSmtp)).toBe("system pw");
    const link = await prisma.emailOutbox.findFirstOrThrow({ where: { kind: "test.link" } });
    expect(decryptSecret(link.text, secretContext.outbox(link.id))).toBe("https://example.test/invitation/abc");
    expect((await prisma.emailOutbox.findFirstOrThrow({ where: { kind: "test.plain" } })).text).toBe("nothing secret");
    expect([stored.passwordEncrypted!, system.passwordEncrypted!, link.text].every(isCurrentSecret)).toBe(true);

    // without the rotation the old key would have been needed: values it made do not open with the new one alone
    useKeys(OLD);
    const leftBehind = encryptSecret("x", secretContext.systemSmtp);
    useKeys(NEW);
    expect(() => decryptSecret(leftBehind, secretContext.systemSmtp)).toThrow(SecretError);
  });

  it("counts what no configured key reads and leaves it as it is", async () => {
    useKeys(OLD);
    const lost = encryptSecret("system pw", secretContext.systemSmtp);
    await prisma.systemSmtp.create({
      data: {
        host: "mail.example.test",
        port: 587,
        security: "STARTTLS",
        username: "u",
        passwordEncrypted: lost,
        fromAddress: "a@example.test",
      },
    });
    useKeys(NEW);
    expect(await rotateSecrets()).toEqual({ reencrypted: 0, unreadable: 1 });
    expect(
      (await prisma.systemSmtp.findUniqueOrThrow({ where: { id: 1 }, omit: { passwordEncrypted: false } }))
        .passwordEncrypted,
    ).toBe(lost);
  });
});
