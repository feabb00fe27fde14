"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { emailAddress } from "@/lib/text";
import { messageKey } from "@/i18n/keys";
import { Prisma } from "@/generated/prisma/client";
import { digitsOnly, foldForSearch } from "@/lib/search-keys";
import { consoleAction } from "@/server/action";
import { UserError } from "@/server/user-error";
import { endSessions } from "@/server/access/end-sessions";
import { lockShop } from "@/server/access/shop-lock";
import { endFormerPartnersConsent } from "@/server/access/partner-move";
import { notify, shopOwners } from "@/server/access/notify";
import { now } from "@/server/clock";
import { actorOf, record } from "@/server/audit/record";
import { inTenancy } from "@/server/tenancy";
import { prisma, type Tx } from "@/server/db";
import { inviteToOrganization, inviterOf, withdrawOpenInvitations } from "@/server/invitations/invite";
import type { Operator } from "@/server/viewer";
import { createOrganizationSchema, organizationFields, updateOrganizationSchema } from "./schemas";
import { inviteOwner, withdrawOwnerInvitation } from "./owner-invitation";

type Fields = z.infer<z.ZodObject<typeof organizationFields>>;
const referenceTaken = () =>
  new UserError("errors.checkFields", undefined, { customerReference: "organizations.errors.referenceTaken" });

/** A partner acts for their own partner company only: any other id in the form is refused, before any query. */
function refuseForeignPartner(operator: Operator, requested: string | undefined): void {
  if (operator.role === "ADMINISTRATOR") return;
  if (
    operator.role !== "PARTNER" ||
    !operator.partnerCompanyId ||
    (requested !== undefined && requested !== operator.partnerCompanyId)
  ) {
    throw new UserError("errors.forbidden");
  }
}

/** The partner company the organization will belong to: the administrator's choice, or the partner's own. */
async function partnerFor(tx: Tx, operator: Operator, requested: string | undefined) {
  const id = operator.role === "ADMINISTRATOR" ? requested : operator.partnerCompanyId;
  if (!id) throw new UserError("errors.checkFields", undefined, { partnerCompanyId: "errors.required" });
  const partner = await tx.partnerCompany.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!partner) throw new UserError("errors.checkFields", undefined, { partnerCompanyId: "errors.invalidField" });
  return partner;
}

