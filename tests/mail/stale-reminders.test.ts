// A reminder that access ends soon is true only while that access is open with that end. One still
// waiting in the outbox (an SMTP outage, no SMTP server yet) when the access closes, is revoked,
// ends or moves to another end is given up, not sent late: by the worker once the server is back,
// nor when an administrator sends failed emails again.
import { afterEach, describe, expect, it, vi } from "vitest";
import { saveServiceAccessAction } from "@/server/access/actions";
import { runAccessHousekeeping } from "@/server/access/housekeeping";
import {
  approveRemoteSupportAction,
  requestRemoteSupportAction,
  revokeRemoteSupportAction,
} from "@/server/access/remote-support-actions";
import { retryEmailAction, retryFailedEmailsAction } from "@/server/mail/actions";
import { listOutbox } from "@/server/mail/queries";
import { smtpErrorText } from "@/server/mail/transport";
import { CONNECTION_RETRY_MS, MAX_ATTEMPTS, processOutboxOnce } from "@/server/mail/worker";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";
import { closedPort } from "../support/smtp-sink";
import { FAST, later, readOutbox, restoreAfterEach, sinkAt, smtpAt } from "../support/outbox-outage";

delete process.env.SMTP_URL;

const OBSOLETE = "mail.smtpErrors.reminderObsolete";

const read = readOutbox;

restoreAfterEach();
afterEach(async () => {
  await db.emailOutbox.deleteMany();
});

/** Service access open until 25 November, its reminder queued on the evening before. */
async function serviceAccessReminder() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
  const partner = await partnerCompany();
  const alpine = await shop(partner.id, { name: "Alpine Stale" });
  const owner = await member(alpine.id, "OWNER");
  const save = (input: { open: "yes"; until: string } | { open: "no" }) =>
    saveServiceAccessAction.as(callerFor(owner))(
      input.open === "yes" ? { shopId: alpine.id, ...input, scope: "VIEW_ONLY" } : { shopId: alpine.id, ...input },
    );
  expect(await save({ open: "yes", until: "2026-11-25" })).toMatchObject({ ok: true });
  vi.setSystemTime(new Date("2026-11-24T23:00:00Z"));
  await runAccessHousekeeping();
  const mail = await db.emailOutbox.findFirstOrThrow({
    where: { organizationId: alpine.id, kind: "access.expires-soon" },
  });
  return { mail, save };
}

/** Remote support approved for three days, its reminder queued the day before it ends. */
async function remoteSupportReminder() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
  const partner = await partnerCompany();
  const alpine = await shop(partner.id, { managedBy: "CUSTOMER" });
  const owner = await member(alpine.id, "OWNER");
  const operator = await user("PARTNER", { partnerCompanyId: partner.id });
  await requestRemoteSupportAction.as(callerFor(operator))({ shopId: alpine.id, minutes: "4320", note: "" });
  const grant = await db.accessGrant.findFirstOrThrow({ where: { organizationId: alpine.id } });
  expect(
    await approveRemoteSupportAction.as(callerFor(owner))({ shopId: alpine.id, grantId: grant.id, minutes: "4320" }),
  ).toMatchObject({ ok: true });
  // the request's and the approval's emails were sent long ago
  await db.emailOutbox.deleteMany({ where: { organizationId: alpine.id } });
  vi.setSystemTime(new Date("2026-11-25T10:00:00Z"));
  await runAccessHousekeeping();
  const mail = await db.emailOutbox.findFirstOrThrow({
    where: { organizationId: alpine.id, kind: "remote-support.expires-soon" },
  });
  const revoke = () =>
    revokeRemoteSupportAction.as(callerFor(owner))({ shopId: alpine.id, grantId: grant.id, reason: "" });
  return { mail, revoke };
}

const changes: [string, () => Promise<{ mail: { id: string }; change: () => Promise<unknown> }>][] = [
  [
    "service access closed",
    async () => {
      const { mail, save } = await serviceAccessReminder();
      return { mail, change: async () => expect(await save({ open: "no" })).toMatchObject({ ok: true }) };
    },
  ],
  [
    "service access extended",
    async () => {
      const { mail, save } = await serviceAccessReminder();
      return {
        mail,
        change: async () => expect(await save({ open: "yes", until: "2026-11-30" })).toMatchObject({ ok: true }),
      };
    },
  ],
  [
    "service access ended",
    async () => {
      const { mail } = await serviceAccessReminder();
      return { mail, change: async () => later(2 * 24 * 3600_000) };
    },
  ],
  [
    "remote support revoked",
    async () => {
      const { mail, revoke } = await remoteSupportReminder();
      return { mail, change: async () => expect(await revoke()).toMatchObject({ ok: true }) };
    },
  ],
];

describe("a reminder that access ends soon, waiting in the outbox", () => {
  it("is sent once the server is back while the access still ends then", async () => {
    const port = await closedPort();
    smtpAt(port);
    const { mail } = await serviceAccessReminder();
    expect(await processOutboxOnce(FAST)).toMatchObject({ failed: 1 });
    const sink = await sinkAt(port);
    later(CONNECTION_RETRY_MS);
    expect(await processOutboxOnce(FAST)).toMatchObject({ sent: 1 });
    expect(sink.received.map((m) => m.headers.subject)).toEqual(["Service access to Alpine Stale ends soon"]);
    expect(await read(mail.id)).toMatchObject({ status: "SENT" });
  });

  it.each(changes)("is given up by the worker, never sent: %s", async (_, arrange) => {
    const port = await closedPort();
    smtpAt(port);
    const { mail, change } = await arrange();
    expect(await processOutboxOnce(FAST)).toMatchObject({ failed: 1 });
    expect(await read(mail.id)).toMatchObject({ status: "QUEUED", lastError: "mail.smtpErrors.refused" });

    await change();
    const sink = await sinkAt(port);
    later(CONNECTION_RETRY_MS);
    await processOutboxOnce(FAST);

    expect(sink.received.filter((m) => m.headers.subject.includes("ends soon"))).toEqual([]);
    expect(await read(mail.id)).toMatchObject({ status: "FAILED", attempts: 1, lastError: OBSOLETE });
  });

  it.each(changes)("is not sent again by an administrator, who is told why: %s", async (_, arrange) => {
    const { mail, change } = await arrange();
    await db.emailOutbox.update({
      where: { id: mail.id },
      data: { status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "mail.smtpErrors.refused" },
    });
    await change();
    const before = await read(mail.id);
    const admin = callerFor(await user("ADMINISTRATOR"));

    expect(await retryEmailAction.as(admin)({ id: mail.id })).toEqual({
      ok: false,
      error:
        "This message is not sent again: the access it reminds of was closed, has ended or now ends at another time.",
    });
    expect(await listOutbox({ page: 1, status: "FAILED" })).toMatchObject({ retryableFailed: 0 });
    expect(await retryFailedEmailsAction.as(admin)({})).toMatchObject({ ok: false });
    expect(await read(mail.id)).toEqual(before);
  });

  it("says so on the outbox page, in English and German", () => {
    expect(smtpErrorText("en", OBSOLETE)).toBe(
      "Not sent: the access it reminds of was closed, has ended or now ends at another time.",
    );
    expect(smtpErrorText("de", OBSOLETE)).toBe(
      "Nicht versendet: Der Zugang, an den sie erinnert, wurde geschlossen, ist abgelaufen oder endet jetzt zu einer anderen Zeit.",
    );
  });
});
