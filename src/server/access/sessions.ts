import "server-only";
import type { SessionBasis, SessionEndReason } from "@/generated/prisma/enums";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { actorOf, record, type AuditActor } from "@/server/audit/record";
import { UserError } from "@/server/user-error";
import type { Operator } from "@/server/viewer";
import { companyNameOf, formatInstant, notify, shopOwners } from "./notify";
import { isUuid } from "@/lib/ids";
import { granteeOf, mayEnterAsProvider, mayUseGrant } from "./consent";
import { checkSupportSession } from "./support-session";
import { endOneSession } from "./end-sessions";
import { lockShop } from "./shop-lock";
import { lockPerson } from "@/server/named-lock";
import { recordRefusedStart, type RefusedStartReason } from "./refused-start";
import { inTenancy } from "@/server/tenancy";
import { signInHolds } from "@/server/auth/sessions";

export const REASON_MIN = 10;
export const REASON_MAX = 500;

/**
 * What lets this operator into this shop right now, through the door they chose: as the
 * provider that manages the shop (its own operators only), the merchant's service access (the
 * provider's operators and the platform's administrators), or a remote-support grant given to
 * the operator's own partner company (or to the platform, for administrators). Null for a shop
 * that does not exist; otherwise, when nothing lets them in, why not.
 */
async function findBasis(tx: Tx, operator: Operator, organizationId: string, via: "SERVICE_ACCESS" | "REMOTE_SUPPORT") {
  const shop = await tx.organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      managedBy: true,
      partnerCompanyId: true,
      partnerCompany: { select: { name: true } },
    },
  });
  if (!shop) return null;
  const refused = (reason: RefusedStartReason) => ({ refused: reason });
  // whose shop it is first: for another partner's operator the administrators' log says so, not what its owner allows
  if (!inTenancy(operator, shop)) return refused("NOT_THEIRS");
  if (via === "REMOTE_SUPPORT" && shop.managedBy === "SERVICE_PROVIDER") {
    if (!mayEnterAsProvider(operator, shop)) return refused("MANAGED_BY_PROVIDER");
    return {
      shop,
      basis: "MANAGED_BY_PROVIDER" as SessionBasis,
      grant: null,
      actingRole: "OWNER" as const,
      scope: "VIEW_AND_CHANGE" as const,
    };
  }
  const grantee = via === "SERVICE_ACCESS" ? { partnerCompanyId: shop.partnerCompanyId } : granteeOf(operator);
  if (!grantee) return refused("NOT_THEIRS");
  const grant = await tx.accessGrant.findFirst({
    where: {
      organizationId,
      kind: via,
      status: "ACTIVE",
      endsAt: { gt: now() },
      partnerCompanyId: grantee.partnerCompanyId,
    },
  });
  if (!grant || !mayUseGrant(operator, grant, shop))
    return refused(via === "SERVICE_ACCESS" ? "NO_SERVICE_ACCESS" : "NO_REMOTE_SUPPORT");
  return { shop, basis: via as SessionBasis, grant, actingRole: grant.actingRole, scope: grant.scope };
}

/**
 * Starts a support session: the operator enters the shop's back office with what the merchant
 * granted, recorded with the reason, and the owners are told. Refused from inside another
 * session (no nesting) and when nothing allows it at this instant, which the shop's history
 * records (refused-start.ts). `signInId` is the browser's sign-in: signed out while this waited,
 * the session does not begin.
 */
