// The two database roles (README.md, "Security"): the owner runs the migrations and owns every
// table; the application connects with a role that owns nothing, so it cannot disable the audit
// log's triggers or change the schema. The grants themselves are one SQL function created by a
// migration (backoffice_grant_app_role); this module only calls it.
import pg from "pg";

/** The application's role on the embedded default database. */
export const EMBEDDED_APP_ROLE = "backoffice_app";

export const roleOf = (url: string) => decodeURIComponent(new URL(url).username);

/** `url` with another role and password (same server and database). */
export function urlAs(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a login role that may do nothing by itself (no superuser, no CREATEDB/CREATEROLE), or
 * resets its password and attributes when it exists. Roles are cluster-wide; `adminUrl` needs
 * CREATEROLE. For the embedded database and the tests; a real server's roles are made by its DBA.
 */
export async function ensureLoginRole(adminUrl: string, role: string, password: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const name = client.escapeIdentifier(role);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE ROLE ${name} ${attributes}`);
        return;
      } catch (error) {
        // created meanwhile by a concurrent caller
        if ((error as { code?: string }).code !== "23505" && (error as { code?: string }).code !== "42710") throw error;
      }
    }
    await client.query(`ALTER ROLE ${name} ${attributes}`);
  });
}

/**
 * Grants the application's role what it needs, as the owner, after `prisma migrate deploy`.
 * When both URLs name the same role (a single-role installation from before MIGRATION_DATABASE_URL
 * existed) there is nothing to grant: it keeps working, with a warning.
 */
export async function grantAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const role = roleOf(appUrl);
  if (role === roleOf(ownerUrl)) {
    console.error(
      `[db] warning: the application connects as "${role}", the role that runs the migrations and owns the tables, ` +
        'so it could disable the audit log\'s triggers. Give it a role of its own (README.md, "Security").',
    );
    return;
  }
  await withClient(ownerUrl, (client) => client.query("SELECT backoffice_grant_app_role($1)", [role]));
}
