// A shop with one of each role, a second shop with its own owner, and a partner operator.
import type { UserRole } from "@/generated/prisma/enums";
import type { ServerAction } from "@/server/action";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";

export async function world() {
  const partner = await partnerCompany();
  const alpine = await shop(partner.id);
  const baltic = await shop(partner.id);
  return {
    partner,
    alpine,
    baltic,
    owner: await member(alpine.id, "OWNER"),
    owner2: await member(alpine.id, "OWNER"),
    superAdmin: await member(alpine.id, "SUPER_ADMIN"),
    staff: await member(alpine.id, "MEMBER"),
    otherOwner: await member(baltic.id, "OWNER"),
    operator: await user("PARTNER", { partnerCompanyId: partner.id }),
  };
}
export type World = Awaited<ReturnType<typeof world>>;

/** Calls an action as this person, the way a forged POST would. */
export const as = <T>(
  action: ServerAction<T>,
  who: { id: string; role: UserRole },
  input: Record<string, unknown>,
  supportSessionId?: string,
) => action.as(callerFor(who, supportSessionId))(input);

export const membershipOf = (organizationId: string, userId: string) =>
  db.membership.findUniqueOrThrow({ where: { userId_organizationId: { userId, organizationId } } });

export const ownerCount = (organizationId: string) => db.membership.count({ where: { organizationId, role: "OWNER" } });

/** Everything a members action could change, to compare before and after a refused call. */
export async function snapshot(organizationId: string) {
  return {
    memberships: await db.membership.findMany({
      where: { organizationId },
      select: { id: true, userId: true, role: true },
      orderBy: { id: "asc" },
    }),
    tokens: await db.authToken.findMany({
      where: { organizationId },
      select: { id: true, usedAt: true, revokedAt: true },
      orderBy: { id: "asc" },
    }),
    users: await db.user.count(),
    audit:
      (await db.auditEvent.count({ where: { action: { startsWith: "member." } } })) +
      (await db.auditEvent.count({ where: { action: "invitation.revoked" } })),
    outbox: await db.emailOutbox.count(),
  };
}
