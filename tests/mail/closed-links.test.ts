// An email whose link no longer works (used, withdrawn, replaced by a newer one, expired) is never
// sent: not by the worker's own retry once the SMTP server is back, nor when an administrator sends
// failed emails again. The links are read here as their recipient would; the worker never does.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { requestPasswordReset, resetPassword } from "@/server/account/password";
import { hashToken } from "@/server/auth/tokens";
import { decryptSecret, secretContext } from "@/server/crypto/secrets";
import { acceptWithPassword } from "@/server/invitations/accept";
import { retryEmailAction, retryFailedEmailsAction } from "@/server/mail/actions";
import { listOutbox } from "@/server/mail/queries";
import { smtpErrorText } from "@/server/mail/transport";
import { CONNECTION_RETRY_MS, MAX_ATTEMPTS, processOutboxOnce } from "@/server/mail/worker";
import { inviteMemberAction, revokeInvitationAction } from "@/server/members/actions";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";
import { closedPort } from "../support/smtp-sink";
import { FAST, later, readOutbox, restoreAfterEach, sinkAt, smtpAt } from "../support/outbox-outage";

// "no SMTP configured" must mean it here, whatever the shell exported
delete process.env.SMTP_URL;

const BACKFILL = "prisma/migrations/20261208110100_outbox_link_token_backfill/migration.sql";
const LINK_TOKEN_OF = "prisma/migrations/20261208110200_outbox_link_token_of/migration.sql";
const LINK_CLOSED = "mail.smtpErrors.linkClosed";
const PASSWORD = "a-long-enough-password-1";

const read = readOutbox;

/** The token of the link an email carries. */
async function tokenIn(outboxId: string): Promise<string> {
  const row = await read(outboxId);
  const text = decryptSecret(row.text, secretContext.outbox(row.id));
  return /\/(?:invitation|reset-password)\/([A-Za-z0-9_-]{43})/.exec(text)![1];
}

/** An owner's invitation of a new address into their shop, and its email. */
async function invitation() {
  const partner = await partnerCompany();
  const alpine = await shop(partner.id);
  const owner = await member(alpine.id, "OWNER");
  const email = `invited-${randomUUID()}@shop.test`;
  const invite = async () =>
    expect(await inviteMemberAction.as(callerFor(owner))({ shopId: alpine.id, email, role: "MEMBER" })).toMatchObject({
      ok: true,
    });
  await invite();
  const mail = await db.emailOutbox.findFirstOrThrow({ where: { toAddresses: { has: email } } });
  const withdraw = async () => {
    const token = await db.authToken.findFirstOrThrow({ where: { user: { email }, revokedAt: null } });
    expect(
      await revokeInvitationAction.as(callerFor(owner))({ shopId: alpine.id, invitationId: token.id }),
    ).toMatchObject({ ok: true });
  };
  return { mail, invite, withdraw };
}

/** A person's "forgot password" link, and its email. */
async function resetLink() {
  const person = await user("MERCHANT");
  await requestPasswordReset(person.email);
  const mail = await db.emailOutbox.findFirstOrThrow({ where: { toAddresses: { has: person.email } } });
  return { mail, person, again: () => requestPasswordReset(person.email) };
}

/** Each way a link stops working: the email it came with, and what ends the link. */
const closings: [string, () => Promise<{ mail: { id: string }; close: () => Promise<unknown> }>][] = [
  [
    "an invitation withdrawn",
    async () => {
      const { mail, withdraw } = await invitation();
      return { mail, close: withdraw };
    },
  ],
  [
    "an invitation used",
    async () => {
      const { mail } = await invitation();
      return {
        mail,
        close: async () => acceptWithPassword(await tokenIn(mail.id), { name: "Ina", password: PASSWORD }),
      };
    },
  ],
  [
    "an invitation replaced by a newer one",
    async () => {
      const { mail, invite } = await invitation();
      return { mail, close: invite };
    },
  ],
  [
    "an invitation expired",
    async () => ({ mail: (await invitation()).mail, close: async () => later(8 * 24 * 60 * 60_000) }),
  ],
  [
    "a password reset used",
    async () => {
      const { mail } = await resetLink();
      return { mail, close: async () => resetPassword(await tokenIn(mail.id), PASSWORD) };
    },
  ],
  [
    "a password reset replaced by a newer one",
    async () => {
      const { mail, again } = await resetLink();
      return {
        mail,
        close: async () => {
          later(3 * 60_000);
          await again();
        },
      };
    },
  ],
  ["a password reset expired", async () => ({ mail: (await resetLink()).mail, close: async () => later(61 * 60_000) })],
  [
    "a password reset of an account since disabled",
    async () => {
      const { mail, person } = await resetLink();
      return { mail, close: () => db.user.update({ where: { id: person.id }, data: { disabledAt: new Date() } }) };
    },
  ],
  [
    // its token goes with it; the email stays, naming none
    "a password reset of an account since deleted",
    async () => {
      const { mail, person } = await resetLink();
      return { mail, close: () => db.user.delete({ where: { id: person.id } }) };
    },
  ],
];

