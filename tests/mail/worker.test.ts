import net from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import type { Caller } from "@/server/action";
import { issueToken } from "@/server/auth/tokens";
import { encryptSecret, secretContext } from "@/server/crypto/secrets";
import { prisma } from "@/server/db";
import { resetEnvForTests } from "@/server/env";
import { retryEmailAction, retryFailedEmailsAction } from "@/server/mail/actions";
import { enqueueEmail } from "@/server/mail/outbox";
import { renderEmail } from "@/server/mail/templates";
import { ABANDONED_ERROR, NO_SMTP_ERROR, smtpErrorText } from "@/server/mail/transport";
import { CONNECTION_RETRY_MS, LEASE_MS, MAX_ATTEMPTS, processOutboxOnce, startMailWorker } from "@/server/mail/worker";
import { allowLocalSmtp, closedPort, startSink, type Sink } from "../support/smtp-sink";

// "no SMTP configured" must mean it here, whatever the shell exported
delete process.env.SMTP_URL;

const FROM = "Backoffice Access <no-reply@platform.test>";
const FAST = { timeoutMs: 2_000 };
let sink: Sink | undefined;

// an administrator's server on this machine: the test opts in to it (SMTP_ALLOW_PRIVATE_HOSTS)
async function useSmtp(port: number) {
  allowLocalSmtp(port);
  await prisma.systemSmtp.create({ data: { host: "127.0.0.1", port, security: "NONE", fromAddress: FROM } });
}

async function queue(kind: string, subject = "Hello", to = ["owner@shop.test"]) {
  await prisma.$transaction((tx) => enqueueEmail(tx, { to, subject, text: `Body of ${subject}`, kind }));
  return prisma.emailOutbox.findFirstOrThrow({ where: { kind, subject } });
}

/** A link's email: it names its link's token, one that still works (a reset of a person of its own). */
async function queueLink(to: string, subject: string, text: string) {
  const person = await prisma.user.create({
    data: { email: `${crypto.randomUUID()}@test.local`, name: "Link person", role: "MERCHANT", passwordHash: "x" },
  });
  await prisma.$transaction(async (tx) => {
    const { id } = await issueToken(tx, { kind: "PASSWORD_RESET", userId: person.id, createdById: null });
    await enqueueEmail(tx, { to: [to], subject, text, kind: "test.sensitive", linkTokenId: id });
  });
}

const read = (id: string) => prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
const later = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));

async function account(role: UserRole): Promise<Caller> {
  const name = `Company ${crypto.randomUUID()}`;
  const company = {
    partnerCompanyId: role === "PARTNER" ? (await prisma.partnerCompany.create({ data: { name } })).id : null,
    issuerCompanyId: role === "ISSUER" ? (await prisma.issuerCompany.create({ data: { name } })).id : null,
  };
  const user = await prisma.user.create({
    data: { email: `${crypto.randomUUID()}@test.local`, name: `${role} person`, role, passwordHash: "x", ...company },
  });
  return { identity: { userId: user.id, role }, locale: "en" };
}

beforeEach(async () => {
  await prisma.systemSmtp.deleteMany();
  await prisma.emailOutbox.deleteMany();
});

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  resetEnvForTests();
  await sink?.close();
  sink = undefined;
});

