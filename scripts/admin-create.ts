// `npm run admin:create -- --email a@b.c --name "Ada Admin"`: the first administrator of a real
// installation. Prints a single-use link (valid 7 days) to set the password, so no password is
// ever typed on a command line or kept in shell history. Runs the migrations first, so it also
// works before the first `npm start`.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { localConfig } from "./local-config.ts";
import { personName } from "../src/lib/text.ts";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const input = z.object({ email: z.email().max(254), name: personName({ min: 1, max: 100 }) }).safeParse(values);
if (!input.success) {
  console.error('Usage: npm run admin:create -- --email admin@example.com --name "Ada Admin"');
  console.error("The name: one line of at most 100 characters, without < or >.");
  process.exit(2);
}

Object.assign(process.env, localConfig(), { DATABASE_URL: process.env.DATABASE_URL });
execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
  stdio: ["ignore", "ignore", "inherit"],
});

const { prisma } = await import("../src/server/db.ts");
const { inviteOperator } = await import("../src/server/invitations/invite.ts");
const { tokenLink } = await import("../src/server/auth/tokens.ts");
try {
  const { token } = await prisma.$transaction((tx) =>
    inviteOperator(tx, {
      email: input.data.email,
      name: input.data.name,
      role: "ADMINISTRATOR",
      partnerCompanyId: null,
      issuerCompanyId: null,
      companyName: "",
      language: "EN",
      invitedBy: null,
    }),
  );
  console.log(
    `Administrator ${input.data.email.toLowerCase()} created. Open this link to set the password (valid 7 days, works once):\n\n  ${tokenLink("INVITATION", token)}\n`,
  );
} catch (error) {
  const key = (error as { key?: string }).key;
  console.error(key === "operators.errors.emailTaken" ? `An account for ${input.data.email} already exists.` : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
