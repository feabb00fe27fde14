import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The import boundaries of eslint.config.mjs, proven with the project's real configuration: a
// planted violation in each guarded area fails with the boundary's rule, and what the code
// legitimately does there passes.

const BOUNDARY_RULES = new Set(["no-restricted-imports", "house/client-imports-server"]);
const root = fileURLToPath(new URL("..", import.meta.url));
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // loading the configuration and the TypeScript parser takes seconds: not inside a test's timeout
  await eslint.lintText("", { filePath: `${root}src/lib/warm-up.ts` });
});

/** The boundary rules' findings for `code` linted as if it were the file at `filePath`. */
async function boundaryErrors(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  expect(
    result.messages.filter((m) => m.fatal),
    "the snippet parses",
  ).toEqual([]);
  return result.messages
    .filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId))
    .map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

const PAGE = "src/app/(merchant)/shop/[shopId]/planted/page.tsx";
const SERVER = "src/server/shop/planted.ts";
const COMPONENT = "src/components/shop/planted.tsx";

describe("src/app never queries Prisma", () => {
  it("refuses the Prisma client module and the generated client, by alias or relative path", async () => {
    const code = [
      'import { prisma } from "@/server/db";',
      'import { prisma as again } from "../../../../../server/db";',
      'import { PrismaClient } from "@/generated/prisma/client";',
      "export const used = [prisma, again, PrismaClient];",
    ].join("\n");
    const errors = await boundaryErrors(code, PAGE);
    expect(errors.map((e) => [e.rule, e.line])).toEqual([
      ["no-restricted-imports", 1],
      ["no-restricted-imports", 2],
      ["no-restricted-imports", 3],
    ]);
    expect(errors[0].message).toContain("src/server/<domain>/queries.ts");
  });

  it("lets a page read through a domain's queries and use the generated enums' types", async () => {
    const code = [
      'import { shopFacts } from "@/server/shop/queries";',
      'import { requireShopPage } from "@/server/access/shop-access";',
      'import type { OutboxStatus } from "@/generated/prisma/enums";',
      "export const used: [unknown, unknown, OutboxStatus?] = [shopFacts, requireShopPage];",
    ].join("\n");
    expect(await boundaryErrors(code, PAGE)).toEqual([]);
  });
});

describe("src/server never imports UI", () => {
  it("refuses components and routes, by alias or relative path, and react-dom", async () => {
    const code = [
      'import { StorefrontForm } from "@/components/shop/storefront-form";',
      'import { Flash } from "../../components/ui/flash";',
      'import Page from "@/app/(merchant)/shop/[shopId]/page";',
      'import { renderToString } from "react-dom/server";',
      "export const used = [StorefrontForm, Flash, Page, renderToString];",
    ].join("\n");
    const errors = await boundaryErrors(code, SERVER);
    expect(errors.map((e) => [e.rule, e.line])).toEqual([1, 2, 3, 4].map((line) => ["no-restricted-imports", line]));
  });

  it("lets server modules use each other, the database and React's cache", async () => {
    const code = [
      'import { cache } from "react";',
      'import { prisma } from "@/server/db";',
      'import { isUuid } from "@/lib/ids";',
      "export const used = [cache, prisma, isUuid];",
    ].join("\n");
    expect(await boundaryErrors(code, SERVER)).toEqual([]);
  });
});

describe("only server actions build on the action helper (no cycle between it and the domains)", () => {
  it("refuses the helper, even for a type, in a domain module", async () => {
    const code = [
      'import type { Caller } from "@/server/action";',
      'import { shopAction } from "../action";',
      "export const used: [unknown, Caller?] = [shopAction];",
    ].join("\n");
    const errors = await boundaryErrors(code, "src/server/shop/planted.ts");
    expect(errors.map((e) => [e.rule, e.line])).toEqual([
      ["no-restricted-imports", 1],
      ["no-restricted-imports", 2],
    ]);
    expect(errors[0].message).toContain("@/server/user-error");
  });

  it("lets actions.ts and *-actions.ts use it, and still keeps UI out of them", async () => {
    const code = [
      '"use server";',
      'import { shopAction } from "@/server/action";',
      'import { UserError } from "@/server/user-error";',
      "export const used = [shopAction, UserError];",
    ].join("\n");
    expect(await boundaryErrors(code, "src/server/shop/actions.ts")).toEqual([]);
    expect(await boundaryErrors(code, "src/server/access/remote-support-actions.ts")).toEqual([]);
    const ui = await boundaryErrors(
      `${code}\nimport { Flash } from "@/components/ui/flash";\nexport const flash = Flash;`,
      "src/server/shop/actions.ts",
    );
    expect(ui.map((e) => [e.rule, e.line])).toEqual([["no-restricted-imports", 5]]);
  });
});