describe("the mail worker", () => {
  it("delivers a queued message through the system SMTP server and marks it sent", async () => {
    sink = await startSink();
    await useSmtp(sink.port);
    const { subject, text } = renderEmail("en", "remoteSupportRequested", {
      operatorName: "Olga",
      partnerName: "P1",
      shopName: "Shop A",
      duration: "2 hours",
      note: "Ticket 42",
    });
    await prisma.$transaction((tx) =>
      enqueueEmail(tx, {
        to: ["owner@shop.test", "deputy@shop.test"],
        subject,
        text,
        kind: "remote-support.requested",
      }),
    );

    expect(await processOutboxOnce(FAST)).toEqual({ sent: 1, failed: 0, waiting: 0 });

    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail.envelopeFrom).toBe("no-reply@platform.test");
    expect(mail.envelopeTo).toEqual(["owner@shop.test", "deputy@shop.test"]);
    expect(mail.headers.from).toBe(FROM);
    expect(mail.headers.to).toBe("owner@shop.test, deputy@shop.test");
    expect(mail.headers.subject).toBe("Remote support requested for Shop A");
    expect(mail.text).toContain("Olga (P1) asks for remote support access to the back office of Shop A for 2 hours.");
    expect(mail.text).toContain("Manage Organization » Remote Support");
    const row = await prisma.emailOutbox.findFirstOrThrow({ where: { kind: "remote-support.requested" } });
    expect(row).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 0 });
  });

  it("keeps a message whose SMTP server is down, and delivers it once the server is back and the pause is over", async () => {
    const port = await closedPort();
    await useSmtp(port);
    const msg = await queue("test.down");

    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 1, waiting: 0 });
    const waiting = await read(msg.id);
    expect(waiting).toMatchObject({ status: "QUEUED", attempts: 1, lastError: "mail.smtpErrors.refused" });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    sink = await startSink({ port });
    // too early: the pause after the first failure is not over
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    later(31_000);
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(await read(msg.id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    expect(sink.received.map((m) => m.headers.subject)).toEqual(["Hello"]);
  });

  it("gives up after the last attempt; only an administrator can queue it again", async () => {
    await useSmtp(await closedPort());
    const msg = await queue("test.failing");
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect((await processOutboxOnce(FAST)).failed).toBe(1);
      later(2 * 60 * 60_000);
    }
    const failed = await read(msg.id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "mail.smtpErrors.refused" });
    expect((await processOutboxOnce(FAST)).failed).toBe(0);

    for (const role of ["PARTNER", "ISSUER", "MERCHANT"] as const) {
      const result = await retryEmailAction.as(await account(role))({ id: msg.id });
      expect(result, role).toEqual({ ok: false, error: "You are not allowed to do this." });
    }
    expect(await read(msg.id)).toEqual(failed);
    expect(await prisma.auditEvent.count({ where: { action: "mail.retried" } })).toBe(0);

    const admin = await account("ADMINISTRATOR");
    expect(await retryEmailAction.as(admin)({ id: msg.id })).toEqual({ ok: true, data: null });
    const requeued = await read(msg.id);
    expect(requeued).toMatchObject({ status: "QUEUED", attempts: 0, lastError: null });
    expect(requeued.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "mail.retried" } });
    expect(event).toMatchObject({ actorId: admin.identity!.userId, targetType: "email", targetId: msg.id });

    // nothing left to retry once it is queued again
    const again = await retryEmailAction.as(admin)({ id: msg.id });
    expect(again).toEqual({
      ok: false,
      error: "This message cannot be retried: it was sent or is being sent right now.",
    });
    expect((await retryEmailAction.as(admin)({ id: "not-a-uuid" })).ok).toBe(false);
  });

  it("after an outage, an administrator sends every failed message again at once, recorded once", async () => {
    const failed = await Promise.all(["one", "two", "three"].map((s) => queue("test.outage", s)));
    await prisma.emailOutbox.updateMany({
      where: { id: { in: failed.map((m) => m.id) } },
      data: { status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "mail.smtpErrors.refused" },
    });
    const sent = await queue("test.sent", "sent");
    await prisma.emailOutbox.update({ where: { id: sent.id }, data: { status: "SENT", sentAt: new Date() } });
    const queued = await queue("test.queued", "queued");
    const before = await prisma.emailOutbox.findMany({ orderBy: { id: "asc" } });

    for (const role of ["PARTNER", "ISSUER", "MERCHANT"] as const)
      expect(await retryFailedEmailsAction.as(await account(role))({}), role).toEqual({
        ok: false,
        error: "You are not allowed to do this.",
      });
    expect(await prisma.emailOutbox.findMany({ orderBy: { id: "asc" } })).toEqual(before);

    const admin = await account("ADMINISTRATOR");
    expect(await retryFailedEmailsAction.as(admin)({})).toEqual({ ok: true, data: { count: 3 } });
    for (const msg of failed)
      expect(await read(msg.id)).toMatchObject({ status: "QUEUED", attempts: 0, lastError: null });
    expect(await read(sent.id)).toMatchObject({ status: "SENT" });
    expect(await read(queued.id)).toEqual(before.find((m) => m.id === queued.id));
    const events = await prisma.auditEvent.findMany({ where: { action: "mail.retried-failed" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.identity!.userId, details: { count: 3 } });

    // pressed again (a second tab, a double click): nothing failed, nothing recorded
    expect(await retryFailedEmailsAction.as(admin)({})).toEqual({
      ok: false,
      error: "No message has failed: there is nothing to send again.",
    });
    expect(await prisma.auditEvent.count({ where: { action: "mail.retried-failed" } })).toBe(1);
  });

  it("after 'Send all failed again', sends the messages in the order they were made in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
    const made = [];
    for (const subject of ["requested", "approved", "revoked"]) {
      made.push(await queue("test.order", subject));
      later(1_000);
    }
    // they failed during an outage, the last one made first given up (its row written last but one)
    for (const msg of [...made].reverse())
      await prisma.emailOutbox.update({
        where: { id: msg.id },
        data: { status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "mail.smtpErrors.refused" },
      });
    await prisma.emailOutbox.update({ where: { id: made[0].id }, data: { lastError: "mail.smtpErrors.timeout" } });
    expect(await retryFailedEmailsAction.as(await account("ADMINISTRATOR"))({})).toMatchObject({ ok: true });
    expect(new Set((await prisma.emailOutbox.findMany()).map((m) => m.nextAttemptAt.getTime())).size).toBe(1);

    sink = await startSink();
    await useSmtp(sink.port);
    while ((await processOutboxOnce({ ...FAST, batchSize: 2 })).sent > 0);
    expect(sink.received.map((m) => m.headers.subject)).toEqual(["requested", "approved", "revoked"]);
  });

  it("with no SMTP server at all, lets messages wait visibly without using up their attempts", async () => {
    const msg = await queue("test.no-smtp");
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 1 });
    const row = await read(msg.id);
    expect(row).toMatchObject({ status: "QUEUED", attempts: 0, lastError: NO_SMTP_ERROR });
    expect(smtpErrorText("en", row.lastError!)).toBe(
      "No SMTP server is configured. Messages wait here until an administrator sets one up.",
    );
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    later(5 * 60_000);
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 1 });
    expect(await read(msg.id)).toMatchObject({ status: "QUEUED", attempts: 0 });

    // an administrator sets a server up and does not want to wait for the next round
    sink = await startSink();
    await useSmtp(sink.port);
    expect((await retryEmailAction.as(await account("ADMINISTRATOR"))({ id: msg.id })).ok).toBe(true);
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(await read(msg.id)).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("lets messages wait, attempts kept, when the saved SMTP password cannot be decrypted", async () => {
    // well-formed, but not made with this key: as after SECRETS_KEY changed
    const [version, kid, , , data] = encryptSecret("pw", secretContext.systemSmtp).split(":");
    const altered = [
      version,
      kid,
      Buffer.alloc(12).toString("base64url"),
      Buffer.alloc(16).toString("base64url"),
      data,
    ].join(":");
    await prisma.systemSmtp.create({
      data: {
        host: "127.0.0.1",
        port: 25,
        security: "NONE",
        username: "u",
        passwordEncrypted: altered,
        fromAddress: FROM,
      },
    });
    const msg = await queue("test.unreadable");
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 1 });
    expect(await read(msg.id)).toMatchObject({
      status: "QUEUED",
      attempts: 0,
      lastError: "mail.smtpErrors.passwordUnreadable",
    });
  });

  it("does not connect to an administrator's server on a private address: messages wait, attempts kept", async () => {
    sink = await startSink();
    vi.stubEnv("SMTP_ALLOWED_PORTS", String(sink.port));
    resetEnvForTests();
    await prisma.systemSmtp.create({
      data: { host: "127.0.0.1", port: sink.port, security: "NONE", fromAddress: FROM },
    });
    const msg = await queue("test.private");
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 1 });
    const row = await read(msg.id);
    expect(row).toMatchObject({ status: "QUEUED", attempts: 0, lastError: "mail.smtpErrors.hostNotAllowed" });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(sink.received).toHaveLength(0);
  });

  it("trusts SMTP_URL, set by whoever runs the platform, wherever it points", async () => {
    sink = await startSink();
    vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${sink.port}`);
    resetEnvForTests();
    await queue("test.environment");
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it("decrypts a link bound to its own message only", async () => {
    sink = await startSink();
    await useSmtp(sink.port);
    await queueLink("a@shop.test", "Link A", "https://example.test/a");
    await queueLink("b@shop.test", "Link B", "https://example.test/b");
    const [a, b] = await prisma.emailOutbox.findMany({
      where: { kind: "test.sensitive" },
      orderBy: { subject: "asc" },
    });
    // B's text swapped for A's: it would send A's link to B's recipient
    await prisma.emailOutbox.update({ where: { id: b.id }, data: { text: a.text } });
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 1, failed: 1, waiting: 0 });
    expect(sink.received.map((m) => [m.envelopeTo, m.text.trim()])).toEqual([
      [["a@shop.test"], "https://example.test/a"],
    ]);
  });

  it("never sends a message twice when several workers run at once", async () => {
    sink = await startSink();
    await useSmtp(sink.port);
    const subjects = Array.from({ length: 30 }, (_, i) => `Message ${i}`);
    for (const subject of subjects) await queue("test.concurrent", subject);

    let sent = 0;
    for (let round = 0; round < 10 && sent < subjects.length; round++) {
      const results = await Promise.all(Array.from({ length: 4 }, () => processOutboxOnce({ ...FAST, batchSize: 4 })));
      sent += results.reduce((sum, r) => sum + r.sent, 0);
    }

    expect(sent).toBe(subjects.length);
    expect(sink.received.map((m) => m.headers.subject).sort()).toEqual([...subjects].sort());
    expect(await prisma.emailOutbox.count({ where: { status: "SENT" } })).toBe(subjects.length);
  });

  it("refuses to requeue a message while a worker is sending it", async () => {
    const port = await closedPort();
    await useSmtp(port);
    const msg = await queue("test.in-flight");
    await processOutboxOnce(FAST);
    later(31_000);

    // a server that holds on to the message until the test lets go
    let arrived!: () => void;
    const sending = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    sink = await startSink({
      port,
      onMailFrom(_address, _session, callback) {
        arrived();
        void released.then(() => callback());
      },
    });
    const run = processOutboxOnce(FAST);
    await sending;
    const admin = await account("ADMINISTRATOR");
    expect(await retryEmailAction.as(admin)({ id: msg.id })).toMatchObject({
      ok: false,
      error: expect.stringContaining("being sent right now"),
    });
    release();
    expect(await run).toEqual({ sent: 1, failed: 0, waiting: 0 });
    later(60 * 60_000);
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it("keeps the lease of a message a slow server is still taking, so no second worker sends it too", async () => {
    const port = await closedPort();
    await useSmtp(port);
    await queue("test.slow");
    // a server that answers each step just within the per-step timeout, until the test lets go
    let arrived!: () => void;
    const sending = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    sink = await startSink({
      port,
      onMailFrom(_address, _session, callback) {
        arrived();
        void released.then(() => callback());
      },
    });
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    const first = processOutboxOnce(FAST);
    await sending;
    // the send has taken longer than the lease by now
    await vi.advanceTimersByTimeAsync(LEASE_MS + 1_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = processOutboxOnce(FAST);
    release();
    expect(await first).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(await second).toEqual({ sent: 0, failed: 0, waiting: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it("keeps the lease of the rest of its batch while a slow server takes one message", async () => {
    const port = await closedPort();
    await useSmtp(port);
    const slow = await queue("test.slow", "slow");
    later(1);
    // the next in the batch is on its last attempt: a second worker must neither take it nor give it up
    const last = await queue("test.last", "last");
    await prisma.emailOutbox.update({
      where: { id: last.id },
      data: { attempts: MAX_ATTEMPTS - 1, lastError: "mail.smtpErrors.refused" },
    });
    let arrived!: () => void;
    const sending = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    sink = await startSink({
      port,
      onMailFrom(_address, _session, callback) {
        if (!first) return callback();
        first = false;
        arrived();
        void released.then(() => callback());
      },
    });
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    const run = processOutboxOnce(FAST);
    await sending;
    await vi.advanceTimersByTimeAsync(LEASE_MS + 1_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = processOutboxOnce(FAST);
    expect(await second).toEqual({ sent: 0, failed: 0, waiting: 0 });
    release();
    expect(await run).toEqual({ sent: 2, failed: 0, waiting: 0 });
    expect(await read(slow.id)).toMatchObject({ status: "SENT", attempts: 1 });
    expect(await read(last.id)).toMatchObject({ status: "SENT", attempts: MAX_ATTEMPTS });
    expect(sink.received).toHaveLength(2);
  });

  // Two workers claim one message in turn: the first stalls past its lease (its renewal timer
  // frozen, as a paused process's would be) and the second takes the message over. Each
  // connection's MAIL FROM waits until the test answers it.
  async function takenOver() {
    const answers: ((error?: Error | null) => void)[] = [];
    let arrived = () => {};
    sink = await startSink({
      onMailFrom(_address, _session, callback) {
        answers.push(callback);
        arrived();
      },
    });
    vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${sink.port}`);
    resetEnvForTests();
    const msg = await queue("test.taken-over");
    const nextMailFrom = () => new Promise<void>((resolve) => (arrived = resolve));
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    const slow = { timeoutMs: 10_000 };
    let waiting = nextMailFrom();
    const first = processOutboxOnce(slow);
    await waiting;
    later(LEASE_MS + 1_000);
    waiting = nextMailFrom();
    const second = processOutboxOnce(slow);
    await waiting;
    const claimed = await read(msg.id);
    expect(claimed).toMatchObject({ status: "QUEUED", attempts: 2, lastError: null });
    return { msg, answers, first, second, claimed };
  }
  const refusal = () => Object.assign(new Error("try later"), { responseCode: 451 });

  it("does not mark failed a message another worker took over when its lease ran out", async () => {
    const { msg, answers, first, second, claimed } = await takenOver();
    answers[0](refusal());
    const firstResult = await first;
    const afterFirst = await read(msg.id);
    answers[1]();
    expect(await second).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(firstResult).toEqual({ sent: 0, failed: 1, waiting: 0 });
    // still the second worker's then: its lease, and "being sent" (no error a retry could act on)
    expect(afterFirst).toEqual(claimed);
    expect(await read(msg.id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("does not mark sent a message another worker took over when its lease ran out", async () => {
    const { msg, answers, first, second, claimed } = await takenOver();
    answers[0]();
    const firstResult = await first;
    const afterFirst = await read(msg.id);
    answers[1](refusal());
    expect(await second).toEqual({ sent: 0, failed: 1, waiting: 0 });
    expect(firstResult).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(afterFirst).toEqual(claimed);
    // the second worker's outcome is the one recorded: tried again later, with the same Message-ID
    expect(await read(msg.id)).toMatchObject({
      status: "QUEUED",
      attempts: 2,
      lastError: "mail.smtpErrors.senderRejected",
      sentAt: null,
    });
    expect(sink!.received).toHaveLength(1);
  });

  it("gives up on a send a server drags out forever, and sends on", async () => {
    // a server that greets, then answers EHLO one continuation line at a time, never finishing:
    // each line comes within the per-step timeout, so only a limit on the whole send ends it
    const sockets = new Set<net.Socket>();
    const tarpit = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.write("220 slow.test ESMTP\r\n");
      socket.once("data", () => {
        const drip = setInterval(() => socket.write("250-still thinking\r\n"), 200);
        socket.on("close", () => clearInterval(drip));
      });
    });
    await new Promise<void>((resolve) => tarpit.listen(0, "127.0.0.1", resolve));
    try {
      await useSmtp((tarpit.address() as net.AddressInfo).port);
      const msg = await queue("test.tarpit");
      const run = processOutboxOnce({ ...FAST, sendLimitMs: 1_000 });
      const outcome = await Promise.race([run, new Promise((resolve) => setTimeout(resolve, 8_000, "still sending"))]);
      expect(outcome).toEqual({ sent: 0, failed: 1, waiting: 0 });
      expect(await read(msg.id)).toMatchObject({ status: "QUEUED", attempts: 1, lastError: "mail.smtpErrors.timeout" });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tarpit.close(() => resolve()));
    }
  });

  it("sends a message again after a crash with the same Message-ID, so the recipient sees one message", async () => {
    vi.stubEnv("MAIL_FROM", FROM);
    resetEnvForTests();
    sink = await startSink();
    await useSmtp(sink.port);
    const msg = await queue("test.crash");
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 1, failed: 0, waiting: 0 });
    // a worker that died after the server's OK and before marking it sent leaves it claimed
    await prisma.emailOutbox.update({
      where: { id: msg.id },
      data: {
        status: "QUEUED",
        sentAt: null,
        attempts: 0,
        lastError: null,
        nextAttemptAt: new Date(Date.now() + LEASE_MS),
      },
    });
    later(LEASE_MS + 1_000);
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 1, failed: 0, waiting: 0 });

    expect(sink.received).toHaveLength(2);
    expect(sink.received[0].headers["message-id"]).toBe(`<outbox-${msg.id}@platform.test>`);
    expect(sink.received[1].headers["message-id"]).toBe(sink.received[0].headers["message-id"]);
  });

  it("picks up a dead worker's claimed messages within a minute", async () => {
    sink = await startSink();
    await useSmtp(sink.port);
    const msg = await queue("test.dead-worker");
    // what a claim leaves behind: the lease, and no error ("being sent")
    await prisma.emailOutbox.update({
      where: { id: msg.id },
      data: { nextAttemptAt: new Date(Date.now() + LEASE_MS), lastError: null },
    });
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    later(LEASE_MS - 5_000);
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    later(6_000);
    expect(LEASE_MS + 1_000).toBeLessThanOrEqual(60_000);
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it("counts a send the worker never came back from, and gives up after the last attempt", async () => {
    // a server that takes the connection and never answers: each run hangs in its send, as a worker
    // whose process dies mid-send leaves its message claimed until the lease is over
    const sockets = new Set<net.Socket>();
    let connected = () => {};
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
      connected();
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const hanging: Promise<unknown>[] = [];
    try {
      await useSmtp((silent.address() as net.AddressInfo).port);
      const msg = await queue("test.abandoned");
      vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const arrived = new Promise<void>((resolve) => (connected = resolve));
        hanging.push(processOutboxOnce({ timeoutMs: 60_000, sendLimitMs: 60_000 }));
        await arrived;
        expect(await read(msg.id)).toMatchObject({ status: "QUEUED", attempts: attempt, lastError: null });
        later(LEASE_MS + 1_000);
      }
      expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 1, waiting: 0 });
      const failed = await read(msg.id);
      expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastError: ABANDONED_ERROR });
      expect(smtpErrorText("en", failed.lastError!)).toBe(
        "Sending was interrupted every time, before the SMTP server's answer was recorded.",
      );
      later(2 * 60 * 60_000);
      expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    } finally {
      for (const socket of sockets) socket.destroy();
      await Promise.all(hanging);
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("retries within 20 s while the server cannot be reached, and backs off when it answers with an error", async () => {
    const port = await closedPort();
    await useSmtp(port);
    const msg = await queue("test.outage");
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 1, waiting: 0 });
      const row = await read(msg.id);
      expect(row).toMatchObject({ attempts: attempt, lastError: "mail.smtpErrors.refused" });
      expect(row.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(CONNECTION_RETRY_MS);
      expect(CONNECTION_RETRY_MS).toBeLessThanOrEqual(20_000);
      later(CONNECTION_RETRY_MS);
    }

    // the server is reachable but refuses for now: the pause grows
    sink = await startSink({
      port,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("try later"), { responseCode: 451 }));
      },
    });
    expect(await processOutboxOnce(FAST)).toEqual({ sent: 0, failed: 1, waiting: 0 });
    const answered = await read(msg.id);
    expect(answered).toMatchObject({ attempts: 6, lastError: "mail.smtpErrors.recipientRejected" });
    expect(answered.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(15 * 60_000);
  });

  it("runs in the background once per process until stopped", async () => {
    sink = await startSink();
    await useSmtp(sink.port);
    const msg = await queue("test.background");
    const stop = startMailWorker(20);
    const second = startMailWorker(20);
    try {
      await vi.waitFor(async () => expect((await read(msg.id)).status).toBe("SENT"), { timeout: 5_000, interval: 20 });
    } finally {
      second();
      stop();
    }
    expect(sink.received).toHaveLength(1);
  });
});