/** Customer references are unique whatever their case (the search treats them so). */
async function assertReferenceFree(tx: Tx, reference: string, exceptId?: string): Promise<void> {
  const except = exceptId ? Prisma.sql`AND "id" <> ${exceptId}::uuid` : Prisma.empty;
  const taken = await tx.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "Organization" WHERE lower("customerReference") = lower(${reference}) ${except} LIMIT 1`;
  if (taken.length > 0) throw referenceTaken();
}

/** Two saves racing past the check above meet the unique index: the same field error, not a 500. */
async function translatingUniqueViolation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (
      error instanceof Prisma.PrismaClientKnownRequestError &&
      error.code === "P2002" &&
      error.meta?.modelName === "Organization"
    )
      throw referenceTaken();
    throw error;
  }
}

function columns(input: Fields, partnerCompanyId: string) {
  return {
    name: input.name,
    nameSearch: foldForSearch(input.name),
    url: input.url,
    customerReference: input.customerReference,
    number: input.number ?? null,
    numberDigits: input.number ? digitsOnly(input.number) : null,
    managedBy: input.managedBy,
    partnerCompanyId,
    timeZone: input.timeZone,
    language: input.language,
  };
}

/** Console >> Organizations >> New: the organization, and optionally the invitation of its first owner. */
export const createOrganizationAction = consoleAction(
  {
    schema: createOrganizationSchema,
    permission: "organizations.manage",
    revalidate: "/console/organizations",
    onSuccess: async ({ id }: { id: string }) => redirect(`/console/organizations/${id}`),
  },
  async (input, { operator }) => {
    refuseForeignPartner(operator, input.partnerCompanyId);
    return translatingUniqueViolation(() =>
      prisma.$transaction(async (tx) => {
        const partner = await partnerFor(tx, operator, input.partnerCompanyId);
        await assertReferenceFree(tx, input.customerReference);
        const organization = await tx.organization.create({
          data: columns(input, partner.id),
          select: { id: true, name: true, timeZone: true },
        });
        await record(tx, {
          actor: actorOf(operator),
          organizationId: organization.id,
          action: "organization.created",
          target: { type: "organization", id: organization.id },
          details: {
            name: input.name,
            url: input.url,
            customerReference: input.customerReference,
            number: input.number ?? null,
            managedBy: input.managedBy,
            partner: partner.name,
            timeZone: input.timeZone,
            language: input.language,
          },
        });
        if (input.ownerEmail) {
          try {
            await inviteToOrganization(tx, {
              organization,
              email: input.ownerEmail,
              role: "OWNER",
              language: input.language,
              invitedBy: inviterOf(operator),
            });
          } catch (error) {
            // the invitation speaks of "email"; on this form the field is the owner's email
            if (error instanceof UserError && error.fieldErrors?.email)
              throw new UserError(error.key, error.values, { ownerEmail: error.fieldErrors.email });
            throw error;
          }
        }
        return { id: organization.id };
      }),
    );
  },
);

/**
 * Console >> Organizations >> Edit. The organization is locked and re-read in the transaction,
 * so tenancy and the previous values are those the change applies to. Access that the change
 * takes away ends at once: sessions entered because the provider managed the shop, and (a new
 * partner company) sessions of the former partner's operators.
 */
export const updateOrganizationAction = consoleAction(
  { schema: updateOrganizationSchema, permission: "organizations.manage", revalidate: "/console/organizations" },
  async (input, { operator }) => {
    refuseForeignPartner(operator, input.partnerCompanyId);
    const actor = actorOf(operator);
    return translatingUniqueViolation(() =>
      prisma.$transaction(async (tx) => {
        await lockShop(tx, input.organizationId);
        const before = await tx.organization.findUnique({
          where: { id: input.organizationId },
          include: { partnerCompany: { select: { id: true, name: true } } },
        });
        if (!before || !inTenancy(operator, before)) throw new UserError("errors.forbidden");
        // the customer's consent is asked for each access; only the platform may hand that to the provider
        if (
          before.managedBy === "CUSTOMER" &&
          input.managedBy === "SERVICE_PROVIDER" &&
          operator.role !== "ADMINISTRATOR"
        )
          throw new UserError("errors.checkFields", undefined, { managedBy: "organizations.errors.managedByCustomer" });
        const partner = await partnerFor(tx, operator, input.partnerCompanyId ?? before.partnerCompanyId);
        if (input.customerReference.toLowerCase() !== before.customerReference.toLowerCase())
          await assertReferenceFree(tx, input.customerReference, before.id);
        const after = columns(input, partner.id);
        await tx.organization.update({ where: { id: before.id }, data: after });

        const details: Prisma.InputJsonObject & Record<string, string | number | null> = {};
        for (const key of ["name", "url", "customerReference", "number", "timeZone", "language"] as const) {
          if (after[key] !== before[key]) details[key] = after[key];
        }
        if (after.managedBy !== before.managedBy)
          Object.assign(details, { managedBy: after.managedBy, previousManagedBy: before.managedBy });
        if (partner.id !== before.partnerCompanyId)
          Object.assign(details, { partner: partner.name, previousPartner: before.partnerCompany.name });
        let ended = 0;
        if (before.managedBy === "SERVICE_PROVIDER" && after.managedBy === "CUSTOMER") {
          ended += await endSessions(
            tx,
            { organizationId: before.id, basis: "MANAGED_BY_PROVIDER" },
            "MANAGEMENT_CHANGED",
            actor,
          );
        }
        if (partner.id !== before.partnerCompanyId) {
          // operators only: the shop's own people (its owners inviting a co-owner) are not a partner
          const otherPartners: Prisma.UserWhereInput = {
            role: { notIn: ["ADMINISTRATOR", "MERCHANT"] },
            OR: [{ partnerCompanyId: { not: partner.id } }, { partnerCompanyId: null }],
          };
          ended += await endSessions(
            tx,
            { organizationId: before.id, operator: otherPartners },
            "PARTNER_CHANGED",
            actor,
          );
          const closed = await endFormerPartnersConsent(tx, before.id, partner.id, actor, now());
          if (closed.grants > 0) details.closedGrants = closed.grants;
          ended += closed.sessions;
          // the shop's client services are the partner's who serves the shop: they move with it
          const { count: movedServices } = await tx.clientService.updateMany({
            where: { organizationId: before.id, partnerCompanyId: { not: partner.id } },
            data: { partnerCompanyId: partner.id },
          });
          if (movedServices > 0) details.movedServices = movedServices;
          // and the owner the former partner picked is no longer its to pick (each withdrawal recorded)
          await withdrawOpenInvitations(
            tx,
            { organizationId: before.id, membershipRole: "OWNER", createdBy: otherPartners },
            { actor },
          );
          // the owners are told: the access they had given the former partner ended
          await notify(
            tx,
            await shopOwners(tx, before.id),
            "shopMovedToPartner",
            () => ({
              shopName: after.name,
              partnerName: partner.name,
              previousPartnerName: before.partnerCompany.name,
              managedBy: after.managedBy === "SERVICE_PROVIDER" ? "provider" : "customer",
            }),
            { kind: "organization.updated", organizationId: before.id },
          );
        }
        // the owners are told who may now enter their back office, and how: at will, or when they
        // consent; a move to another partner says it in its own email
        if (after.managedBy !== before.managedBy && partner.id === before.partnerCompanyId)
          await notify(
            tx,
            await shopOwners(tx, before.id),
            "shopManagementChanged",
            () => ({
              shopName: after.name,
              partnerName: partner.name,
              managedBy: after.managedBy === "SERVICE_PROVIDER" ? "provider" : "customer",
            }),
            { kind: "organization.managed-by-changed", organizationId: before.id },
          );
        if (ended > 0) details.endedSessions = ended;
        if (Object.keys(details).length > 0) {
          await record(tx, {
            actor,
            organizationId: before.id,
            action: "organization.updated",
            target: { type: "organization", id: before.id },
            details,
          });
        }
        return { id: before.id, changed: Object.keys(details).length > 0 };
      }),
    );
  },
);

const ownerEmail = emailAddress(messageKey("organizations.errors.email"));

/** Console >> Organizations >> one: invites the owner of an organization that has none who can sign in. */
export const inviteOwnerAction = consoleAction(
  {
    schema: z.object({ organizationId: z.uuid(), email: ownerEmail }),
    permission: "organizations.manage",
    revalidate: "/console/organizations",
  },
  async (input, { operator }) => inviteOwner(operator, input),
);

/** Withdraws an owner invitation of such an organization (a wrong address, say). */
export const withdrawOwnerInvitationAction = consoleAction(
  {
    schema: z.object({ organizationId: z.uuid(), invitationId: z.uuid() }),
    permission: "organizations.manage",
    revalidate: "/console/organizations",
  },
  async (input, { operator }) => withdrawOwnerInvitation(operator, input),
);
