import { describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { createOrganizationAction, inviteOwnerAction, updateOrganizationAction } from "@/server/organizations/actions";
import { changeServiceStatusAction } from "@/server/lifecycle/actions";
import { inviteMemberAction } from "@/server/members/actions";
import {
  callerFor,
  clientService,
  db,
  issuerCompany,
  member,
  partnerCompany,
  shop,
  supportSession,
  user,
} from "../support/factory";

type Who = { id: string; role: UserRole };
const create = (who: Who, input: Record<string, unknown>) => createOrganizationAction.as(callerFor(who))(input);
const update = (who: Who, input: Record<string, unknown>) => updateOrganizationAction.as(callerFor(who))(input);

let n = 0;
const fields = (extra: Record<string, unknown> = {}) => ({
  name: "Bäckerei Köhler",
  url: "https://koehler.example",
  customerReference: `CR-NEW-${n++}`,
  number: "+49 (30) 555-0101",
  managedBy: "SERVICE_PROVIDER",
  timeZone: "Europe/Berlin",
  language: "DE",
  ...extra,
});

async function world() {
  const northwind = await partnerCompany();
  const contoso = await partnerCompany();
  return {
    northwind,
    contoso,
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    otherPartner: await user("PARTNER", { partnerCompanyId: contoso.id }),
    admin: await user("ADMINISTRATOR"),
    issuer: await user("ISSUER", { issuerCompanyId: (await issuerCompany()).id }),
    merchant: await user("MERCHANT"),
  };
}
type World = Awaited<ReturnType<typeof world>>;
/** rows of this test's world only: every test file shares one database across its tests */
const orgsOf = (w: World) =>
  db.organization.count({ where: { partnerCompanyId: { in: [w.northwind.id, w.contoso.id] } } });
const recordedBy = (w: World, action: string) =>
  db.auditEvent.count({
    where: { action, actorId: { in: [w.partner.id, w.otherPartner.id, w.admin.id, w.issuer.id, w.merchant.id] } },
  });
const audits = (organizationId: string, action: string) =>
  db.auditEvent.findMany({ where: { organizationId, action }, orderBy: { id: "asc" } });

describe("creating an organization", () => {
  it("files it under the partner's own company with its search keys, and records it", async () => {
    const w = await world();
    const result = await create(w.partner, fields({ customerReference: "CR-KOEHLER" }));
    expect(result).toMatchObject({ ok: true });
    const org = await db.organization.findUniqueOrThrow({ where: { customerReference: "CR-KOEHLER" } });
    expect(org).toMatchObject({
      partnerCompanyId: w.northwind.id,
      nameSearch: "backerei kohler",
      numberDigits: "49305550101",
      language: "DE",
      managedBy: "SERVICE_PROVIDER",
    });
    const [event] = await audits(org.id, "organization.created");
    expect(event.actorId).toBe(w.partner.id);
    expect(event.details).toMatchObject({
      name: "Bäckerei Köhler",
      customerReference: "CR-KOEHLER",
      partner: w.northwind.name,
      language: "DE",
    });
  });

  it("invites the owner (the address as pasted, spaces around it) in the same transaction, by a single-use link through the outbox", async () => {
    const w = await world();
    expect(
      await create(
        w.admin,
        fields({
          customerReference: "CR-OWNER",
          partnerCompanyId: w.contoso.id,
          ownerEmail: " Owner@Koehler.example ",
        }),
      ),
    ).toMatchObject({ ok: true });
    const org = await db.organization.findUniqueOrThrow({ where: { customerReference: "CR-OWNER" } });
    expect(org.partnerCompanyId).toBe(w.contoso.id);
    const token = await db.authToken.findFirstOrThrow({
      where: { organizationId: org.id, kind: "INVITATION" },
      include: { user: true },
    });
    expect(token).toMatchObject({ membershipRole: "OWNER", usedAt: null, createdById: w.admin.id });
    expect(token.user).toMatchObject({ email: "owner@koehler.example", role: "MERCHANT", locale: "DE" });
    expect(
      await db.emailOutbox.count({ where: { organizationId: org.id, kind: "member.invited", sensitive: true } }),
    ).toBe(1);
    expect(await audits(org.id, "member.invited")).toHaveLength(1);
  });

  it("answers a taken customer reference (any case) with a field error and writes nothing", async () => {
    const w = await world();
    const existing = await shop(w.northwind.id);
    const before = await orgsOf(w);
    const result = await create(w.partner, fields({ customerReference: existing.customerReference.toLowerCase() }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { customerReference: "Another organization already has this customer reference." },
    });
    expect(await orgsOf(w)).toBe(before);
    expect(await recordedBy(w, "organization.created")).toBe(0);
  });

  it("takes a reference that differs in the case of an accented letter alone for the same reference", async () => {
    const w = await world();
    const reference = `CR-Ä-${w.northwind.id.slice(0, 8)}`;
    expect(await create(w.partner, fields({ customerReference: reference }))).toMatchObject({ ok: true });
    const result = await create(w.partner, fields({ customerReference: reference.toLowerCase() }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { customerReference: "Another organization already has this customer reference." },
    });
    expect(await recordedBy(w, "organization.created")).toBe(1);
  });

  it("rolls the organization back when the owner's invitation is refused, and says so at the owner's field", async () => {
    const w = await world();
    const result = await create(
      w.partner,
      fields({ customerReference: "CR-ROLLBACK", ownerEmail: w.otherPartner.email }),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { ownerEmail: expect.any(String) } });
    expect(await db.organization.count({ where: { customerReference: "CR-ROLLBACK" } })).toBe(0);
  });

  it("two saves of one reference at once: one is made, the other is told at the reference", async () => {
    const w = await world();
    for (let round = 0; round < 3; round++) {
      const customerReference = `CR-RACE-${round}-${w.northwind.id.slice(0, 8)}`;
      const results = await Promise.all([
        create(w.partner, fields({ customerReference })),
        create(w.partner, fields({ customerReference: customerReference.toLowerCase() })),
      ]);
      expect(
        results.filter((r) => r.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({
        fieldErrors: { customerReference: "Another organization already has this customer reference." },
      });
    }
  });

  it("two new organizations with the same new owner at once are both made, with one account for the owner", async () => {
    const w = await world();
    for (let round = 0; round < 3; round++) {
      const ownerEmail = `owner-${round}-${w.northwind.id}@example.com`;
      const results = await Promise.all([
        create(w.partner, fields({ ownerEmail })),
        create(w.partner, fields({ ownerEmail })),
      ]);
      expect(results, `round ${round}`).toEqual([
        expect.objectContaining({ ok: true }),
        expect.objectContaining({ ok: true }),
      ]);
      const owner = await db.user.findUniqueOrThrow({ where: { email: ownerEmail } });
      expect(await db.authToken.count({ where: { userId: owner.id, kind: "INVITATION" } })).toBe(2);
    }
  });

  it("takes a number with spaces, never with line breaks or other invisible white space", async () => {
    const w = await world();
    for (const number of ["+49 30\n555 0101", "+49 30\u000b555 0101", "+49\f30 5550101", "+49 30\u2028555 0101"]) {
      const result = await create(w.partner, fields({ number }));
      expect(result, JSON.stringify(number)).toMatchObject({
        ok: false,
        fieldErrors: { number: "Enter a phone number: digits, spaces and + ( ) - / . only, at least four digits." },
      });
    }
    expect(await orgsOf(w)).toBe(0);
    expect(await create(w.partner, fields({ number: "+49 (30) 555-0101" }))).toMatchObject({ ok: true });
  });

  it("checks every field and names the ones that are wrong", async () => {
    const w = await world();
    const result = await create(w.admin, {
      name: " ",
      url: "javascript:alert(1)",
      customerReference: "has space",
      number: "call me",
      managedBy: "NOBODY",
      timeZone: "Mars/Olympus",
      language: "FR",
      ownerEmail: "not-an-email",
      partnerCompanyId: "x",
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([
        "customerReference",
        "language",
        "managedBy",
        "name",
        "number",
        "ownerEmail",
        "partnerCompanyId",
        "timeZone",
        "url",
      ]);
    expect(await create(w.admin, fields({ timeZone: "+01:00" }))).toMatchObject({
      ok: false,
      fieldErrors: { timeZone: expect.any(String) },
    });
    // an administrator must say which partner company
    expect(await create(w.admin, fields())).toMatchObject({
      ok: false,
      fieldErrors: { partnerCompanyId: expect.any(String) },
    });
    expect(await create(w.admin, fields({ partnerCompanyId: "3fa85f64-5717-4562-b3fc-2c963f66afa6" }))).toMatchObject({
      ok: false,
      fieldErrors: { partnerCompanyId: expect.any(String) },
    });
    expect(await orgsOf(w)).toBe(0);
  });

  it("refuses a partner naming another partner company, and issuers and merchants altogether", async () => {
    const w = await world();
    expect(await create(w.partner, fields({ partnerCompanyId: w.contoso.id }))).toEqual({
      ok: false,
      error: "You are not allowed to do this.",
    });
    expect(await create(w.issuer, fields({ partnerCompanyId: w.contoso.id }))).toEqual({
      ok: false,
      error: "You are not allowed to do this.",
    });
    expect(await create(w.merchant, fields({ partnerCompanyId: w.contoso.id }))).toEqual({
      ok: false,
      error: "You are not allowed to do this.",
    });
    expect(await orgsOf(w)).toBe(0);
  });
});

/** Remote support an owner approved for the platform's administrators (no partner), running for an hour. */
const platformsGrant = (organizationId: string, adminId: string) =>
  db.accessGrant.create({
    data: {
      kind: "REMOTE_SUPPORT",
      status: "ACTIVE",
      actingRole: "SUPER_ADMIN",
      organizationId,
      partnerCompanyId: null,
      requestedById: adminId,
      requestedAt: new Date(),
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 3600_000),
    },
  });

describe("editing an organization", () => {
  // the form as saved: the organization's own reference and management unless the test changes them
  const edit = (
    org: { id: string; customerReference: string; partnerCompanyId: string; managedBy: string },
    extra: Record<string, unknown> = {},
  ) => ({
    organizationId: org.id,
    ...fields({ customerReference: org.customerReference, managedBy: org.managedBy, ...extra }),
  });

  it("changes the fields, keeps the search keys in step, and records what changed", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER", name: "Old Name" });
    expect(await update(w.partner, edit(org, { managedBy: "CUSTOMER", number: "" }))).toMatchObject({
      ok: true,
      data: { changed: true },
    });
    const after = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after).toMatchObject({
      name: "Bäckerei Köhler",
      nameSearch: "backerei kohler",
      number: null,
      numberDigits: null,
      partnerCompanyId: w.northwind.id,
    });
    const [event] = await audits(org.id, "organization.updated");
    expect(event.details).toMatchObject({ name: "Bäckerei Köhler", number: null, language: "DE" });
    expect(event.details).not.toHaveProperty("managedBy");
    // saving again without changes records nothing
    expect(await update(w.partner, edit(org, { managedBy: "CUSTOMER", number: "" }))).toMatchObject({
      ok: true,
      data: { changed: false },
    });
    expect(await audits(org.id, "organization.updated")).toHaveLength(1);
  });

  it("refuses another partner's organization, and a partner moving their own to another company; nothing changes", async () => {
    const w = await world();
    const theirs = await shop(w.contoso.id, { name: "Contoso Shop" });
    const ours = await shop(w.northwind.id, { name: "Our Shop" });
    expect(await update(w.partner, edit(theirs))).toEqual({ ok: false, error: "You are not allowed to do this." });
    expect(await update(w.partner, edit(theirs, { partnerCompanyId: w.northwind.id }))).toEqual({
      ok: false,
      error: "You are not allowed to do this.",
    });
    expect(await update(w.partner, edit(ours, { partnerCompanyId: w.contoso.id }))).toEqual({
      ok: false,
      error: "You are not allowed to do this.",
    });
    expect(await update(w.issuer, edit(ours))).toEqual({ ok: false, error: "You are not allowed to do this." });
    expect(await update(w.merchant, edit(ours))).toEqual({ ok: false, error: "You are not allowed to do this." });
    expect((await db.organization.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe("Contoso Shop");
    expect(await db.organization.findUniqueOrThrow({ where: { id: ours.id } })).toMatchObject({
      name: "Our Shop",
      partnerCompanyId: w.northwind.id,
    });
    expect(await recordedBy(w, "organization.updated")).toBe(0);
  });

  it("answers another organization's customer reference with a field error", async () => {
    const w = await world();
    const a = await shop(w.northwind.id);
    const b = await shop(w.northwind.id);
    expect(await update(w.partner, edit(a, { customerReference: b.customerReference }))).toMatchObject({
      ok: false,
      fieldErrors: { customerReference: expect.any(String) },
    });
    expect((await db.organization.findUniqueOrThrow({ where: { id: a.id } })).customerReference).toBe(
      a.customerReference,
    );
  });

  it("handing the shop to the customer ends the sessions entered as the provider, at once and recorded; others run on", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "SERVICE_PROVIDER" });
    const provider = await db.supportSession.create({
      data: {
        operatorId: w.partner.id,
        organizationId: org.id,
        basis: "MANAGED_BY_PROVIDER",
        actingRole: "OWNER",
        scope: "VIEW_AND_CHANGE",
        reason: "Ticket 7: set up payments",
        startedAt: new Date(),
      },
    });
    const colleague = await user("PARTNER", { partnerCompanyId: w.northwind.id });
    const { session: granted } = await supportSession(colleague.id, org.id, w.northwind.id);
    await member(org.id, "OWNER");

    expect(await update(w.partner, edit(org, { managedBy: "CUSTOMER" }))).toMatchObject({ ok: true });
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: provider.id } })).toMatchObject({
      endReason: "MANAGEMENT_CHANGED",
      endedById: w.partner.id,
    });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: granted.id } })).endedAt).toBeNull();
    const ended = await audits(org.id, "session.ended");
    expect(ended.map((e) => [e.targetId, e.details])).toEqual([
      [provider.id, { reason: "MANAGEMENT_CHANGED", operator: expect.stringContaining("<") }],
    ]);
    const [event] = await audits(org.id, "organization.updated");
    expect(event.details).toMatchObject({
      managedBy: "CUSTOMER",
      previousManagedBy: "SERVICE_PROVIDER",
      endedSessions: 1,
    });
  });

  it("a partner cannot take management from the customer, whose consent each access needs; an administrator can", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER" });
    const before = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(await update(w.partner, edit(org, { managedBy: "SERVICE_PROVIDER" }))).toEqual({
      ok: false,
      error: "Please check the highlighted fields.",
      fieldErrors: {
        managedBy: "Only an administrator can hand an organization its customer manages to the service provider.",
      },
    });
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toEqual(before);
    expect(await audits(org.id, "organization.updated")).toHaveLength(0);
    expect(await update(w.admin, edit(org, { managedBy: "SERVICE_PROVIDER" }))).toMatchObject({ ok: true });
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).managedBy).toBe("SERVICE_PROVIDER");
    // and back to the customer, which any partner of the shop may do
    expect(await update(w.partner, edit(org, { managedBy: "CUSTOMER" }))).toMatchObject({ ok: true });
  });

  it("tells the shop's owners, in their language, when management changes either way: who may enter now, and how", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER", name: "Bäckerei Told" });
    const owner = await member(org.id, "OWNER");
    const german = await member(org.id, "OWNER");
    await db.user.update({ where: { id: german.id }, data: { locale: "DE" } });
    const gone = await member(org.id, "OWNER");
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    await member(org.id, "MEMBER");
    const told = async () => {
      const mails = await db.emailOutbox.findMany({
        where: { organizationId: org.id, kind: "organization.managed-by-changed" },
        orderBy: { createdAt: "asc" },
      });
      await db.emailOutbox.deleteMany({ where: { organizationId: org.id } });
      return Object.fromEntries(mails.map((m) => [m.toAddresses.join(), m]));
    };

    expect(await update(w.admin, edit(org, { managedBy: "SERVICE_PROVIDER", name: "Bäckerei Told" }))).toMatchObject({
      ok: true,
    });
    const handed = await told();
    expect(Object.keys(handed).sort()).toEqual([owner.email, german.email].sort());
    expect(handed[owner.email].subject).toBe(`${w.northwind.name} now manages Bäckerei Told`);
    expect(handed[owner.email].text).toContain(
      `the support staff of ${w.northwind.name} can enter your back office as an owner at any time, without asking you first`,
    );
    expect(handed[german.email].subject).toBe(`${w.northwind.name} verwaltet jetzt Bäckerei Told`);
    expect(handed[german.email].text).toContain("ohne Sie vorher zu fragen");

    expect(await update(w.partner, edit(org, { managedBy: "CUSTOMER", name: "Bäckerei Told" }))).toMatchObject({
      ok: true,
    });
    const back = await told();
    expect(Object.keys(back).sort()).toEqual([owner.email, german.email].sort());
    expect(back[owner.email].subject).toBe("You now manage Bäckerei Told");
    expect(back[owner.email].text).toContain(
      `the support staff of ${w.northwind.name} can no longer enter your back office without your consent`,
    );
    expect(back[german.email].subject).toBe("Sie verwalten jetzt Bäckerei Told");
    for (const mail of [...Object.values(handed), ...Object.values(back)]) expect(mail.text).not.toMatch(/https?:/);

    // a save that leaves management as it is tells nobody
    expect(await update(w.partner, edit(org, { managedBy: "CUSTOMER", name: "Bäckerei Told" }))).toMatchObject({
      ok: true,
    });
    expect(await told()).toEqual({});
  });

  it("a move to another partner tells the owners who may now enter and how, in the one email of the move", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "SERVICE_PROVIDER", name: "Bäckerei Moved" });
    const owner = await member(org.id, "OWNER");
    const told = async () => {
      const mails = await db.emailOutbox.findMany({ where: { organizationId: org.id } });
      await db.emailOutbox.deleteMany({ where: { organizationId: org.id } });
      return mails.map((m) => ({ to: m.toAddresses, subject: m.subject, text: m.text }));
    };
    const move = (partnerCompanyId: string, managedBy: string) =>
      update(w.admin, edit(org, { partnerCompanyId, managedBy, name: "Bäckerei Moved" }));

    // the shop stays its provider's to manage: the new provider's staff may enter at will
    expect(await move(w.contoso.id, "SERVICE_PROVIDER")).toMatchObject({ ok: true });
    expect(await told()).toEqual([
      {
        to: [owner.email],
        subject: `Bäckerei Moved is now served by ${w.contoso.name}`,
        text: expect.stringContaining(
          `the support staff of ${w.contoso.name} can enter your back office as an owner at any time, without asking you first`,
        ),
      },
    ]);
    // moved and handed to the customer in one save: one email, which says that they must now ask
    expect(await move(w.northwind.id, "CUSTOMER")).toMatchObject({ ok: true });
    expect(await told()).toEqual([
      {
        to: [owner.email],
        subject: `Bäckerei Moved is now served by ${w.northwind.name}`,
        text: expect.stringContaining(
          `The support staff of ${w.northwind.name} can enter your back office only with your consent`,
        ),
      },
    ]);
  });

  it("an administrator moving the shop to another partner ends that partner's operators' sessions, not the platform's own", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER" });
    const { session: partners } = await supportSession(w.partner.id, org.id, w.northwind.id);
    // remote support the owner approved for the platform's administrators, not for a partner
    const platforms = await platformsGrant(org.id, w.admin.id);
    const admins = await db.supportSession.create({
      data: {
        operatorId: w.admin.id,
        organizationId: org.id,
        grantId: platforms.id,
        basis: "REMOTE_SUPPORT",
        actingRole: "OWNER",
        scope: "VIEW_ONLY",
        reason: "Ticket 8: audit the move",
        startedAt: new Date(),
      },
    });
    expect(await update(w.admin, edit(org, { managedBy: "CUSTOMER", partnerCompanyId: w.contoso.id }))).toMatchObject({
      ok: true,
    });
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: partners.id } })).toMatchObject({
      endReason: "PARTNER_CHANGED",
      endedById: w.admin.id,
    });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: admins.id } })).endedAt).toBeNull();
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).partnerCompanyId).toBe(w.contoso.id);
    const [event] = await audits(org.id, "organization.updated");
    expect(event.details).toMatchObject({
      partner: w.contoso.name,
      previousPartner: w.northwind.name,
      endedSessions: 1,
    });
    expect((await audits(org.id, "session.ended")).map((e) => e.targetId)).toEqual([partners.id]);
  });

  it("moving the shop moves its client services to the new partner: the former one can no longer change them", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER" });
    const issuer = await issuerCompany();
    const services = [
      await clientService(w.northwind.id, issuer.id, { organizationId: org.id, status: "ACTIVE" }),
      await clientService(w.northwind.id, issuer.id, { organizationId: org.id, status: "ACTIVE" }),
    ];
    const elsewhere = await clientService(w.northwind.id, issuer.id, { status: "ACTIVE" });
    const owner = await member(org.id, "OWNER");
    expect(await update(w.admin, edit(org, { partnerCompanyId: w.contoso.id }))).toMatchObject({ ok: true });
    const partners = await db.clientService.findMany({
      where: { id: { in: [...services, elsewhere].map((s) => s.id) } },
      select: { id: true, partnerCompanyId: true },
    });
    expect(Object.fromEntries(partners.map((p) => [p.id, p.partnerCompanyId]))).toEqual({
      [services[0].id]: w.contoso.id,
      [services[1].id]: w.contoso.id,
      [elsewhere.id]: w.northwind.id,
    });
    const [event] = await audits(org.id, "organization.updated");
    expect(event.details).toMatchObject({ partner: w.contoso.name, movedServices: 2 });
    // its owners are told who serves them now, and that the former partner's access ended
    const told = await db.emailOutbox.findMany({ where: { organizationId: org.id, kind: "organization.updated" } });
    expect(told.map((m) => [m.toAddresses, m.subject])).toEqual([
      [
        [owner.email],
        `${(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).name} is now served by ${w.contoso.name}`,
      ],
    ]);
    expect(told[0].text).toContain(`instead of ${w.northwind.name}`);
    const suspend = (who: Who) =>
      changeServiceStatusAction.as(callerFor(who))({
        serviceId: services[0].id,
        action: "suspend",
        reason: "Unpaid",
        from: "ACTIVE",
      });
    expect((await suspend(w.partner)).ok).toBe(false);
    expect(await suspend(w.otherPartner)).toMatchObject({ ok: true });
  });

  it("moving the shop withdraws the owner invitations the former partner sent; the platform's stay", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER" });
    const invite = (who: Who, email: string) => inviteOwnerAction.as(callerFor(who))({ organizationId: org.id, email });
    expect(await invite(w.partner, "partners-pick@example.test")).toMatchObject({ ok: true });
    expect(await invite(w.admin, "platforms-pick@example.test")).toMatchObject({ ok: true });

    expect(await update(w.admin, edit(org, { partnerCompanyId: w.contoso.id }))).toMatchObject({ ok: true });

    const open = await db.authToken.findMany({
      where: { organizationId: org.id, kind: "INVITATION", usedAt: null, revokedAt: null },
      select: { user: { select: { email: true } } },
    });
    expect(open.map((o) => o.user.email)).toEqual(["platforms-pick@example.test"]);
    expect((await audits(org.id, "invitation.revoked")).map((e) => [e.actorId, e.details])).toEqual([
      [w.admin.id, expect.objectContaining({ email: "partners-pick@example.test" })],
    ]);
  });

  it("moving the shop leaves the owner invitations its owners sent: theirs to send, not the former partner's", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER" });
    const owner = await member(org.id, "OWNER");
    expect(
      await inviteMemberAction.as(callerFor(owner))({ shopId: org.id, email: "co-owner@example.test", role: "OWNER" }),
    ).toMatchObject({ ok: true });

    expect(await update(w.admin, edit(org, { partnerCompanyId: w.contoso.id }))).toMatchObject({ ok: true });

    const open = await db.authToken.findMany({
      where: { organizationId: org.id, kind: "INVITATION", usedAt: null, revokedAt: null },
      select: { user: { select: { email: true } } },
    });
    expect(open.map((o) => o.user.email)).toEqual(["co-owner@example.test"]);
    expect(await audits(org.id, "invitation.revoked")).toEqual([]);
  });

  it("moving the shop ends the consent its owner gave the former partner, and leaves the platform's", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER" });
    const { grant: access } = await supportSession(w.partner.id, org.id, w.northwind.id);
    // an administrator inside through the access the owner opened for the former partner
    const throughAccess = await db.supportSession.create({
      data: {
        operatorId: w.admin.id,
        organizationId: org.id,
        grantId: access.id,
        basis: "SERVICE_ACCESS",
        actingRole: "OWNER",
        scope: "VIEW_ONLY",
        reason: "Ticket 9: before the move",
        startedAt: new Date(),
      },
    });
    const colleague = await user("PARTNER", { partnerCompanyId: w.northwind.id });
    const { grant: approved } = await supportSession(colleague.id, org.id, w.northwind.id, { kind: "REMOTE_SUPPORT" });
    // one open request per partner and shop: the request waits on a second shop of theirs
    const org2 = await shop(w.northwind.id, { managedBy: "CUSTOMER" });
    const asked = await db.accessGrant.create({
      data: {
        kind: "REMOTE_SUPPORT",
        status: "REQUESTED",
        actingRole: "SUPER_ADMIN",
        organizationId: org2.id,
        partnerCompanyId: w.northwind.id,
        requestedById: w.partner.id,
        requestedAt: new Date(),
        requestExpiresAt: new Date(Date.now() + 3600_000),
      },
    });
    // approved for the platform's administrators (no partner): not the former partner's
    const platforms = await platformsGrant(org.id, w.admin.id);

    expect(await update(w.admin, edit(org, { partnerCompanyId: w.contoso.id }))).toMatchObject({ ok: true });
    expect(await update(w.admin, edit(org2, { partnerCompanyId: w.contoso.id }))).toMatchObject({ ok: true });
    const status = async (id: string) => (await db.accessGrant.findUniqueOrThrow({ where: { id } })).status;
    expect([
      await status(access.id),
      await status(approved.id),
      await status(asked.id),
      await status(platforms.id),
    ]).toEqual(["REVOKED", "REVOKED", "REJECTED", "ACTIVE"]);
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({
      closedById: w.admin.id,
      endedSessions: true,
    });
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: asked.id } })).toMatchObject({
      decidedById: w.admin.id,
    });
    const ends = await db.auditEvent.findMany({
      where: {
        organizationId: { in: [org.id, org2.id] },
        action: { in: ["access.closed", "remote-support.revoked", "remote-support.rejected"] },
      },
      orderBy: { id: "asc" },
    });
    expect(ends.map((e) => [e.action, e.targetId, e.details, e.actorId])).toEqual(
      expect.arrayContaining([
        ["access.closed", access.id, { reason: "PARTNER_CHANGED" }, w.admin.id],
        ["remote-support.revoked", approved.id, { reason: "PARTNER_CHANGED" }, w.admin.id],
        ["remote-support.rejected", asked.id, { reason: "PARTNER_CHANGED" }, w.admin.id],
      ]),
    );
    expect(ends).toHaveLength(3);
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: throughAccess.id } })).toMatchObject({
      endReason: "PARTNER_CHANGED",
      endedById: w.admin.id,
    });
    expect((await audits(org.id, "organization.updated"))[0].details).toMatchObject({ closedGrants: 2 });
    expect((await audits(org2.id, "organization.updated"))[0].details).toMatchObject({ closedGrants: 1 });
  });

  it("moving the shop tells the former partner's requesters that their remote support or request ended, once", async () => {
    const w = await world();
    const org = await shop(w.northwind.id, { managedBy: "CUSTOMER", name: "Alpine Moved" });
    await db.user.update({ where: { id: w.partner.id }, data: { locale: "DE" } });
    const colleague = await user("PARTNER", { partnerCompanyId: w.northwind.id });
    await supportSession(colleague.id, org.id, w.northwind.id, { kind: "REMOTE_SUPPORT" });
    const org2 = await shop(w.northwind.id, { managedBy: "CUSTOMER", name: "Baltic Moved" });
    await db.accessGrant.create({
      data: {
        kind: "REMOTE_SUPPORT",
        status: "REQUESTED",
        actingRole: "SUPER_ADMIN",
        organizationId: org2.id,
        partnerCompanyId: w.northwind.id,
        requestedById: w.partner.id,
        requestedAt: new Date(),
        requestExpiresAt: new Date(Date.now() + 3600_000),
      },
    });

    const move = (o: typeof org) => update(w.admin, edit(o, { partnerCompanyId: w.contoso.id, name: o.name }));
    expect(await move(org)).toMatchObject({ ok: true });
    expect(await move(org2)).toMatchObject({ ok: true });
    const told = await db.emailOutbox.findMany({
      where: { toAddresses: { hasSome: [w.partner.email, colleague.email] } },
      orderBy: { subject: "asc" },
    });
    expect(told.map((m) => [m.toAddresses, m.subject, m.kind])).toEqual([
      [[w.partner.email], "Fernsupport für Baltic Moved beendet", "remote-support.rejected"],
      [[colleague.email], "Remote support for Alpine Moved ended", "remote-support.revoked"],
    ]);
    expect(told[1].text).toContain(
      `Alpine Moved is no longer served by ${w.northwind.name}. The remote support access to it that its owners had approved ended with this change.`,
    );
    expect(told[0].text).toContain(
      `Baltic Moved wird nicht mehr von ${w.northwind.name} betreut. Ihre Anfrage für Fernsupport bei dieser Organisation ist unbeantwortet geschlossen.`,
    );
    // nothing names the partner that serves the shop now
    for (const m of told) expect(m.text).not.toContain(w.contoso.name);
  });
});
