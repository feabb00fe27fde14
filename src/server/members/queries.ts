import "server-only";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";

/** The shop's members, owners first, then by name. */
export function shopMembers(organizationId: string) {
  return prisma.membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, createdAt: true, userId: true, user: { select: { name: true, email: true } } },
    orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
  });
}

/** Invitations into the shop whose link still works. */
export function pendingInvitations(organizationId: string) {
  return prisma.authToken.findMany({
    where: { organizationId, kind: "INVITATION", usedAt: null, revokedAt: null, expiresAt: { gt: now() } },
    select: { id: true, membershipRole: true, createdAt: true, expiresAt: true, user: { select: { email: true } } },
    orderBy: { createdAt: "desc" },
  });
}
