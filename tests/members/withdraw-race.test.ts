import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveShopAccess } from "@/server/access/shop-access";
import { hashToken } from "@/server/auth/tokens";
import { acceptAsSignedIn } from "@/server/invitations/accept";
import { revokeInvitation } from "@/server/members/members";
import { UserError } from "@/server/user-error";
import { loadViewer, type Viewer } from "@/server/viewer";
import { db, member, partnerCompany, shop, user } from "../support/factory";

// An owner withdraws an invitation at the moment its person accepts it: one of the two happens,
// the other is told why, and the shop's members, the link and the audit agree with each other.
// The two are called as they are, without the actions' retry, which would hide a deadlock.
describe("withdrawing an invitation while it is accepted", () => {
  it("ends with exactly one of the two, every time, and never in a deadlock", async () => {
    const partner = await partnerCompany();
    for (let round = 0; round < 20; round++) {
      const s = await shop(partner.id);
      const owner = await member(s.id, "OWNER");
      const invitee = await user("MERCHANT");
      const token = randomBytes(32).toString("base64url");
      const invitation = await db.authToken.create({
        data: {
          kind: "INVITATION",
          tokenHash: hashToken(token),
          userId: invitee.id,
          organizationId: s.id,
          membershipRole: "MEMBER",
          createdById: owner.id,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      const viewer = async (who: { id: string }) => (await loadViewer({ userId: who.id, role: "MERCHANT" })) as Viewer;
      const access = await resolveShopAccess(await viewer(owner), s.id, undefined);
      if (!access.ok) throw new Error("the owner has no access");
      const [withdrawn, accepted] = await Promise.allSettled([
        revokeInvitation(access.access, { invitationId: invitation.id }),
        acceptAsSignedIn(token, await viewer(invitee)),
      ]);
      const refusal = (o: PromiseSettledResult<unknown>) =>
        o.status === "rejected" ? (o.reason instanceof UserError ? o.reason.key : String(o.reason)) : "done";
      const joined = await db.membership.count({ where: { organizationId: s.id, userId: invitee.id } });
      const link = await db.authToken.findUniqueOrThrow({ where: { id: invitation.id } });
      const recorded = await db.auditEvent.count({ where: { organizationId: s.id, action: "invitation.revoked" } });
      if (accepted.status === "fulfilled") {
        expect(refusal(withdrawn), `round ${round}`).toBe("members.errors.invitationGone");
        expect([joined, !!link.usedAt, !!link.revokedAt, recorded]).toEqual([1, true, false, 0]);
      } else {
        expect([refusal(withdrawn), refusal(accepted)], `round ${round}`).toEqual([
          "done",
          "account.errors.linkInvalid",
        ]);
        expect([joined, !!link.usedAt, !!link.revokedAt, recorded]).toEqual([0, false, true, 1]);
      }
    }
  });
});