beforeEach(async () => {
  await db.emailOutbox.deleteMany();
});

restoreAfterEach();

describe("an email whose link no longer works", () => {
  it.each(closings)("is given up by the worker once the server is back, never sent: %s", async (_, arrange) => {
    const port = await closedPort();
    smtpAt(port);
    const { mail, close } = await arrange();
    const token = await tokenIn(mail.id);
    expect(await processOutboxOnce(FAST)).toMatchObject({ failed: 1 });
    expect(await read(mail.id)).toMatchObject({ status: "QUEUED", attempts: 1, lastError: "mail.smtpErrors.refused" });

    await close();
    const sink = await sinkAt(port);
    later(CONNECTION_RETRY_MS);
    const run = await processOutboxOnce(FAST);

    expect(sink.received.filter((m) => m.text.includes(token))).toEqual([]);
    expect(run).toMatchObject({ failed: 1, sent: sink.received.length });
    // given up at once, the attempt it was claimed with not counted: nothing was sent
    expect(await read(mail.id)).toMatchObject({ status: "FAILED", attempts: 1, lastError: LINK_CLOSED });
    later(2 * 60 * 60_000);
    expect(await processOutboxOnce(FAST)).toMatchObject({ failed: 0 });
  });

  it("says so on the outbox page, in English and German", () => {
    expect(smtpErrorText("en", LINK_CLOSED)).toBe(
      "Not sent: the link in this email no longer works (it was used, withdrawn or replaced by a newer one, or has expired).",
    );
    expect(smtpErrorText("de", LINK_CLOSED)).toBe(
      "Nicht versendet: Der Link in dieser E-Mail gilt nicht mehr (er wurde benutzt, zurückgezogen oder durch einen neueren ersetzt oder ist abgelaufen).",
    );
  });

  it.each(closings)("is not sent again by an administrator's “Retry”, who is told why: %s", async (_, arrange) => {
    const { mail, close } = await arrange();
    await db.emailOutbox.update({
      where: { id: mail.id },
      data: { status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "mail.smtpErrors.refused" },
    });
    await close();
    const before = await read(mail.id);
    const admin = await user("ADMINISTRATOR");

    expect(await retryEmailAction.as(callerFor(admin))({ id: mail.id })).toEqual({
      ok: false,
      error:
        "This message is not sent again: the link in it no longer works (it was used, withdrawn or replaced by a newer one, or has expired).",
    });
    expect(await read(mail.id)).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: "mail.retried" } })).toBe(0);
  });

  it("waiting after a failed attempt, is not queued again by “Retry” either", async () => {
    smtpAt(await closedPort());
    const { mail, withdraw } = await invitation();
    await processOutboxOnce(FAST);
    await withdraw();
    const before = await read(mail.id);
    expect(before).toMatchObject({ status: "QUEUED", lastError: "mail.smtpErrors.refused" });
    const admin = await user("ADMINISTRATOR");
    expect(await retryEmailAction.as(callerFor(admin))({ id: mail.id })).toMatchObject({
      ok: false,
      error: expect.stringContaining("the link in it no longer works"),
    });
    expect(await read(mail.id)).toEqual(before);
  });

  it("is left out of “Send all failed again”, whose count and button are the emails it sends", async () => {
    const withdrawn = await invitation();
    const open = await invitation();
    const plain = await db.emailOutbox.create({
      data: { toAddresses: ["owner@shop.test"], subject: "Plain", text: "Plain", kind: "test.plain" },
    });
    const failed = [withdrawn.mail.id, open.mail.id, plain.id];
    await db.emailOutbox.updateMany({
      where: { id: { in: failed } },
      data: { status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "mail.smtpErrors.refused" },
    });
    await withdrawn.withdraw();
    const before = await read(withdrawn.mail.id);
    expect(await listOutbox({ page: 1 })).toMatchObject({ counts: { FAILED: 3 }, retryableFailed: 2 });
    const admin = callerFor(await user("ADMINISTRATOR"));

    expect(await retryFailedEmailsAction.as(admin)({})).toEqual({ ok: true, data: { count: 2 } });
    expect(await read(withdrawn.mail.id)).toEqual(before);
    for (const id of [open.mail.id, plain.id])
      expect(await read(id)).toMatchObject({ status: "QUEUED", attempts: 0, lastError: null });
    const [event] = await db.auditEvent.findMany({ where: { action: "mail.retried-failed" } });
    expect(event).toMatchObject({ details: { count: 2 } });
    expect(await listOutbox({ page: 1 })).toMatchObject({ counts: { FAILED: 1 }, retryableFailed: 0 });

    // pressed again (another tab still shows the button): the one left is not sent, and the answer says why
    expect(await retryFailedEmailsAction.as(admin)({})).toEqual({
      ok: false,
      error: expect.stringContaining("No failed message can be sent again: the links in them no longer work"),
    });
    expect(await read(withdrawn.mail.id)).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: "mail.retried-failed" } })).toBe(1);
  });
});

