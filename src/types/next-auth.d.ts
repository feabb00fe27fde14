import type { UserRole } from "@/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    role: UserRole;
    /** the AuthSession row this sign-in created */
    sid?: string;
  }
  interface Session {
    userId?: string;
    role?: UserRole;
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: UserRole;
    sid?: string;
  }
}
