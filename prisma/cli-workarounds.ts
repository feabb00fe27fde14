// Workarounds that let the Prisma 6.19.3 CLI run on its WebAssembly schema engine through
// @prisma/adapter-pg (prisma.config.ts), so that no native engine is ever downloaded. Each one is
// a bug of exactly the versions in WRITTEN_FOR; `assertWrittenFor` stops the CLI when another
// version is installed, because a patch that fits one version's internals can silently break the
// next. To upgrade: check each workaround against the new version (its upstream issue, or the
// installed code under node_modules/@prisma/adapter-pg/dist), drop the fixed ones, update the
// version. Decision record: docs/decisions/0005-prisma-cli-workarounds.md.
// Scoped to the CLI: the application's client (src/server/db.ts) uses none of this.
import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/** The version of `prisma` and `@prisma/adapter-pg` every workaround below was written and checked for. */
export const WRITTEN_FOR = "6.19.3";

export function assertWrittenFor() {
  for (const name of ["@prisma/adapter-pg", "prisma"]) {
    const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    const { version } = JSON.parse(readFileSync(file, "utf8")) as { version: string };
    if (version !== WRITTEN_FOR) {
      throw new Error(
        `prisma/cli-workarounds.ts was written for ${name} ${WRITTEN_FOR}, but ${version} is installed. ` +
          "Check each workaround in prisma/cli-workarounds.ts against the new version (drop the ones fixed upstream), then update WRITTEN_FOR.",
      );
    }
  }
}

// Workaround 1: schema.prisma's env("DATABASE_URL") must resolve. When it cannot, the CLI fails to
// read the generator config, falls back to engineType "library" and tries to download the native
// query engine (offline: ENOTFOUND). A placeholder avoids that; the real URL goes to the adapter.
// Upstream: no upstream issue found.
export function provideSchemaUrl() {
  process.env.DATABASE_URL ??= "postgresql://placeholder@placeholder.invalid:5432/placeholder";
}

// Workaround 2: adapter-pg cannot map PostgreSQL catalog types that the schema engine's queries
// return: `name` (oid 19) -> "Column type 'name' could not be deserialized" in `migrate deploy`;
// `"char"` (oid 18, pg_constraint.contype) -> P3006 "External error" in `migrate dev`'s shadow
// database introspection. Report `name` as text and `"char"` as text with ColumnType Character (a
// Text column type there makes the wasm engine panic with "RuntimeError: unreachable").
// Upstream: https://github.com/prisma/orm/issues/27403 (`name`); for `"char"` no upstream issue found.
const TEXT_OID = 25;
const CHAR_OID = 18;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const OID_REMAP: Record<number, number> = {
  19: TEXT_OID,
  22: TEXT_OID,
  24: TEXT_OID,
  30: TEXT_OID,
  194: TEXT_OID,
  2205: TEXT_OID,
  2206: TEXT_OID,
  1003: 1009, // _name -> _text
};
type Res = { fields: { dataTypeID: number }[] };
type Queryable = {
  performIO(q: unknown): Promise<Res>;
  queryRaw(q: unknown): Promise<{ columnTypes: number[] }>;
  __patched?: boolean;
};
function readCatalogTypes(adapter: object) {
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
        if (process.env.DEBUG_MIGRATE)
          console.error("[prisma.config] query failed:", (e as Error).message, JSON.stringify(qq).slice(0, 300));
        throw e;
      }
      charCols = [];
      res.fields.forEach((f, i) => {
        if (f.dataTypeID === CHAR_OID) {
          charCols.push(i);
          f.dataTypeID = TEXT_OID;
        } else f.dataTypeID = OID_REMAP[f.dataTypeID] ?? f.dataTypeID;
      });
      return res;
    };
    const rs = await queryRaw.call(self, q);
    for (const i of charCols) rs.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return rs;
  };
  proto.__patched = true;
}

// Workaround 3: adapter-pg's executeScript() splits a migration on every ";" (script.split(";")),
// even inside comments and $$-quoted function bodies (our audit triggers). Send the script as one
// simple query instead: PostgreSQL runs a multi-statement simple query as one implicit transaction.
// Upstream: no upstream issue found.
type ScriptRunner = {
  client: { query(sql: string): Promise<unknown> };
  onError(e: unknown): never;
  executeScript(s: string): Promise<void>;
};
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

function patched<T extends object>(adapter: T): T {
  readCatalogTypes(adapter);
  runScriptsWhole(adapter);
  return adapter;
}

// Workaround 4: adapter-pg's connectToShadowDb() (a) spreads {database} beside a connectionString,
// which wins, so the "shadow" database is the main one, and (b) drops the shadow database before
// closing its pool, so the DROP fails. Re-implemented below; SHADOW_DATABASE_URL names an existing
// empty database instead, where creating one is not allowed.
// Upstream: no upstream issue found.
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
    return patched(await super.connect());
  }
  override async connectToShadowDb() {
    const shadowUrl = process.env.SHADOW_DATABASE_URL;
    if (shadowUrl) return patched(await new PrismaPg({ connectionString: shadowUrl, allowExitOnIdle: true }).connect());
    const name = `prisma_shadow_${crypto.randomUUID().replace(/-/g, "")}`;
    if (!this.url) throw new Error("DATABASE_URL is not set");
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const u = new URL(this.url);
    u.pathname = `/${name}`;
    const shadow = patched(await new PrismaPg({ connectionString: u.toString(), allowExitOnIdle: true }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose(); // closes the shadow pool first
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}

/** The adapter the CLI migrates with, as the owner of the tables (workarounds 2 to 4). */
export function migrationAdapter(url: string | undefined) {
  return new MigratePg(url);
}

// Workaround 5: `migrate deploy`/`migrate dev` in the wasm schema engine arm a 10 s timer (the
// lock timeout) that is never cleared, so the CLI lingers ~10 s after it has finished. The config
// is evaluated inside the CLI process, so long timers are unref'd there (pg's pool timers already are).
// Upstream: no upstream issue found.
export function unrefEngineTimers() {
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const t = realSetTimeout(fn, ms, ...args);
    if ((ms ?? 0) >= 10_000) t.unref();
    return t;
  }) as typeof setTimeout;
}
