// Accounts, companies, memberships, sign-in tokens and the emails carrying their links: the rules
// PostgreSQL holds by itself.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, issuerCompany, member, partnerCompany, shop, user } from "../support/factory";
import { check, foreignKey, insert, refusal, unique, update } from "./write";

const email = () => `rule-${randomUUID()}@test.local`;
const account = (role: string, company: { partnerCompanyId?: string; issuerCompanyId?: string } = {}) =>
  insert("User", { email: email(), name: "Rule", role, ...company });

describe("User_role_company_check: an account belongs to exactly the company its role needs", () => {
  it("refuses an operator without its company, with the other kind, and a merchant or administrator with one", async () => {
    const { id: partnerCompanyId } = await partnerCompany();
    const { id: issuerCompanyId } = await issuerCompany();
    const refused = check("User_role_company_check");
    expect(await refusal(account("PARTNER"))).toEqual(refused);
    expect(await refusal(account("PARTNER", { issuerCompanyId }))).toEqual(refused);
    expect(await refusal(account("PARTNER", { partnerCompanyId, issuerCompanyId }))).toEqual(refused);
    expect(await refusal(account("ISSUER"))).toEqual(refused);
    expect(await refusal(account("ISSUER", { partnerCompanyId }))).toEqual(refused);
    expect(await refusal(account("MERCHANT", { partnerCompanyId }))).toEqual(refused);
    expect(await refusal(account("ADMINISTRATOR", { issuerCompanyId }))).toEqual(refused);

    expect(await refusal(account("PARTNER", { partnerCompanyId }))).toBeUndefined();
    expect(await refusal(account("ISSUER", { issuerCompanyId }))).toBeUndefined();
    expect(await refusal(account("MERCHANT"))).toBeUndefined();
    expect(await refusal(account("ADMINISTRATOR"))).toBeUndefined();
  });

  it("refuses moving an operator out of its company", async () => {
    const partner = await partnerCompany();
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    expect(await refusal(update("User", operator.id, { partnerCompanyId: null }))).toEqual(
      check("User_role_company_check"),
    );
    expect(await refusal(update("User", operator.id, { role: "ADMINISTRATOR" }))).toEqual(
      check("User_role_company_check"),
    );
    expect(
      await refusal(update("User", operator.id, { role: "ADMINISTRATOR", partnerCompanyId: null })),
    ).toBeUndefined();
  });
});

describe("User_email_lower_check and User_email_key: one account per address, stored in lower case", () => {
  it("refuses an address with capitals, and an address taken, whatever the role", async () => {
    const address = email();
    expect(await refusal(insert("User", { email: address.toUpperCase(), name: "Rule", role: "MERCHANT" }))).toEqual(
      check("User_email_lower_check"),
    );
    expect(await refusal(insert("User", { email: address, name: "Rule", role: "MERCHANT" }))).toBeUndefined();
    expect(await refusal(insert("User", { email: address, name: "Other", role: "ADMINISTRATOR" }))).toEqual(
      unique("User_email_key"),
    );
  });
});

describe("PartnerCompany_name_key and IssuerCompany_name_key: a company's name is unique among its kind", () => {
  it("refuses a second partner or issuer company of the same name, and allows one of each kind", async () => {
    const name = `Rule ${randomUUID()}`;
    expect(await refusal(insert("PartnerCompany", { name }))).toBeUndefined();
    expect(await refusal(insert("PartnerCompany", { name }))).toEqual(unique("PartnerCompany_name_key"));
    expect(await refusal(insert("IssuerCompany", { name }))).toBeUndefined();
    expect(await refusal(insert("IssuerCompany", { name }))).toEqual(unique("IssuerCompany_name_key"));
  });
});

