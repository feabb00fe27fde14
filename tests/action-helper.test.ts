import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { UserRole } from "@/generated/prisma/enums";
import { consoleAction, shopAction } from "@/server/action";
import { UserError } from "@/server/user-error";
import { operatorCan, permissions, type ConsolePermissionName, type ShopPermissionName } from "@/server/authz";
import { prisma } from "@/server/db";
import { record } from "@/server/audit/record";
import { callerFor, db, issuerCompany, member, partnerCompany, shop, supportSession, user } from "./support/factory";

// Test actions that write one audit row when they run, so "refused and changed nothing" can be
// read back from the database.
const consoleWrite = (permission: ConsolePermissionName) =>
  consoleAction(
    { permission, schema: z.object({ marker: z.string().min(3, "errors.required") }) },
    async (input, { operator }) => {
      await prisma.$transaction((tx) =>
        record(tx, { actor: { id: operator.id, label: operator.name }, action: `test.${input.marker}` }),
      );
      return input.marker;
    },
  );
const shopWrite = (permission: ShopPermissionName) =>
  shopAction(
    { permission, schema: z.object({ shopId: z.string(), marker: z.string() }) },
    async (input, { access }) => {
      await prisma.$transaction((tx) =>
        record(tx, {
          actor: { id: access.viewer.id, label: access.viewer.name },
          supportSession: access.session,
          organizationId: input.shopId,
          action: `test.${input.marker}`,
        }),
      );
      return input.marker;
    },
  );
const written = (marker: string) => db.auditEvent.count({ where: { action: `test.${marker}` } });

async function operators() {
  const partner = await partnerCompany();
  const issuer = await issuerCompany();
  return {
    partnerCompanyId: partner.id,
    PARTNER: await user("PARTNER", { partnerCompanyId: partner.id }),
    ISSUER: await user("ISSUER", { issuerCompanyId: issuer.id }),
    ADMINISTRATOR: await user("ADMINISTRATOR"),
    MERCHANT: await user("MERCHANT"),
  };
}

