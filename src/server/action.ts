import "server-only";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { getIdentity, type Identity } from "@/server/auth";
import { operatorCan, type ConsolePermissionName, type ShopPermissionName } from "@/server/authz";
import { canInShop, resolveShopAccess, type ShopAccess } from "@/server/access/shop-access";
import { supportSessionCookie } from "@/server/access/session-cookie";
import { isOperator, loadViewer, type Operator, type Viewer } from "@/server/viewer";
import { asLocale, type Locale } from "@/i18n/config";
import { hasKey, translator } from "@/i18n/translator";
import type { MessageKey } from "@/i18n/keys";
import { UserError } from "@/server/user-error";
import { retryOnConflict } from "@/server/retry";
import { databaseAnswers } from "@/server/health";
import { isUuid } from "@/lib/ids";

/** What every server action returns, for `useActionState`. Messages are already translated. */
export type ActionResult<T = null> =
  { ok: true; data: T; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** Who is calling: the session cookie in a real request; a test names it directly. */
export interface Caller {
  identity: Identity | null;
  supportSessionId?: string;
  locale: Locale;
}

type Input = FormData | Record<string, unknown>;
export type ServerAction<T> = ((prev: unknown, input: Input) => Promise<ActionResult<T>>) & {
  /** runs the action as the given caller, through every check (used by tests to forge calls) */
  as(caller: Caller): (input: Input) => Promise<ActionResult<T>>;
};

function toObject(input: Input): Record<string, unknown> {
  // a forged request may send anything as the input: what is no object has no fields
  if (typeof input !== "object" || input === null) return {};
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = input.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

const FORBIDDEN: { refused: MessageKey } = { refused: "errors.forbidden" };

async function requestCaller(): Promise<Caller> {
  const locale = await getLocale();
  return {
    identity: await getIdentity(),
    supportSessionId: (await cookies()).get(supportSessionCookie())?.value,
    locale: asLocale(locale),
  };
}

async function execute<S extends z.ZodType, T, Ctx>(
  schema: S,
  caller: Caller,
  raw: Input,
  authorize: (unchecked: Record<string, unknown>) => Promise<Ctx | { refused: MessageKey }>,
  handler: (input: z.infer<S>, ctx: Ctx) => Promise<T>,
  anonymous = false,
): Promise<ActionResult<T>> {
  const { locale } = caller;
  const t = translator(locale);
  try {
    // who first, from the session and the record only: an anonymous or unauthorized caller learns
    // nothing about the input's shape, not even which fields it would have got wrong
    if (!caller.identity && !anonymous) return { ok: false, error: t(FORBIDDEN.refused) };
    const values = toObject(raw);
    const ctx = await authorize(values);
    if (typeof ctx === "object" && ctx !== null && "refused" in ctx) return { ok: false, error: t(ctx.refused) };
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || "_";
        // a length or size check names its limit: "at most {max, number} characters"
        const limit: Record<string, number> =
          issue.code === "too_small"
            ? { min: Number(issue.minimum) }
            : issue.code === "too_big"
              ? { max: Number(issue.maximum) }
              : {};
        fieldErrors[field] ??= t(hasKey(locale, issue.message) ? issue.message : "errors.invalidField", limit);
      }
      return { ok: false, error: t("errors.checkFields"), fieldErrors };
    }
    // a handler's transactions roll back whole on a deadlock or serialization failure: run it again
    return { ok: true, data: await retryOnConflict(() => handler(parsed.data, ctx)) };
  } catch (error) {
    if (error instanceof UserError) {
      const fieldErrors = error.fieldErrors
        ? Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, t(v, error.values)]))
        : undefined;
      return { ok: false, error: t(error.key, error.values), ...(fieldErrors ? { fieldErrors } : {}) };
    }
    console.error("[action] unexpected error", error);
    // while the database is away the person is told so, and to try again shortly; never the error itself
    return { ok: false, error: t((await databaseAnswers()) ? "errors.generic" : "errors.unavailable") };
  }
}

