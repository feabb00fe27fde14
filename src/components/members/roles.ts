import type { MembershipRole } from "@/generated/prisma/enums";

/** The roles in the order the forms offer them. */
export const ROLES: readonly MembershipRole[] = ["OWNER", "SUPER_ADMIN", "MEMBER"];
