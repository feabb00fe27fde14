import { describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import type { ActionResult } from "@/server/action";
import { changeMemberRoleAction, removeMemberAction } from "@/server/members/actions";
import { db, member, partnerCompany, shop } from "../support/factory";
import { as, membershipOf, ownerCount } from "./world";

const LAST_OWNER_SELF =
  "You are the last owner, so you cannot leave or give up the owner role. Make someone else an owner first.";

async function shopWithOwners(count: number) {
  const org = await shop((await partnerCompany()).id);
  const owners = [];
  for (let i = 0; i < count; i++) owners.push(await member(org.id, "OWNER"));
  const ids = await Promise.all(owners.map(async (o) => (await membershipOf(org.id, o.id)).id));
  return { org, owners, ids };
}

type Who = { id: string; role: UserRole };
const demote = (shopId: string, who: Who, membershipId: string) =>
  as(changeMemberRoleAction, who, { shopId, membershipId, role: "SUPER_ADMIN" });
const remove = (shopId: string, who: Who, membershipId: string) =>
  as(removeMemberAction, who, { shopId, membershipId });
const succeeded = (results: ActionResult<unknown>[]) => results.filter((r) => r.ok).length;

describe("the last owner", () => {
  it("cannot leave or step down, and says why", async () => {
    const {
      org,
      owners: [alone],
      ids: [own],
    } = await shopWithOwners(1);
    expect(await demote(org.id, alone, own)).toEqual({ ok: false, error: LAST_OWNER_SELF });
    expect(await remove(org.id, alone, own)).toEqual({ ok: false, error: LAST_OWNER_SELF });
    expect(await ownerCount(org.id)).toBe(1);
    expect(await db.auditEvent.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("cannot be demoted or removed by another owner who then steps down", async () => {
    const {
      org,
      owners: [a, b],
      ids: [idA, idB],
    } = await shopWithOwners(2);
    expect(await demote(org.id, a, idB)).toMatchObject({ ok: true });
    // b is no longer an owner and may not act; a is alone and may not leave
    expect(await demote(org.id, b, idA)).toMatchObject({ ok: false, error: "You are not allowed to do this." });
    expect(await remove(org.id, a, idA)).toEqual({ ok: false, error: LAST_OWNER_SELF });
    expect(await ownerCount(org.id)).toBe(1);
  });

  it("a disabled owner does not count as the one who remains", async () => {
    const {
      org,
      owners: [a, b],
      ids: [idA],
    } = await shopWithOwners(2);
    await db.user.update({ where: { id: b.id }, data: { disabledAt: new Date() } });
    expect(await remove(org.id, a, idA)).toEqual({ ok: false, error: LAST_OWNER_SELF });
  });
});

describe("two owners at the same moment", () => {
  const ROUNDS = 8;

  it("demoting each other leaves exactly one owner", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const {
        org,
        owners: [a, b],
        ids: [idA, idB],
      } = await shopWithOwners(2);
      const results = await Promise.all([demote(org.id, a, idB), demote(org.id, b, idA)]);
      expect(succeeded(results), `round ${round}`).toBe(1);
      expect(await ownerCount(org.id), `round ${round}`).toBe(1);
      expect(await db.auditEvent.count({ where: { organizationId: org.id, action: "member.role-changed" } })).toBe(1);
    }
  });

  it("removing each other leaves exactly one owner", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const {
        org,
        owners: [a, b],
        ids: [idA, idB],
      } = await shopWithOwners(2);
      const results = await Promise.all([remove(org.id, a, idB), remove(org.id, b, idA)]);
      expect(succeeded(results), `round ${round}`).toBe(1);
      expect(await ownerCount(org.id), `round ${round}`).toBe(1);
      expect(await db.membership.count({ where: { organizationId: org.id } })).toBe(1);
    }
  });

  it("both stepping down, or both leaving, leaves exactly one owner", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const {
        org,
        owners: [a, b],
        ids: [idA, idB],
      } = await shopWithOwners(2);
      const step = round % 2 === 0 ? demote : remove;
      const results = await Promise.all([step(org.id, a, idA), step(org.id, b, idB)]);
      expect(succeeded(results), `round ${round}`).toBe(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: LAST_OWNER_SELF });
      expect(await ownerCount(org.id), `round ${round}`).toBe(1);
    }
  });

  it("three owners each demoting the next keep at least one owner", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { org, owners, ids } = await shopWithOwners(3);
      const results = await Promise.all(owners.map((o, i) => demote(org.id, o, ids[(i + 1) % 3])));
      const owners_ = await ownerCount(org.id);
      expect(owners_, `round ${round}`).toBeGreaterThanOrEqual(1);
      expect(owners_ + succeeded(results), `round ${round}`).toBe(3);
    }
  });
});
