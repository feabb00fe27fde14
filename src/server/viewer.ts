import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import type { UserRole } from "@/generated/prisma/enums";
import { getIdentity, type Identity } from "@/server/auth";
import { operatorCan, type ConsolePermissionName } from "@/server/authz";
import { Prisma } from "@/generated/prisma/client";
import { prisma, selectRows } from "@/server/db";
import { now } from "@/server/clock";
import { isUuid } from "@/lib/ids";

export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  partnerCompanyId: string | null;
  issuerCompanyId: string | null;
  timeZone: string;
}

export type Operator = Viewer & { role: "PARTNER" | "ISSUER" | "ADMINISTRATOR" };

export function isOperator(viewer: Viewer): viewer is Operator {
  return viewer.role !== "MERCHANT";
}

const viewerSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  partnerCompanyId: true,
  issuerCompanyId: true,
  timeZone: true,
  disabledAt: true,
} as const;
type ViewerRow = Viewer & { disabledAt: Date | null };

/**
 * Reads the viewer behind an identity from the database, with its server-side session in the
 * same query: a signed-out, expired or revoked session, a disabled or deleted user, or a role
 * changed since sign-in is nobody.
 */
export async function loadViewer(identity: Identity): Promise<Viewer | null> {
  let user;
  if (identity.sessionId !== undefined) {
    if (!isUuid(identity.sessionId)) return null;
    // one statement, as every request asks it
    const [session] = await selectRows<
      ViewerRow & { userId: string; expiresAt: Date; revokedAt: Date | null }
    >(Prisma.sql`
      SELECT s."userId", s."expiresAt", s."revokedAt", u."id", u."name", u."email", u."role"::text AS "role",
        u."partnerCompanyId", u."issuerCompanyId", u."timeZone", u."disabledAt"
      FROM "AuthSession" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${identity.sessionId}::uuid`);
    if (!session || session.userId !== identity.userId || session.revokedAt || session.expiresAt <= now()) return null;
    user = session;
  } else {
    user = await prisma.user.findUnique({ where: { id: identity.userId }, select: viewerSelect });
  }
  if (!user || user.disabledAt || user.role !== identity.role) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    partnerCompanyId: user.partnerCompanyId,
    issuerCompanyId: user.issuerCompanyId,
    timeZone: user.timeZone,
  };
}

/** The signed-in viewer of this request, once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const identity = await getIdentity();
  return identity ? loadViewer(identity) : null;
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

/** For console pages: an operator, optionally holding a permission; anyone else gets 403. */
export async function requireOperator(permission: ConsolePermissionName = "console.view"): Promise<Operator> {
  const viewer = await requireViewer();
  if (!isOperator(viewer) || !operatorCan(viewer.role, permission)) forbidden();
  return viewer;
}

/** Where a viewer starts after signing in. */
export async function homePath(viewer: Viewer): Promise<string> {
  if (isOperator(viewer)) return viewer.role === "ISSUER" ? "/console/client-services" : "/console";
  const membership = await prisma.membership.findFirst({
    where: { userId: viewer.id },
    orderBy: { createdAt: "asc" },
    select: { organizationId: true },
  });
  return membership ? `/shop/${membership.organizationId}` : "/no-shop";
}
