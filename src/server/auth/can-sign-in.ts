import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/** An account someone can sign in with: not disabled, and its password set (an invitation accepted). */
export const CAN_SIGN_IN = { disabledAt: null, passwordHash: { not: null } } as const satisfies Prisma.UserWhereInput;
