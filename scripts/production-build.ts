// The production build in .next, redone only when the sources changed since the last one: a hash
// of them is kept beside the build. `npm start` and `npm run bench:http` both build this way.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runInGroup } from "./process-group.ts";

function sourceHash(): string {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p).sort()) walk(path.join(p, entry));
    } else {
      hash.update(p).update(readFileSync(p));
    }
  };
  for (const p of ["src", "messages", "public", "next.config.ts", "package-lock.json", "prisma/schema.prisma"]) walk(p);
  return hash.digest("hex");
}

export async function ensureProductionBuild(env: NodeJS.ProcessEnv): Promise<void> {
  const hash = sourceHash();
  const stamp = path.resolve(".next/source-hash");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  console.error("[build] building the application (first start or changed sources)...");
  const code = await runInGroup([path.resolve("node_modules/.bin/next"), "build"], env);
  if (code !== 0) throw new Error(`next build exited with ${code}`);
  writeFileSync(stamp, hash);
}