export async function startSupportSession(
  operator: Operator,
  input: { shopId: string; reason: string; via: "SERVICE_ACCESS" | "REMOTE_SUPPORT" },
  { currentSessionId, signInId }: { currentSessionId?: string; signInId?: string } = {},
) {
  if (await currentSessionOf(operator, currentSessionId)) throw new UserError("console.sessions.errors.nested");
  const started = await prisma.$transaction(async (tx) => {
    // the shop first, as every writer of a shop's access does (one lock order, no deadlock);
    // then one support session per operator at a time: a double click or a second browser cannot
    // leave a session running that no cookie names (PostgreSQL holds the rule too)
    await lockShop(tx, input.shopId);
    await lockPerson(tx, operator.id);
    const current = await tx.user.findUnique({
      where: { id: operator.id },
      select: { role: true, partnerCompanyId: true, issuerCompanyId: true, disabledAt: true },
    });
    if (!current) throw new UserError("errors.forbidden");
    // the operator as they are now: disabled or moved to another role or company while this
    // waited, they would begin a session nobody can use, and the owners be told it began
    const changed = current.disabledAt
      ? "ACCOUNT_DISABLED"
      : current.role !== operator.role ||
          current.partnerCompanyId !== operator.partnerCompanyId ||
          current.issuerCompanyId !== operator.issuerCompanyId
        ? "OPERATOR_CHANGED"
        : null;
    // refusals are kept (the shop's record of them), so the transaction commits and the refusal follows
    const refuse = async (reason: RefusedStartReason, key: "errors.forbidden" | "console.sessions.errors.noAccess") => {
      await recordRefusedStart(tx, operator, input.shopId, reason);
      return { refused: key };
    };
    if (changed) {
      if (await tx.organization.count({ where: { id: input.shopId } })) return refuse(changed, "errors.forbidden");
      throw new UserError("errors.forbidden");
    }
    // signing out locks this row too: one that came first is seen here, a later one ends this session
    if (signInId !== undefined && !(await signInHolds(tx, signInId))) throw new UserError("errors.forbidden");
    const found = await findBasis(tx, operator, input.shopId, input.via);
    if (!found) throw new UserError("console.sessions.errors.noAccess");
    if ("refused" in found) return refuse(found.refused, "console.sessions.errors.noAccess");
    const t = now();
    const others = await tx.supportSession.findMany({
      where: { operatorId: operator.id, endedAt: null },
      select: { id: true, organizationId: true },
    });
    for (const other of others) await endOneSession(tx, other, actorOf(operator), "OPERATOR_ENDED");
    const session = await tx.supportSession.create({
      data: {
        operatorId: operator.id,
        organizationId: input.shopId,
        grantId: found.grant?.id ?? null,
        basis: found.basis,
        actingRole: found.actingRole,
        scope: found.scope,
        reason: input.reason,
        startedAt: t,
        lastSeenAt: t,
      },
    });
    await record(tx, {
      actor: actorOf(operator),
      organizationId: input.shopId,
      action: "session.started",
      target: { type: "session", id: session.id },
      details: { reason: input.reason, basis: found.basis, scope: found.scope, actingRole: found.actingRole },
    });
    const company = await companyNameOf(tx, operator);
    await notify(
      tx,
      await shopOwners(tx, input.shopId),
      "supportSessionStarted",
      (r) => ({
        operatorName: operator.name,
        partnerName: company(r),
        shopName: found.shop.name,
        startedAt: formatInstant(t, r),
        reason: input.reason,
      }),
      { kind: "session.started", organizationId: input.shopId },
    );
    return { sessionId: session.id, shopId: input.shopId };
  });
  if ("refused" in started) throw new UserError(started.refused);
  return started;
}

/** The session the operator's cookie names, if it still holds; asking is no use of it (the idle limit runs on). */
export async function currentSessionOf(operator: Operator, sessionId: string | undefined) {
  if (!isUuid(sessionId)) return null;
  const running = await prisma.supportSession.findFirst({
    where: { id: sessionId, operatorId: operator.id, endedAt: null },
    select: { organizationId: true, organization: { select: { name: true } } },
  });
  if (!running || !(await checkSupportSession(operator, running.organizationId, sessionId, false)).ok) return null;
  return { organizationId: running.organizationId, shopName: running.organization.name };
}

/**
 * Ends one running session, by the operator in it or by the shop (owners, super admins). `first`
 * runs at the start of the transaction: the shop's check of its permission under its lock.
 */
export async function endSupportSession(
  input: { sessionId: string; organizationId?: string; operatorId?: string },
  by: AuditActor,
  reason: SessionEndReason,
  first?: (tx: Tx) => Promise<void>,
) {
  return prisma.$transaction(async (tx) => {
    await first?.(tx);
    const session = await tx.supportSession.findFirst({
      where: {
        id: input.sessionId,
        endedAt: null,
        ...(input.organizationId ? { organizationId: input.organizationId } : {}),
        ...(input.operatorId ? { operatorId: input.operatorId } : {}),
      },
      select: { id: true, organizationId: true },
    });
    return session ? endOneSession(tx, session, by, reason) : false;
  });
}