describe('client components ("use client") take from src/server only server actions and types', () => {
  it("refuses server code, by alias, relative path or dynamic import, in components and in src/app", async () => {
    const code = [
      '"use client";',
      'import { runningSessions } from "@/server/access/queries";',
      'import { supportSessionCookie, type SessionCheck } from "../../server/access/support-session";',
      'import { sessionLimits } from "@/server/access/limits";',
      'export const later = () => import("@/server/clock");',
      "export const used: [unknown, unknown, unknown, SessionCheck?] = [runningSessions, supportSessionCookie, sessionLimits];",
    ].join("\n");
    const errors = await boundaryErrors(code, COMPONENT);
    expect(errors.map((e) => [e.rule, e.line])).toEqual(
      [2, 3, 4, 5].map((line) => ["house/client-imports-server", line]),
    );
    expect(errors[0].message).toContain("Move what the browser needs to src/lib");
    const inApp = await boundaryErrors(
      '"use client";\nimport { now } from "@/server/clock";\nexport const used = now;',
      "src/app/(console)/console/planted-form.tsx",
    );
    expect(inApp.map((e) => e.rule)).toEqual(["house/client-imports-server"]);
  });

  it('lets them import server actions ("use server" modules), types and src/lib', async () => {
    const code = [
      '"use client";',
      'import { saveStorefrontStatusAction } from "@/server/shop/actions";',
      'import { approveRemoteSupportAction } from "@/server/access/remote-support-actions";',
      'import type { ActionResult } from "@/server/action";',
      'import { type Operator } from "@/server/viewer";',
      'import { DURATION_CHOICES, formatDuration } from "@/lib/durations";',
      "export const used: [unknown, unknown, unknown, unknown, ActionResult?, Operator?] = [saveStorefrontStatusAction, approveRemoteSupportAction, DURATION_CHOICES, formatDuration];",
    ].join("\n");
    expect(await boundaryErrors(code, COMPONENT)).toEqual([]);
  });

  it("leaves server components (no directive) free to use server code", async () => {
    const code = 'import { runningSessions } from "@/server/access/queries";\nexport const used = runningSessions;';
    expect(await boundaryErrors(code, COMPONENT)).toEqual([]);
  });
});

describe("links come from src/components/ui/link.tsx, which does not prefetch", () => {
  const code = 'import NextLink from "next/link";\nexport const used = NextLink;';

  it("refuses next/link in pages and components, whatever their directive", async () => {
    for (const [source, file] of [
      [code, PAGE],
      [code, COMPONENT],
      [`"use client";\n${code}`, COMPONENT],
    ]) {
      const errors = await boundaryErrors(source, file);
      expect(errors.map((e) => e.rule)).toEqual(["no-restricted-imports"]);
      expect(errors[0].message).toContain("@/components/ui/link");
    }
  });

  it("keeps a page's other boundaries along with it", async () => {
    const errors = await boundaryErrors(
      `${code}\nimport { prisma } from "@/server/db";\nexport const db = prisma;`,
      PAGE,
    );
    expect(errors.map((e) => [e.rule, e.line])).toEqual([
      ["no-restricted-imports", 1],
      ["no-restricted-imports", 3],
    ]);
  });

  it("lets the wrapper itself use it, and everyone else the wrapper", async () => {
    expect(await boundaryErrors(code, "src/components/ui/link.tsx")).toEqual([]);
    const wrapper = 'import { Link } from "@/components/ui/link";\nexport const used = Link;';
    expect(await boundaryErrors(wrapper, PAGE)).toEqual([]);
    expect(await boundaryErrors(wrapper, COMPONENT)).toEqual([]);
  });
});
