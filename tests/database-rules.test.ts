import { describe, expect, it } from "vitest";
import { db, partnerCompany, shop } from "./support/factory";

// Rules PostgreSQL holds by itself, whatever the application does: each is proven by a write
// that breaks it and must be refused with the constraint's error code.
async function sqlState(write: Promise<unknown>): Promise<string | undefined> {
  try {
    await write;
    return undefined;
  } catch (error) {
    const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } }; cause?: { code?: string } };
    return e.meta?.driverAdapterError?.cause?.originalCode ?? e.meta?.code ?? e.cause?.code ?? e.code;
  }
}

describe("database rules", () => {
  it("a customer reference is unique whatever its case", async () => {
    const partner = await partnerCompany();
    const org = await shop(partner.id);
    const clash = db.$executeRawUnsafe(
      `INSERT INTO "Organization" ("id", "name", "nameSearch", "url", "customerReference", "managedBy", "partnerCompanyId")
       VALUES (gen_random_uuid(), 'Clash', 'clash', 'https://clash.example', $1, 'CUSTOMER', $2::uuid)`,
      org.customerReference.toLowerCase(),
      partner.id,
    );
    expect(await sqlState(clash)).toBe("23505");
  });

  it("an invitation into an organization names its role, and only invitations name one", async () => {
    const partner = await partnerCompany();
    const org = await shop(partner.id);
    const user = await db.user.create({ data: { email: `rule-${Date.now()}@test.local`, name: "Rule", role: "MERCHANT" } });
    const insert = (kind: string, organizationId: string | null, role: string | null) =>
      db.$executeRawUnsafe(
        `INSERT INTO "AuthToken" ("id", "kind", "tokenHash", "userId", "organizationId", "membershipRole", "expiresAt")
         VALUES (gen_random_uuid(), $1::"TokenKind", md5(random()::text), $2::uuid, $3::uuid, $4::"MembershipRole", now() + interval '1 hour')`,
        kind, user.id, organizationId, role,
      );
    expect(await sqlState(insert("INVITATION", org.id, null))).toBe("23514");
    expect(await sqlState(insert("PASSWORD_RESET", org.id, "OWNER"))).toBe("23514");
    expect(await sqlState(insert("INVITATION", org.id, "OWNER"))).toBeUndefined();
  });
});
