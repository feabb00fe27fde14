import "server-only";
import { z } from "zod";

// The one place that reads process.env. Parsed on first use, not at import, so that `next build`
// can collect routes without a database or secrets.
const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start sets it for the embedded database)"),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters"),
  /** 32 bytes, base64 or base64url; encrypts SMTP passwords at rest */
  SECRETS_KEY: z.string().min(32, "SECRETS_KEY must be at least 32 characters"),
  /** earlier SECRETS_KEYs, comma-separated: still decrypt until `npm run secrets:rotate` re-encrypted everything */
  SECRETS_KEY_PREVIOUS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(32, "each key in SECRETS_KEY_PREVIOUS must be at least 32 characters"))),
  /** the system SMTP server until an administrator saves one, e.g. smtp://user:pass@host:587 */
  SMTP_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** lets administrators' SMTP servers be on loopback, private or link-local addresses (self-hosted relays) */
  SMTP_ALLOW_PRIVATE_HOSTS: z
    .enum(["true", "false"], "SMTP_ALLOW_PRIVATE_HOSTS must be true or false")
    .default("false")
    .transform((v) => v === "true"),
  /** the ports administrators' SMTP servers may use */
  SMTP_ALLOWED_PORTS: z
    .string()
    .default("25,465,587,2525")
    .transform((value) =>
      value
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(
      z
        .array(z.number("SMTP_ALLOWED_PORTS lists port numbers, e.g. 25,465,587,2525").int().min(1).max(65535))
        .min(1, "SMTP_ALLOWED_PORTS needs at least one port"),
    ),
  MAIL_FROM: z.string().default("Backoffice Access <no-reply@backoffice-access.local>"),
  /** "off" keeps the in-process mail worker from starting (tests drive it themselves) */
  MAIL_WORKER: z.enum(["on", "off"]).default("on"),
  /** the public URL; an https one makes every cookie of ours Secure */
  NEXTAUTH_URL: z.string().optional(),
  /**
   * addresses or CIDR ranges of the proxies in front of the application, comma-separated; read
   * by scripts/server.ts before Next.js starts: only what these add to X-Forwarded-For is believed
   * as the client's address (sign-in throttling), everything else uses the socket's peer
   */
  TRUSTED_PROXIES: z.string().default(""),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** support sessions: longest session entered as the service provider, idle limit, "let them finish" limit */
  SUPPORT_SESSION_MAX_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(8 * 60),
  SUPPORT_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  LET_FINISH_MAX_MINUTES: z.coerce.number().int().min(0).default(60),
  /** after a rejection or a revoke, the same requester waits this long before asking the same shop again */
  REMOTE_SUPPORT_RETRY_AFTER_REJECTION_MINUTES: z.coerce.number().int().min(0).default(60),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid configuration: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Forgets the parsed configuration, so a test can change process.env (vi.stubEnv) and have it read again. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** The database URL without validating the rest (used by the Prisma client, which is built early). */
export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL;
}
