// Prisma 6.19.3 CLI config: JS (wasm) schema engine + @prisma/adapter-pg, no native binaries.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// Pitfall: if env("DATABASE_URL") in schema.prisma cannot be resolved, the CLI fails to read the
// generator config, falls back to engineType "library" and tries to download the native query
// engine from the network (offline -> ENOTFOUND). A placeholder avoids that; the real value
// is only needed by the adapter below (migrate/db commands).
// Migrations run as the owner of the tables (README.md, "Security"): MIGRATION_DATABASE_URL,
// or DATABASE_URL where one role does everything.
const DATABASE_URL = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://placeholder@placeholder.invalid:5432/placeholder";

// Workaround 1 (prisma/orm#27403): adapter-pg 6.x cannot map Postgres catalog types that the
// migration engine's queries return: `name` (oid 19) -> "Column type 'name' could not be
// deserialized" in `migrate deploy`; `"char"` (oid 18, pg_constraint.contype) -> P3006
// "External error" in `migrate dev`'s shadow-db introspection. Report `name` as text and
// `"char"` as text with ColumnType Character (a Text column type there makes the wasm engine
// panic with "RuntimeError: unreachable"). Scoped to the CLI (this file only).
const TEXT_OID = 25;
const CHAR_OID = 18;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const OID_REMAP: Record<number, number> = {
  19: TEXT_OID, 22: TEXT_OID, 24: TEXT_OID, 30: TEXT_OID, 194: TEXT_OID, 2205: TEXT_OID, 2206: TEXT_OID,
  1003: 1009, // _name -> _text
};
type Res = { fields: { dataTypeID: number }[] };
type Queryable = {
  performIO(q: unknown): Promise<Res>;
  queryRaw(q: unknown): Promise<{ columnTypes: number[] }>;
  __patched?: boolean;
};
function patchNameOid(adapter: object) {
  // PrismaPgAdapter and PgTransaction both extend PgQueryable, which owns performIO/queryRaw.
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable;
  if (proto.__patched) return;
  const performIO = proto.performIO;
  const queryRaw = proto.queryRaw;
  proto.queryRaw = async function (this: Queryable, q: unknown) {
    let charCols: number[] = [];
    const self = Object.create(this) as Queryable; // same state, own performIO
    self.performIO = async (qq: unknown) => {
      let res: Res;
      try {
        res = await performIO.call(this, qq);
      } catch (e) {
        if (process.env.DEBUG_MIGRATE) console.error("[prisma.config] query failed:", (e as Error).message, JSON.stringify(qq).slice(0, 300));
        throw e;
      }
      charCols = [];
      res.fields.forEach((f, i) => {
        if (f.dataTypeID === CHAR_OID) { charCols.push(i); f.dataTypeID = TEXT_OID; }
        else f.dataTypeID = OID_REMAP[f.dataTypeID] ?? f.dataTypeID;
      });
      return res;
    };
    const rs = await queryRaw.call(self, q);
    for (const i of charCols) rs.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return rs;
  };
  proto.__patched = true;
}

// Workaround 4: adapter-pg 6.x executeScript() splits a migration on every ";", even inside
// comments and $$-quoted function bodies (our audit trigger). Send the script as one simple
// query instead: PostgreSQL runs a multi-statement simple query as one implicit transaction.
type ScriptRunner = { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never; executeScript(s: string): Promise<void> };
function runScriptsWhole(adapter: object) {
  const a = adapter as unknown as ScriptRunner;
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (error) {
      a.onError(error);
    }
  };
}

// Workaround 2: adapter-pg 6.x connectToShadowDb() (a) spreads {database} under a
// connectionString (connectionString wins -> shadow == main db) and (b) drops the shadow
// db before closing its pool (DROP fails). Re-implement it correctly.
class MigratePg extends PrismaPg {
  constructor(private url: string | undefined) {
    // allowExitOnIdle: the CLI does not dispose the adapter, so pg's Pool would keep the process
    // alive for idleTimeoutMillis (10 s) after every command.
    super({ connectionString: url, allowExitOnIdle: true });
  }
  override async connect() {
    // The factory is created for every CLI command (even offline ones like `migrate diff
    // --from-empty`), so only require DATABASE_URL when a connection is really needed.
    if (!this.url) throw new Error("MIGRATION_DATABASE_URL/DATABASE_URL is not set (run via `npm run db -- <cmd>`)");
    const a = await super.connect();
    patchNameOid(a);
    runScriptsWhole(a);
    return a;
  }
  override async connectToShadowDb() {
    const shadowUrl = process.env.SHADOW_DATABASE_URL;
    if (shadowUrl) {
      // user-provided, pre-existing empty database
      const a = await new PrismaPg({ connectionString: shadowUrl, allowExitOnIdle: true }).connect();
      patchNameOid(a);
      runScriptsWhole(a);
      return a;
    }
    const name = `prisma_shadow_${crypto.randomUUID().replace(/-/g, "")}`;
    if (!this.url) throw new Error("DATABASE_URL is not set");
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const u = new URL(this.url);
    u.pathname = `/${name}`;
    const shadow = await new PrismaPg({ connectionString: u.toString(), allowExitOnIdle: true }).connect();
    patchNameOid(shadow);
    runScriptsWhole(shadow);
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose(); // closes the shadow pool first
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}

// Workaround 3: `migrate deploy`/`migrate dev` in the wasm schema engine arm a 10 s timer (lock
// timeout) that is never cleared, so the CLI lingers ~10 s after it has finished. This file is
// evaluated inside the CLI process, so unref long timers there (pg pool timers are already unref'd).
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = realSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 10_000) t.unref();
  return t;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new MigratePg(DATABASE_URL);
  },
});
