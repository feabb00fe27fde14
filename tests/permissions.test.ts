import { describe, expect, it } from "vitest";
import { operatorCan, permissions, shopCan, type ConsolePermissionName, type ShopPermissionName } from "@/server/authz";

const consolePermissions = (Object.keys(permissions) as (keyof typeof permissions)[]).filter(
  (p) => permissions[p].area === "console",
) as ConsolePermissionName[];
const shopPermissions = (Object.keys(permissions) as (keyof typeof permissions)[]).filter(
  (p) => permissions[p].area === "shop",
) as ShopPermissionName[];

describe("the permission map", () => {
  it("keeps general configurations, settings, the outbox and the whole audit log to administrators", () => {
    for (const p of [
      "general-config.edit",
      "admin.settings",
      "outbox.view",
      "outbox.retry",
      "audit.view-all",
      "audit.export-all",
    ] as const) {
      expect(operatorCan("ADMINISTRATOR", p)).toBe(true);
      expect(operatorCan("PARTNER", p)).toBe(false);
      expect(operatorCan("ISSUER", p)).toBe(false);
    }
  });

  it("lets partners and administrators, not issuers, enter back offices and change lifecycles", () => {
    for (const p of [
      "support-session.start",
      "remote-support.search",
      "remote-support.request",
      "lifecycle.change",
    ] as const) {
      expect([operatorCan("PARTNER", p), operatorCan("ADMINISTRATOR", p), operatorCan("ISSUER", p)]).toEqual([
        true,
        true,
        false,
      ]);
    }
  });

  it("never gives a merchant a console permission", () => {
    for (const p of consolePermissions) expect(operatorCan("MERCHANT", p)).toBe(false);
  });

  it("lets only owners decide remote support, owners and super admins manage service access, members view", () => {
    expect([
      shopCan("OWNER", "remote-support.decide"),
      shopCan("SUPER_ADMIN", "remote-support.decide"),
      shopCan("MEMBER", "remote-support.decide"),
    ]).toEqual([true, false, false]);
    expect([
      shopCan("OWNER", "service-access.manage"),
      shopCan("SUPER_ADMIN", "service-access.manage"),
      shopCan("MEMBER", "service-access.manage"),
    ]).toEqual([true, true, false]);
    for (const p of ["shop.view", "support-activity.view", "remote-support.view"] as const)
      expect(shopCan("MEMBER", p)).toBe(true);
  });

  it("keeps a support session from widening or extending its own access, whatever its scope", () => {
    const change = { scope: "VIEW_AND_CHANGE" } as const;
    for (const p of [
      "service-access.manage",
      "remote-support.decide",
      "members.manage",
      "addons.manage",
      "sessions.end",
    ] as const) {
      expect(shopCan("OWNER", p)).toBe(true);
      expect(shopCan("OWNER", p, change)).toBe(false);
    }
  });

  it("refuses every change in a view-only session and allows it in a view-and-change one", () => {
    const changing = shopPermissions.filter((p) => permissions[p].inSession === "change");
    expect(changing.length).toBeGreaterThan(0);
    for (const p of changing) {
      expect(shopCan("OWNER", p, { scope: "VIEW_ONLY" })).toBe(false);
      expect(shopCan("OWNER", p, { scope: "VIEW_AND_CHANGE" })).toBe(true);
    }
    expect(shopCan("SUPER_ADMIN", "shop.view", { scope: "VIEW_ONLY" })).toBe(true);
  });
});
