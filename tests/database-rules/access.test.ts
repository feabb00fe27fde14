// Grants and support sessions: the rules PostgreSQL holds by itself. The partial unique indexes are
// proven at their edges: the write they exist to refuse, and the neighbours they must let through.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { partnerCompany, shop, supportSession, user } from "../support/factory";
import { check, insert, refusal, unique, update } from "./write";

const hour = 3600_000;

async function world() {
  const partner = await partnerCompany();
  const otherPartner = await partnerCompany();
  const operator = await user("PARTNER", { partnerCompanyId: partner.id });
  return { partner, otherPartner, operator, org: await shop(partner.id), otherOrg: await shop(partner.id) };
}
type World = Awaited<ReturnType<typeof world>>;

type GrantRow = {
  kind?: string;
  status?: string;
  organizationId?: string;
  partnerCompanyId?: string | null;
  [column: string]: unknown;
};
/** A grant with the shape its status needs (an active one has a window, a requested one a lapse). */
function grant(w: World, row: GrantRow = {}) {
  const t = Date.now();
  const status = row.status ?? "ACTIVE";
  const shape =
    status === "ACTIVE"
      ? { startsAt: new Date(t), endsAt: new Date(t + hour) }
      : status === "REQUESTED"
        ? { requestExpiresAt: new Date(t + hour) }
        : {};
  return insert("AccessGrant", {
    kind: "SERVICE_ACCESS",
    organizationId: w.org.id,
    partnerCompanyId: w.partner.id,
    actingRole: "OWNER",
    requestedById: w.operator.id,
    requestedAt: new Date(t),
    updatedAt: new Date(t),
    ...shape,
    ...row,
    status,
  });
}

describe("AccessGrant_active_has_window_check: an active grant has a window that ends after it starts", () => {
  it("refuses an active grant without a start, without an end, or ending when it starts; a closed one needs none", async () => {
    const w = await world();
    const t = new Date();
    const refused = check("AccessGrant_active_has_window_check");
    expect(await refusal(grant(w, { startsAt: null }))).toEqual(refused);
    expect(await refusal(grant(w, { endsAt: null }))).toEqual(refused);
    expect(await refusal(grant(w, { startsAt: t, endsAt: t }))).toEqual(refused);
    expect(await refusal(grant(w, { status: "REVOKED" }))).toBeUndefined();
    expect(await refusal(grant(w, { startsAt: t, endsAt: new Date(t.getTime() + 1) }))).toBeUndefined();
  });
});

describe("AccessGrant_requested_has_lapse_check: a request says when it lapses", () => {
  it("refuses a request without requestExpiresAt, and lets a decided one drop it", async () => {
    const w = await world();
    const id = randomUUID();
    expect(await refusal(grant(w, { kind: "REMOTE_SUPPORT", status: "REQUESTED", requestExpiresAt: null }))).toEqual(
      check("AccessGrant_requested_has_lapse_check"),
    );
    expect(await refusal(grant(w, { id, kind: "REMOTE_SUPPORT", status: "REQUESTED" }))).toBeUndefined();
    expect(await refusal(update("AccessGrant", id, { requestExpiresAt: null }))).toEqual(
      check("AccessGrant_requested_has_lapse_check"),
    );
    expect(await refusal(update("AccessGrant", id, { status: "REJECTED", requestExpiresAt: null }))).toBeUndefined();
  });
});

describe("AccessGrant_service_access_partner_check: service access always names the shop's partner company", () => {
  it("refuses service access without a partner company; remote support may be the platform's", async () => {
    const w = await world();
    expect(await refusal(grant(w, { partnerCompanyId: null }))).toEqual(
      check("AccessGrant_service_access_partner_check"),
    );
    expect(await refusal(grant(w, { kind: "REMOTE_SUPPORT", partnerCompanyId: null }))).toBeUndefined();
  });
});

describe("AccessGrant_one_open_service_access: at most one active service access per shop", () => {
  it("refuses a second active one for the shop, and lets closed ones, other shops and remote support through", async () => {
    const w = await world();
    expect(await refusal(grant(w))).toBeUndefined();
    expect(await refusal(grant(w))).toEqual(unique("AccessGrant_one_open_service_access"));
    expect(await refusal(grant(w, { partnerCompanyId: w.otherPartner.id }))).toEqual(
      unique("AccessGrant_one_open_service_access"),
    );
    for (const status of ["REVOKED", "EXPIRED", "REJECTED"])
      expect(await refusal(grant(w, { status }))).toBeUndefined();
    expect(await refusal(grant(w, { organizationId: w.otherOrg.id }))).toBeUndefined();
    expect(await refusal(grant(w, { kind: "REMOTE_SUPPORT" }))).toBeUndefined();
  });

  it("refuses reopening a closed one while another is active", async () => {
    const w = await world();
    const closed = randomUUID();
    expect(
      await refusal(
        grant(w, { id: closed, status: "REVOKED", startsAt: new Date(Date.now() - hour), endsAt: new Date() }),
      ),
    ).toBeUndefined();
    expect(await refusal(grant(w))).toBeUndefined();
    expect(await refusal(update("AccessGrant", closed, { status: "ACTIVE" }))).toEqual(
      unique("AccessGrant_one_open_service_access"),
    );
  });
});

