import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptInvitationAction } from "@/server/account/actions";
import { hashToken } from "@/server/auth/tokens";
import { revokeInvitationAction } from "@/server/members/actions";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";

// An owner withdraws an invitation at the moment its person accepts it: one of the two happens,
// the other is told why, and the shop's members, the link and the audit agree with each other.
describe("withdrawing an invitation while it is accepted", () => {
  it("ends with exactly one of the two, every time", async () => {
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
      const [withdrawn, accepted] = await Promise.all([
        revokeInvitationAction.as(callerFor(owner))({ shopId: s.id, invitationId: invitation.id }),
        acceptInvitationAction.as(callerFor(invitee))({ token }),
      ]);
      const joined = await db.membership.count({ where: { organizationId: s.id, userId: invitee.id } });
      const link = await db.authToken.findUniqueOrThrow({ where: { id: invitation.id } });
      const recorded = await db.auditEvent.count({ where: { organizationId: s.id, action: "invitation.revoked" } });
      if (accepted.ok) {
        expect(withdrawn, `round ${round}`).toEqual({
          ok: false,
          error: "This invitation is no longer open (accepted, withdrawn or expired).",
        });
        expect([joined, !!link.usedAt, !!link.revokedAt, recorded]).toEqual([1, true, false, 0]);
      } else {
        expect(withdrawn, `round ${round}`).toMatchObject({ ok: true });
        expect(accepted).toEqual({
          ok: false,
          error: "This link no longer works: it was used, withdrawn or has expired.",
        });
        expect([joined, !!link.usedAt, !!link.revokedAt, recorded]).toEqual([0, false, true, 1]);
      }
    }
  });
});