describe("console actions", () => {
  it("refuse a forged call from every role that lacks the permission and change nothing", async () => {
    const people = await operators();
    let checked = 0;
    for (const permission of Object.keys(permissions).filter(
      (p) => permissions[p as keyof typeof permissions].area === "console",
    ) as ConsolePermissionName[]) {
      const action = consoleWrite(permission);
      for (const role of ["PARTNER", "ISSUER", "ADMINISTRATOR", "MERCHANT"] as UserRole[]) {
        const marker = `${permission}-${role}`;
        const result = await action.as(
          callerFor(people[role as keyof typeof people] as { id: string; role: UserRole }),
        )({ marker });
        const allowed = role !== "MERCHANT" && operatorCan(role, permission);
        expect(result.ok, marker).toBe(allowed);
        if (!result.ok) expect(result.error).toBe("You are not allowed to do this.");
        expect(await written(marker), marker).toBe(allowed ? 1 : 0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("refuse anonymous callers, callers whose role changed since sign-in, and disabled users", async () => {
    const people = await operators();
    const action = consoleWrite("admin.settings");
    expect((await action.as({ identity: null, locale: "en" })({ marker: "anon" })).ok).toBe(false);
    // a session cookie claiming ADMINISTRATOR for a partner's account
    expect(
      (
        await action.as({ identity: { userId: people.PARTNER.id, role: "ADMINISTRATOR" }, locale: "en" })({
          marker: "claimed",
        })
      ).ok,
    ).toBe(false);
    await db.user.update({ where: { id: people.ADMINISTRATOR.id }, data: { disabledAt: new Date() } });
    expect((await action.as(callerFor(people.ADMINISTRATOR))({ marker: "disabled" })).ok).toBe(false);
    expect(
      await db.auditEvent.count({ where: { action: { in: ["test.anon", "test.claimed", "test.disabled"] } } }),
    ).toBe(0);
  });

  it("validate input with the schema and answer next to the field, in the caller's language", async () => {
    const people = await operators();
    const result = await consoleWrite("admin.settings").as({ ...callerFor(people.ADMINISTRATOR), locale: "de" })({
      marker: "x",
    });
    expect(result).toEqual({
      ok: false,
      error: "Bitte prüfen Sie die markierten Felder.",
      fieldErrors: { marker: "Dieses Feld ist erforderlich." },
    });
  });

  it("turn a UserError into its message and any other error into a generic one", async () => {
    const people = await operators();
    const failing = consoleAction({ permission: "console.view", schema: z.object({}) }, async () => {
      throw new UserError("errors.sessionEnded");
    });
    expect(await failing.as(callerFor(people.PARTNER))({})).toEqual({
      ok: false,
      error: "Your support session has ended.",
      fieldErrors: undefined,
    });
  });
});

describe("back-office actions", () => {
  it("allow members by role and refuse members of other shops, operators without a session and forged shop ids", async () => {
    const people = await operators();
    const alpine = await shop(people.partnerCompanyId);
    const other = await shop(people.partnerCompanyId);
    const owner = await member(alpine.id, "OWNER");
    const staff = await member(alpine.id, "MEMBER");
    const stranger = await member(other.id, "OWNER");
    const action = shopWrite("service-access.manage");
    expect((await action.as(callerFor(owner))({ shopId: alpine.id, marker: "owner" })).ok).toBe(true);
    expect((await action.as(callerFor(staff))({ shopId: alpine.id, marker: "member" })).ok).toBe(false);
    expect((await action.as(callerFor(stranger))({ shopId: alpine.id, marker: "stranger" })).ok).toBe(false);
    expect((await action.as(callerFor(people.PARTNER))({ shopId: alpine.id, marker: "no-session" })).ok).toBe(false);
    expect(
      (await action.as(callerFor(people.ADMINISTRATOR))({ shopId: alpine.id, marker: "admin-no-session" })).ok,
    ).toBe(false);
    expect((await action.as(callerFor(owner))({ shopId: "not-a-uuid", marker: "garbage" })).ok).toBe(false);
    const markers = ["owner", "member", "stranger", "no-session", "admin-no-session", "garbage"].map(
      (m) => `test.${m}`,
    );
    expect((await db.auditEvent.findMany({ where: { action: { in: markers } } })).map((e) => e.action)).toEqual([
      "test.owner",
    ]);
  });

  it("hold a support session to its scope, its shop, its operator and its end", async () => {
    const people = await operators();
    const alpine = await shop(people.partnerCompanyId);
    const other = await shop(people.partnerCompanyId);
    const viewOnly = await supportSession(people.PARTNER.id, alpine.id, people.partnerCompanyId, {
      scope: "VIEW_ONLY",
    });
    const caller = callerFor(people.PARTNER, viewOnly.session.id);
    expect((await shopWrite("shop.view").as(caller)({ shopId: alpine.id, marker: "view" })).ok).toBe(true);
    expect((await shopWrite("shop.change").as(caller)({ shopId: alpine.id, marker: "change-view-only" })).ok).toBe(
      false,
    );
    expect((await shopWrite("shop.view").as(caller)({ shopId: other.id, marker: "other-shop" })).ok).toBe(false);
    // someone else's session id in a forged cookie
    expect(
      (
        await shopWrite("shop.view").as(callerFor(people.ADMINISTRATOR, viewOnly.session.id))({
          shopId: alpine.id,
          marker: "stolen",
        })
      ).ok,
    ).toBe(false);

    const change = await supportSession(people.ADMINISTRATOR.id, other.id, people.partnerCompanyId, {
      scope: "VIEW_AND_CHANGE",
    });
    const admin = callerFor(people.ADMINISTRATOR, change.session.id);
    expect((await shopWrite("shop.change").as(admin)({ shopId: other.id, marker: "change" })).ok).toBe(true);
    for (const never of [
      "service-access.manage",
      "remote-support.decide",
      "addons.manage",
      "members.manage",
    ] as const) {
      expect((await shopWrite(never).as(admin)({ shopId: other.id, marker: `never-${never}` })).ok, never).toBe(false);
    }
    const markers = (await db.auditEvent.findMany({ where: { organizationId: { in: [alpine.id, other.id] } } })).map(
      (e) => [e.action, e.supportSessionId, e.onBehalfOfOrgId],
    );
    expect(markers).toEqual(
      expect.arrayContaining([
        ["test.view", viewOnly.session.id, alpine.id],
        ["test.change", change.session.id, other.id],
      ]),
    );
    expect(markers).toHaveLength(2);
  });

  it("refuse a session the moment its grant's end passes, and mark the grant expired", async () => {
    const people = await operators();
    const alpine = await shop(people.partnerCompanyId);
    const { grant, session } = await supportSession(people.PARTNER.id, alpine.id, people.partnerCompanyId, {
      scope: "VIEW_AND_CHANGE",
      endsAt: new Date(Date.now() - 1),
    });
    const result = await shopWrite("shop.view").as(callerFor(people.PARTNER, session.id))({
      shopId: alpine.id,
      marker: "late",
    });
    expect(result.ok).toBe(false);
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("EXPIRED");
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: session.id } })).endReason).toBe("GRANT_EXPIRED");
    expect(await written("late")).toBe(0);
  });
});