/** A migration's file as `prisma migrate deploy` runs it: every statement in it, as the owner. */
async function runFile(file: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_OWNER_DATABASE_URL });
  await client.connect();
  try {
    await client.query(readFileSync(file, "utf8"));
  } finally {
    await client.end();
  }
}

describe("a link email an instance not yet upgraded queued, naming no token", () => {
  it("is sent while the link it carries works, and given up once it does not", async () => {
    const sink = await sinkAt(await closedPort());
    smtpAt(sink.port);
    const open = await invitation();
    const withdrawn = await invitation();
    await withdrawn.withdraw();
    const tokens = [await tokenIn(open.mail.id), await tokenIn(withdrawn.mail.id)];
    await db.emailOutbox.updateMany({ data: { linkTokenId: null } });

    expect(await processOutboxOnce(FAST)).toMatchObject({ sent: 1, failed: 1 });
    expect(sink.received.filter((m) => m.text.includes(tokens[0]))).toHaveLength(1);
    expect(sink.received.filter((m) => m.text.includes(tokens[1]))).toEqual([]);
    expect(await read(withdrawn.mail.id)).toMatchObject({ status: "FAILED", lastError: LINK_CLOSED });
  });
});

describe("migration 20261208110100_outbox_link_token_backfill", () => {
  it("gives link emails queued before emails named their token the token each carries, a replaced one its own", async () => {
    const first = await invitation();
    await first.invite(); // a second invitation replaces the first: its email carries the newer token
    const reset = await resetLink();
    later(3 * 60_000);
    await reset.again();
    const links = await db.emailOutbox.findMany({
      where: { sensitive: true },
      select: { id: true, linkTokenId: true },
      orderBy: { createdAt: "asc" },
    });
    expect(links).toHaveLength(4);
    expect(new Set(links.map((l) => l.linkTokenId)).size).toBe(4);
    // as the outbox held them before the migration: one already sent, none naming its token
    await db.emailOutbox.update({ where: { id: links[0].id }, data: { status: "SENT", sentAt: new Date(), text: "" } });
    await db.emailOutbox.updateMany({ data: { linkTokenId: null } });

    await runFile(BACKFILL);

    const after = await db.emailOutbox.findMany({
      where: { id: { in: links.map((l) => l.id) } },
      select: { id: true, linkTokenId: true },
      orderBy: { createdAt: "asc" },
    });
    expect(after).toEqual([{ ...links[0], linkTokenId: null }, ...links.slice(1)]);
    // each named by the token its own text carries
    for (const { id, linkTokenId } of after.slice(1))
      expect((await db.authToken.findUniqueOrThrow({ where: { id: linkTokenId! } })).tokenHash).toBe(
        hashToken(await tokenIn(id)),
      );
  });
});

describe("migration 20261208110200_outbox_link_token_of", () => {
  it("gives a database that ran the backfill before the backfill made the function the one the worker asks", async () => {
    // such a database: the backfill's first text, applied, is never run again (Prisma keeps its name)
    await db.$executeRawUnsafe(`DROP FUNCTION outbox_link_token_of("EmailOutbox")`);
    await runFile(LINK_TOKEN_OF);

    const sink = await sinkAt(await closedPort());
    smtpAt(sink.port);
    const open = await invitation();
    const token = await tokenIn(open.mail.id);
    await db.emailOutbox.update({ where: { id: open.mail.id }, data: { linkTokenId: null } });
    expect(await processOutboxOnce(FAST)).toMatchObject({ sent: 1, failed: 0 });
    expect(sink.received.filter((m) => m.text.includes(token))).toHaveLength(1);
  });
});