describe("AccessGrant_one_open_remote_support: one pending or active remote-support grant per shop and grantee", () => {
  it("refuses a second open one for the same shop and partner company, requested or active", async () => {
    const w = await world();
    const remote = (row: GrantRow = {}) => grant(w, { kind: "REMOTE_SUPPORT", ...row });
    expect(await refusal(remote({ status: "REQUESTED" }))).toBeUndefined();
    expect(await refusal(remote({ status: "REQUESTED" }))).toEqual(unique("AccessGrant_one_open_remote_support"));
    expect(await refusal(remote({ status: "ACTIVE" }))).toEqual(unique("AccessGrant_one_open_remote_support"));
    // neighbours: closed ones, another grantee, another shop
    for (const status of ["REJECTED", "REVOKED", "EXPIRED"]) expect(await refusal(remote({ status }))).toBeUndefined();
    expect(await refusal(remote({ partnerCompanyId: w.otherPartner.id }))).toBeUndefined();
    expect(await refusal(remote({ organizationId: w.otherOrg.id }))).toBeUndefined();
  });

  it("counts the platform (no partner company) as one grantee", async () => {
    const w = await world();
    const platform = (status: string) => grant(w, { kind: "REMOTE_SUPPORT", partnerCompanyId: null, status });
    expect(await refusal(platform("ACTIVE"))).toBeUndefined();
    expect(await refusal(platform("REQUESTED"))).toEqual(unique("AccessGrant_one_open_remote_support"));
    expect(await refusal(grant(w, { kind: "REMOTE_SUPPORT", status: "REQUESTED" }))).toBeUndefined(); // the partner company beside it
  });
});

type SessionRow = { operatorId?: string; organizationId?: string; reason?: string; [column: string]: unknown };
function session(w: World, row: SessionRow = {}) {
  return insert("SupportSession", {
    operatorId: w.operator.id,
    organizationId: w.org.id,
    basis: "SERVICE_ACCESS",
    actingRole: "OWNER",
    scope: "VIEW_ONLY",
    reason: "Ticket #12345 checkout",
    startedAt: new Date(),
    ...row,
  });
}

describe("SupportSession_end_check: a session that ended says why, one that runs does not", () => {
  it("refuses an end without a reason and a reason without an end", async () => {
    const w = await world();
    const { session: running } = await supportSession(w.operator.id, w.org.id, w.partner.id);
    expect(await refusal(update("SupportSession", running.id, { endedAt: new Date() }))).toEqual(
      check("SupportSession_end_check"),
    );
    expect(await refusal(update("SupportSession", running.id, { endReason: "OPERATOR_ENDED" }))).toEqual(
      check("SupportSession_end_check"),
    );
    expect(
      await refusal(update("SupportSession", running.id, { endedAt: new Date(), endReason: "OPERATOR_ENDED" })),
    ).toBeUndefined();
  });
});

describe("SupportSession_reason_check: a session states its reason in at least 10 characters", () => {
  it("refuses 9 characters and takes 10", async () => {
    const w = await world();
    expect(await refusal(session(w, { reason: "Ticket #1" }))).toEqual(check("SupportSession_reason_check"));
    expect(await refusal(session(w, { reason: "Ticket #12" }))).toBeUndefined();
  });
});

describe("SupportSession_one_running_per_operator: one running support session per operator", () => {
  it("refuses a second running session, in any shop, and lets ended ones and other operators through", async () => {
    const w = await world();
    const other = await user("PARTNER", { partnerCompanyId: w.partner.id });
    expect(await refusal(session(w, { endedAt: new Date(), endReason: "OPERATOR_ENDED" }))).toBeUndefined();
    expect(await refusal(session(w))).toBeUndefined();
    expect(await refusal(session(w))).toEqual(unique("SupportSession_one_running_per_operator"));
    expect(await refusal(session(w, { organizationId: w.otherOrg.id }))).toEqual(
      unique("SupportSession_one_running_per_operator"),
    );
    expect(await refusal(session(w, { endedAt: new Date(), endReason: "OPERATOR_ENDED" }))).toBeUndefined();
    expect(await refusal(session(w, { operatorId: other.id }))).toBeUndefined();
  });

  it("refuses resuming an ended session while another runs", async () => {
    const w = await world();
    const ended = randomUUID();
    expect(await refusal(session(w, { id: ended, endedAt: new Date(), endReason: "OPERATOR_ENDED" }))).toBeUndefined();
    expect(await refusal(session(w))).toBeUndefined();
    expect(await refusal(update("SupportSession", ended, { endedAt: null, endReason: null }))).toEqual(
      unique("SupportSession_one_running_per_operator"),
    );
  });
});
