import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { UserError } from "@/server/user-error";
import { actorOf, record } from "@/server/audit/record";
import { holdActingAdministrator } from "@/server/operators/acting-administrator";
import type { Operator } from "@/server/viewer";
import type { CompanyKind } from "@/lib/operators";

export interface CompanyRow {
  id: string;
  name: string;
  kind: CompanyKind;
  operators: number;
}

/** Both kinds of company, by name, with how many operator accounts each has. */
export async function listCompanies(): Promise<CompanyRow[]> {
  const select = { id: true, name: true, _count: { select: { operators: true } } } as const;
  const [partners, issuers] = await Promise.all([
    prisma.partnerCompany.findMany({ select, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    prisma.issuerCompany.findMany({ select, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  const row =
    (kind: CompanyKind) =>
    (c: (typeof partners)[number]): CompanyRow => ({ id: c.id, name: c.name, kind, operators: c._count.operators });
  return [...partners.map(row("partner")), ...issuers.map(row("issuer"))].sort(
    (a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind),
  );
}

const nameTaken = () =>
  new UserError("operators.companies.errors.nameTaken", undefined, { name: "operators.companies.errors.nameTaken" });

/**
 * Creates a company; its name is unique among companies of its kind. Like every administrator's
 * action, it waits for a demotion or disabling of the acting administrator under way, and is
 * refused after it.
 */
export async function createCompany(
  admin: Operator,
  input: { name: string; kind: CompanyKind },
): Promise<{ id: string }> {
  try {
    return await prisma.$transaction(async (tx) => {
      await holdActingAdministrator(tx, admin);
      const data = { data: { name: input.name }, select: { id: true } } as const;
      const company =
        input.kind === "partner" ? await tx.partnerCompany.create(data) : await tx.issuerCompany.create(data);
      await record(tx, {
        actor: actorOf(admin),
        action: "company.created",
        target: { type: `${input.kind}-company`, id: company.id },
        details: { name: input.name, kind: input.kind },
      });
      return company;
    });
  } catch (error) {
    // the unique index decides, so two administrators creating the same name at once get one company
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken();
    throw error;
  }
}

/**
 * Renames a company (a typo when it was created, a new name of the firm): its operators, shops and
 * services stay with it. The same name again changes and records nothing.
 */
export async function renameCompany(
  admin: Operator,
  input: { id: string; kind: CompanyKind; name: string },
): Promise<null> {
  try {
    await prisma.$transaction(async (tx) => {
      await holdActingAdministrator(tx, admin);
      const rows: { name: string }[] =
        input.kind === "partner"
          ? await tx.$queryRaw`SELECT "name" FROM "PartnerCompany" WHERE "id" = ${input.id}::uuid FOR UPDATE`
          : await tx.$queryRaw`SELECT "name" FROM "IssuerCompany" WHERE "id" = ${input.id}::uuid FOR UPDATE`;
      if (rows.length === 0) throw new UserError("operators.companies.errors.notFound");
      const previousName = rows[0].name;
      if (previousName === input.name) return;
      const data = { where: { id: input.id }, data: { name: input.name } };
      if (input.kind === "partner") await tx.partnerCompany.update(data);
      else await tx.issuerCompany.update(data);
      await record(tx, {
        actor: actorOf(admin),
        action: "company.renamed",
        target: { type: `${input.kind}-company`, id: input.id },
        details: { name: input.name, previousName, kind: input.kind },
      });
    });
    return null;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken();
    throw error;
  }
}
