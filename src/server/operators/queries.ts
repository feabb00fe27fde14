import "server-only";
import { prisma } from "@/server/db";
import type { OperatorRole } from "@/lib/operators";
import { clampPage } from "@/lib/page-number";

export const OPERATORS_PAGE_SIZE = 50;

export type OperatorStatus = "active" | "invited" | "disabled";

export interface OperatorRow {
  id: string;
  name: string;
  email: string;
  role: OperatorRole;
  companyId: string | null;
  companyName: string | null;
  status: OperatorStatus;
}

/** Operator accounts by name. Whether a password is set is read here; the hash never leaves. */
export async function listOperators(
  requestedPage: number,
): Promise<{ rows: OperatorRow[]; page: number; pages: number }> {
  const page = clampPage(requestedPage);
  const where = { role: { not: "MERCHANT" as const } };
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * OPERATORS_PAGE_SIZE,
      take: OPERATORS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        disabledAt: true,
        passwordHash: true,
        partnerCompany: { select: { id: true, name: true } },
        issuerCompany: { select: { id: true, name: true } },
      },
    }),
  ]);
  const rows = users.map((u): OperatorRow => {
    const company = u.partnerCompany ?? u.issuerCompany;
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role as OperatorRole,
      companyId: company?.id ?? null,
      companyName: company?.name ?? null,
      status: u.disabledAt ? "disabled" : u.passwordHash === null ? "invited" : "active",
    };
  });
  return { rows, page, pages: Math.max(1, Math.ceil(total / OPERATORS_PAGE_SIZE)) };
}

export interface CompanyOption {
  id: string;
  name: string;
}

/** What the role's company select offers: partner companies for partners, issuer companies for issuers. */
export async function companyOptions(): Promise<{ PARTNER: CompanyOption[]; ISSUER: CompanyOption[] }> {
  const args = { select: { id: true, name: true }, orderBy: [{ name: "asc" as const }, { id: "asc" as const }] };
  const [partners, issuers] = await Promise.all([
    prisma.partnerCompany.findMany(args),
    prisma.issuerCompany.findMany(args),
  ]);
  return { PARTNER: partners, ISSUER: issuers };
}