function build<T>(
  run: (caller: Caller, input: Input) => Promise<ActionResult<T>>,
  options: { revalidate?: string; onSuccess?: (data: T) => Promise<void> },
): ServerAction<T> {
  const action = async (_prev: unknown, input: Input) => {
    const result = await run(await requestCaller(), input);
    if (result.ok && options.revalidate) revalidatePath(options.revalidate, "layout");
    // outside the handler's try/catch: may set cookies or redirect (which throws by design)
    if (result.ok && options.onSuccess) await options.onSuccess(result.data);
    return result;
  };
  return Object.assign(action, { as: (caller: Caller) => (input: Input) => run(caller, input) });
}

interface Options<S extends z.ZodType, P, T> {
  schema: S;
  permission: P;
  /** a path whose pages show what the action changed */
  revalidate?: string;
  /** runs after success in a real request only (cookies, redirects); tests see the data instead */
  onSuccess?: (data: T) => Promise<void>;
}

/** A console action: the caller must be an operator whose role holds the permission. */
export function consoleAction<S extends z.ZodType, T>(
  options: Options<S, ConsolePermissionName, T>,
  handler: (
    input: z.infer<S>,
    ctx: { operator: Operator; locale: Locale; supportSessionId?: string; signInId?: string },
  ) => Promise<T>,
): ServerAction<T> {
  return build<T>(
    (caller, raw) =>
      execute(
        options.schema,
        caller,
        raw,
        async () => {
          const viewer = caller.identity && (await loadViewer(caller.identity));
          if (!viewer || !isOperator(viewer) || !operatorCan(viewer.role, options.permission)) return FORBIDDEN;
          return {
            operator: viewer,
            locale: caller.locale,
            supportSessionId: caller.supportSessionId,
            signInId: caller.identity?.sessionId,
          };
        },
        handler,
      ),
    options,
  );
}

/**
 * A back-office action: the input names the shop (`shopId`); the caller must be a member of it
 * or inside a valid support session for it, and hold the permission there (support sessions
 * within their scope; see authz.ts).
 */
export function shopAction<S extends z.ZodType<{ shopId: string }>, T>(
  options: Options<S, ShopPermissionName, T>,
  handler: (input: z.infer<S>, ctx: { access: ShopAccess; locale: Locale }) => Promise<T>,
): ServerAction<T> {
  return build<T>(
    (caller, raw) =>
      execute(
        options.schema,
        caller,
        raw,
        async (unchecked) => {
          const viewer = caller.identity && (await loadViewer(caller.identity));
          // the shop is the only part of the input authorization reads, and only as an id
          if (!viewer || !isUuid(unchecked.shopId)) return FORBIDDEN;
          const result = await resolveShopAccess(viewer, unchecked.shopId, caller.supportSessionId);
          if (!result.ok) return result.reason === "SESSION_ENDED" ? { refused: "errors.sessionEnded" } : FORBIDDEN;
          if (!canInShop(result.access, options.permission)) return FORBIDDEN;
          return { access: result.access, locale: caller.locale };
        },
        handler,
      ),
    options,
  );
}

/** An action on the caller's own account (password): any signed-in person whose session holds. */
export function accountAction<S extends z.ZodType, T>(
  options: Omit<Options<S, never, T>, "permission">,
  handler: (input: z.infer<S>, ctx: { viewer: Viewer; sessionId: string | undefined; locale: Locale }) => Promise<T>,
): ServerAction<T> {
  return build<T>(
    (caller, raw) =>
      execute(
        options.schema,
        caller,
        raw,
        async () => {
          const viewer = caller.identity && (await loadViewer(caller.identity));
          if (!viewer) return FORBIDDEN;
          return { viewer, sessionId: caller.identity?.sessionId, locale: caller.locale };
        },
        handler,
      ),
    options,
  );
}

/**
 * An action anyone may call without signing in (forgot password, a link's token). The handler
 * itself decides from what the input proves (a valid token); it must answer alike whether or not
 * what it was given exists.
 */
export function publicAction<S extends z.ZodType, T>(
  options: Omit<Options<S, never, T>, "permission">,
  handler: (input: z.infer<S>, ctx: { identity: Identity | null; locale: Locale }) => Promise<T>,
): ServerAction<T> {
  return build<T>(
    (caller, raw) =>
      execute(
        options.schema,
        caller,
        raw,
        async () => ({ identity: caller.identity, locale: caller.locale }),
        handler,
        true,
      ),
    options,
  );
}
