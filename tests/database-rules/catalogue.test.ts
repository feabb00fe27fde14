// Every rule PostgreSQL enforces by itself has a test in this folder: each check constraint,
// unique index (partial or not) and trigger the migrations create is named in a test file here,
// so a new one without a test fails this one. Primary and foreign keys are the schema's relations;
// the foreign keys the product relies on (catalogue keys, ON DELETE RESTRICT) are tested too.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../support/factory";

const folder = path.dirname(new URL(import.meta.url).pathname);
const tests = readdirSync(folder).filter((f) => f.endsWith(".test.ts") && f !== path.basename(import.meta.url));

async function rules() {
  // ::text: adapter-pg 6.19 cannot read PostgreSQL's `name` type (prisma/cli-workarounds.ts)
  const rows = await db.$queryRawUnsafe<{ kind: string; name: string }[]>(`
    SELECT 'check' AS kind, c.conname::text AS name FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype IN ('c', 'x')
    UNION ALL
    SELECT 'unique', i.relname::text FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = 'public' AND x.indisunique AND NOT x.indisprimary
    UNION ALL
    SELECT 'trigger', t.tgname::text FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal
    ORDER BY 1, 2`);
  return rows;
}

describe("the catalogue of database rules", () => {
  it("has a test in tests/database-rules/ for every check constraint, unique index and trigger", async () => {
    const source = tests.map((f) => readFileSync(path.join(folder, f), "utf8")).join("\n");
    const found = await rules();
    expect(found.length).toBeGreaterThan(20); // the query still sees the migrations' rules
    expect(found.filter((r) => !source.includes(r.name)).map((r) => `${r.kind} ${r.name}`)).toEqual([]);
  });
});