describe("PartnerCompany_name_folded_key and IssuerCompany_name_folded_key: the name is unique among its kind as people read it", () => {
  it("refuses the same name in another case, another form of its letters or other spaces, and allows it for the other kind", async () => {
    const name = `Rule Ärzte ${randomUUID()}`;
    expect(await refusal(insert("PartnerCompany", { name }))).toBeUndefined();
    for (const same of [
      name.toUpperCase(),
      name.toLowerCase(),
      name.normalize("NFD"),
      name.replace(" ", "\u00A0"),
      name.replace(" ", "  "),
      name.replace("R", "\uFF32"), // a full-width R
    ]) {
      expect(await refusal(insert("PartnerCompany", { name: same })), same).toEqual(
        unique("PartnerCompany_name_folded_key"),
      );
    }
    expect(await refusal(insert("PartnerCompany", { name: name.replace("Ä", "A") }))).toBeUndefined();
    expect(await refusal(insert("IssuerCompany", { name: name.toLowerCase() }))).toBeUndefined();
    expect(await refusal(insert("IssuerCompany", { name: name.toUpperCase().normalize("NFD") }))).toEqual(
      unique("IssuerCompany_name_folded_key"),
    );
  });
});

describe("Membership_userId_organizationId_key: one membership per user and organization", () => {
  it("refuses a second membership in the same organization, and allows one in another", async () => {
    const partner = await partnerCompany();
    const [first, second] = [await shop(partner.id), await shop(partner.id)];
    const merchant = await member(first.id, "MEMBER");
    expect(
      await refusal(insert("Membership", { userId: merchant.id, organizationId: first.id, role: "OWNER" })),
    ).toEqual(unique("Membership_userId_organizationId_key"));
    expect(
      await refusal(insert("Membership", { userId: merchant.id, organizationId: second.id, role: "OWNER" })),
    ).toBeUndefined();
  });
});

describe("AuthToken_membership_check: an invitation into an organization names its role, and only invitations name one", () => {
  it("refuses an organization without a role, a role without an organization and a password reset into an organization", async () => {
    const partner = await partnerCompany();
    const org = await shop(partner.id);
    const merchant = await user("MERCHANT");
    const token = (kind: string, organizationId: string | null, membershipRole: string | null) =>
      insert("AuthToken", {
        kind,
        tokenHash: randomUUID(),
        userId: merchant.id,
        organizationId,
        membershipRole,
        expiresAt: new Date(Date.now() + 3600_000),
      });
    const refused = check("AuthToken_membership_check");
    expect(await refusal(token("INVITATION", org.id, null))).toEqual(refused);
    expect(await refusal(token("INVITATION", null, "OWNER"))).toEqual(refused);
    expect(await refusal(token("PASSWORD_RESET", org.id, "OWNER"))).toEqual(refused);
    expect(await refusal(token("PASSWORD_RESET", null, "OWNER"))).toEqual(refused);

    expect(await refusal(token("INVITATION", org.id, "OWNER"))).toBeUndefined();
    expect(await refusal(token("INVITATION", null, null))).toBeUndefined(); // an operator's invitation
    expect(await refusal(token("PASSWORD_RESET", null, null))).toBeUndefined();
  });
});

describe("AuthToken_tokenHash_key: a token's hash finds exactly one token", () => {
  it("refuses a second token with the same hash", async () => {
    const merchant = await user("MERCHANT");
    const tokenHash = randomUUID();
    const token = () =>
      insert("AuthToken", {
        kind: "PASSWORD_RESET",
        tokenHash,
        userId: merchant.id,
        expiresAt: new Date(Date.now() + 3600_000),
      });
    expect(await refusal(token())).toBeUndefined();
    expect(await refusal(token())).toEqual(unique("AuthToken_tokenHash_key"));
  });
});

describe("EmailOutbox_linkTokenId_fkey: a link's email names a token that exists, and outlives it", () => {
  it("refuses an unknown token, and names none once the token goes with its person", async () => {
    const merchant = await user("MERCHANT");
    const tokenId = randomUUID();
    const email = (linkTokenId: string) =>
      insert("EmailOutbox", {
        toAddresses: [merchant.email],
        subject: "Link",
        text: "encrypted",
        kind: "auth.reset-requested",
        sensitive: true,
        linkTokenId,
      });
    expect(await refusal(email(tokenId))).toEqual(foreignKey("EmailOutbox_linkTokenId_fkey"));
    await insert("AuthToken", {
      id: tokenId,
      kind: "PASSWORD_RESET",
      tokenHash: randomUUID(),
      userId: merchant.id,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    expect(await refusal(email(tokenId))).toBeUndefined();

    await db.user.delete({ where: { id: merchant.id } });
    expect(await db.emailOutbox.findFirst({ where: { toAddresses: { has: merchant.email } } })).toMatchObject({
      linkTokenId: null,
    });
  });
});
