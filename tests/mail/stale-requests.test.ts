// An email telling the owners that remote support is requested is true only while the request waits
// for their answer. One still waiting in the outbox (an SMTP outage) when the request was approved,
// rejected, closed by the shop's move to another partner, or lapsed is given up, not sent late: by
// the worker once the server is back, nor when an administrator sends failed emails again. It is
// the reminders' rule (stale-reminders.test.ts), on the request's own condition.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  approveRemoteSupportAction,
  rejectRemoteSupportAction,
  requestRemoteSupportAction,
} from "@/server/access/remote-support-actions";
import { updateOrganizationAction } from "@/server/organizations/actions";
import { retryEmailAction, retryFailedEmailsAction } from "@/server/mail/actions";
import { listOutbox } from "@/server/mail/queries";
import { smtpErrorText } from "@/server/mail/transport";
import { CONNECTION_RETRY_MS, MAX_ATTEMPTS, processOutboxOnce } from "@/server/mail/worker";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";
import { closedPort } from "../support/smtp-sink";
import { FAST, later, readOutbox, restoreAfterEach, sinkAt, smtpAt } from "../support/outbox-outage";

delete process.env.SMTP_URL;

const SETTLED = "mail.smtpErrors.requestSettled";

const read = readOutbox;

restoreAfterEach();
afterEach(async () => {
  await db.emailOutbox.deleteMany();
});

/** A partner's operator asks the owner of a shop its customer manages for remote support. */
async function requested() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
  const partner = await partnerCompany();
  const alpine = await shop(partner.id, { managedBy: "CUSTOMER", name: "Alpine Asked" });
  const owner = await member(alpine.id, "OWNER");
  const operator = await user("PARTNER", { partnerCompanyId: partner.id });
  expect(
    await requestRemoteSupportAction.as(callerFor(operator))({ shopId: alpine.id, minutes: "240", note: "" }),
  ).toMatchObject({ ok: true });
  const grant = await db.accessGrant.findFirstOrThrow({ where: { organizationId: alpine.id } });
  const mail = await db.emailOutbox.findFirstOrThrow({
    where: { organizationId: alpine.id, kind: "remote-support.requested" },
  });
  const ids = { shopId: alpine.id, grantId: grant.id };
  return { mail, alpine, owner, ids };
}

const settlements: [string, () => Promise<{ mail: { id: string }; settle: () => Promise<unknown> }>][] = [
  [
    "approved",
    async () => {
      const { mail, owner, ids } = await requested();
      const settle = async () =>
        expect(await approveRemoteSupportAction.as(callerFor(owner))({ ...ids, minutes: "240" })).toMatchObject({
          ok: true,
        });
      return { mail, settle };
    },
  ],
  [
    "rejected",
    async () => {
      const { mail, owner, ids } = await requested();
      const settle = async () =>
        expect(await rejectRemoteSupportAction.as(callerFor(owner))({ ...ids, reason: "" })).toMatchObject({
          ok: true,
        });
      return { mail, settle };
    },
  ],
  [
    "closed by the shop's move to another partner",
    async () => {
      const { mail, alpine } = await requested();
      const admin = await user("ADMINISTRATOR");
      const other = await partnerCompany();
      const settle = async () =>
        expect(
          await updateOrganizationAction.as(callerFor(admin))({
            organizationId: alpine.id,
            name: alpine.name,
            url: alpine.url,
            customerReference: alpine.customerReference,
            number: alpine.number,
            managedBy: "CUSTOMER",
            partnerCompanyId: other.id,
            timeZone: alpine.timeZone,
            language: alpine.language,
          }),
        ).toMatchObject({ ok: true });
      return { mail, settle };
    },
  ],
  [
    "lapsed unanswered, before anything wrote it down",
    async () => {
      const { mail } = await requested();
      return { mail, settle: async () => later(49 * 3600_000) };
    },
  ],
];

describe("a remote-support request's email, waiting in the outbox", () => {
  it("is sent once the server is back while the request still waits for an answer", async () => {
    const port = await closedPort();
    smtpAt(port);
    const { mail } = await requested();
    expect(await processOutboxOnce(FAST)).toMatchObject({ failed: 1 });
    const sink = await sinkAt(port);
    later(CONNECTION_RETRY_MS);
    expect(await processOutboxOnce(FAST)).toMatchObject({ sent: 1 });
    expect(sink.received.map((m) => m.headers.subject)).toEqual(["Remote support requested for Alpine Asked"]);
    expect(await read(mail.id)).toMatchObject({ status: "SENT" });
  });

  it.each(settlements)("is given up by the worker, never sent: %s", async (_, arrange) => {
    const port = await closedPort();
    smtpAt(port);
    const { mail, settle } = await arrange();
    expect(await processOutboxOnce(FAST)).toMatchObject({ failed: 1 });
    expect(await read(mail.id)).toMatchObject({ status: "QUEUED", lastError: "mail.smtpErrors.refused" });

    await settle();
    const sink = await sinkAt(port);
    later(CONNECTION_RETRY_MS);
    while ((await processOutboxOnce(FAST)).sent > 0);

    expect(sink.received.filter((m) => m.headers.subject.includes("requested"))).toEqual([]);
    expect(await read(mail.id)).toMatchObject({ status: "FAILED", attempts: 1, lastError: SETTLED });
  });

  it.each(settlements)("is not sent again by an administrator, who is told why: %s", async (_, arrange) => {
    const { mail, settle } = await arrange();
    await db.emailOutbox.update({
      where: { id: mail.id },
      data: { status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "mail.smtpErrors.refused" },
    });
    await settle();
    const before = await read(mail.id);
    const admin = callerFor(await user("ADMINISTRATOR"));

    expect(await retryEmailAction.as(admin)({ id: mail.id })).toEqual({
      ok: false,
      error: "This message is not sent again: the request it tells of was answered, closed or has lapsed.",
    });
    expect(await listOutbox({ page: 1, status: "FAILED" })).toMatchObject({ retryableFailed: 0 });
    expect(await retryFailedEmailsAction.as(admin)({})).toMatchObject({ ok: false });
    expect(await read(mail.id)).toEqual(before);
  });

  it("says so on the outbox page, in English and German", () => {
    expect(smtpErrorText("en", SETTLED)).toBe("Not sent: the request it tells of was answered, closed or has lapsed.");
    expect(smtpErrorText("de", SETTLED)).toBe(
      "Nicht versendet: Die Anfrage, von der sie berichtet, wurde beantwortet, geschlossen oder ist verfallen.",
    );
  });
});
