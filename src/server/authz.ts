import type { MembershipRole, UserRole } from "@/generated/prisma/enums";

/**
 * The one permission map. Console permissions name operator roles; back-office permissions name
 * membership roles (an operator inside a support session holds the membership role the grant
 * gives, within the limits below). Pages use it to decide what to show, actions to decide what
 * to allow.
 *
 * `inSession` says what a support session may do with a back-office permission:
 *  - "view":   allowed in every session
 *  - "change": allowed only when the merchant granted "View and change"
 *  - "never":  refused in every session (a session can never widen or extend its own access)
 */
type ConsolePermission = { area: "console"; roles: readonly UserRole[] };
type ShopPermission = { area: "shop"; roles: readonly MembershipRole[]; inSession: "view" | "change" | "never" };

const OPERATORS = ["PARTNER", "ISSUER", "ADMINISTRATOR"] as const;
const ALL_MEMBERS = ["OWNER", "SUPER_ADMIN", "MEMBER"] as const;
const SHOP_ADMINS = ["OWNER", "SUPER_ADMIN"] as const;

export const permissions = {
  "console.view": { area: "console", roles: OPERATORS },
  "admin.settings": { area: "console", roles: ["ADMINISTRATOR"] },
  "outbox.view": { area: "console", roles: ["ADMINISTRATOR"] },
  "outbox.retry": { area: "console", roles: ["ADMINISTRATOR"] },
  "audit.view-all": { area: "console", roles: ["ADMINISTRATOR"] },
  "audit.export-all": { area: "console", roles: ["ADMINISTRATOR"] },
  "client-services.view": { area: "console", roles: OPERATORS },
  "client-services.edit": { area: "console", roles: ["PARTNER", "ADMINISTRATOR"] },
  "general-config.edit": { area: "console", roles: ["ADMINISTRATOR"] },
  "lifecycle.change": { area: "console", roles: ["PARTNER", "ADMINISTRATOR"] },
  "notes.add": { area: "console", roles: OPERATORS },
  "notes.remove-any": { area: "console", roles: ["ADMINISTRATOR"] },
  "support-session.start": { area: "console", roles: ["PARTNER", "ADMINISTRATOR"] },
  "remote-support.search": { area: "console", roles: ["PARTNER", "ADMINISTRATOR"] },
  "remote-support.request": { area: "console", roles: ["PARTNER", "ADMINISTRATOR"] },
  // partners for their own partner company's organizations, administrators for all
  "organizations.view": { area: "console", roles: ["PARTNER", "ADMINISTRATOR"] },
  "organizations.manage": { area: "console", roles: ["PARTNER", "ADMINISTRATOR"] },
  "operators.manage": { area: "console", roles: ["ADMINISTRATOR"] },
  "companies.manage": { area: "console", roles: ["ADMINISTRATOR"] },

  "shop.view": { area: "shop", roles: ALL_MEMBERS, inSession: "view" },
  "shop.change": { area: "shop", roles: SHOP_ADMINS, inSession: "change" },
  "service-access.manage": { area: "shop", roles: SHOP_ADMINS, inSession: "never" },
  "remote-support.view": { area: "shop", roles: ALL_MEMBERS, inSession: "view" },
  "remote-support.decide": { area: "shop", roles: ["OWNER"], inSession: "never" },
  "members.view": { area: "shop", roles: ALL_MEMBERS, inSession: "view" },
  "members.manage": { area: "shop", roles: ["OWNER"], inSession: "never" },
  "members.leave": { area: "shop", roles: ALL_MEMBERS, inSession: "never" },
  "addons.manage": { area: "shop", roles: SHOP_ADMINS, inSession: "never" },
  "support-activity.view": { area: "shop", roles: ALL_MEMBERS, inSession: "view" },
  // the shop's whole history as a file is the merchant's own, as the console keeps the audit from partners
  "support-activity.export": { area: "shop", roles: ALL_MEMBERS, inSession: "never" },
  "sessions.end": { area: "shop", roles: SHOP_ADMINS, inSession: "never" },
} as const satisfies Record<string, ConsolePermission | ShopPermission>;

export type Permission = keyof typeof permissions;
export type ConsolePermissionName = {
  [K in Permission]: (typeof permissions)[K] extends { area: "console" } ? K : never;
}[Permission];
export type ShopPermissionName = {
  [K in Permission]: (typeof permissions)[K] extends { area: "shop" } ? K : never;
}[Permission];

/** What a support session allows, when the viewer is an operator inside one. */
export interface SessionGrant {
  scope: "VIEW_ONLY" | "VIEW_AND_CHANGE";
}

export function operatorCan(role: UserRole, permission: ConsolePermissionName): boolean {
  return (permissions[permission].roles as readonly string[]).includes(role);
}

export function shopCan(role: MembershipRole, permission: ShopPermissionName, session?: SessionGrant): boolean {
  const rule = permissions[permission];
  if (!(rule.roles as readonly string[]).includes(role)) return false;
  if (!session) return true;
  if (rule.inSession === "never") return false;
  if (rule.inSession === "change") return session.scope === "VIEW_AND_CHANGE";
  return true;
}
