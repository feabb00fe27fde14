"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { emailAddress } from "@/lib/text";
import { messageKey } from "@/i18n/keys";
import { shopAction } from "@/server/action";
import { changeMemberRole, inviteMember, leaveShop, removeMember, revokeInvitation } from "./members";
import { languageOf } from "@/i18n/config";

const shopId = z.uuid();
const role = z.enum(["OWNER", "SUPER_ADMIN", "MEMBER"], messageKey("members.errors.role"));
const options = { permission: "members.manage", revalidate: "/shop/[shopId]" } as const;

/**
 * Invites an address into the shop with a role; the email goes out in the inviter's language. The
 * answer says nothing of whether the address already had an account: that is other shops' business.
 */
export const inviteMemberAction = shopAction(
  {
    ...options,
    schema: z.object({
      shopId,
      email: emailAddress(messageKey("members.errors.email")),
      role,
    }),
  },
  async (input, { access, locale }) => {
    await inviteMember(access, { email: input.email, role: input.role, language: languageOf(locale) });
    return { email: input.email.toLowerCase() };
  },
);

export const changeMemberRoleAction = shopAction(
  { ...options, schema: z.object({ shopId, membershipId: z.uuid(), role }) },
  async (input, { access }) => changeMemberRole(access, input),
);

/** An owner who removed themselves has no access to this shop any more: off to their start page. */
export const removeMemberAction = shopAction(
  {
    ...options,
    schema: z.object({ shopId, membershipId: z.uuid() }),
    onSuccess: async ({ removedSelf }: { removedSelf: boolean }) => {
      if (removedSelf) redirect("/");
    },
  },
  async (input, { access }) => removeMember(access, input),
);

export const revokeInvitationAction = shopAction(
  { ...options, schema: z.object({ shopId, invitationId: z.uuid() }) },
  async (input, { access }) => revokeInvitation(access, input),
);

/** Any member leaves the shop themselves, and is then off to their start page. */
export const leaveShopAction = shopAction(
  {
    permission: "members.leave",
    revalidate: "/shop/[shopId]",
    schema: z.object({ shopId }),
    onSuccess: async () => redirect("/"),
  },
  async (_input, { access }) => leaveShop(access),
);
