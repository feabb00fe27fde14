// `npm run admin:create -- --email a@b.c --name "Ada Admin"`: the first administrator of a real
// installation. Prints a single-use link (valid 7 days) to set the password, so no password is
// ever typed on a command line or kept in shell history. Runs the migrations first, so it also
// works before the first `npm start`. Run again for an administrator who has not set a password yet
// (the link ran out or got lost), it prints a new link and the earlier one stops working.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { localConfig } from "./local-config.ts";
import { PERSON_NAME_MAX } from "../src/lib/name-limits.ts";
import { personName } from "../src/lib/text.ts";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const input = z
  .object({ email: z.email().max(254), name: personName({ min: 1, max: PERSON_NAME_MAX }) })
  .safeParse(values);
if (!input.success) {
  console.error('Usage: npm run admin:create -- --email admin@example.com --name "Ada Admin"');
  console.error(`The name: one line of at most ${PERSON_NAME_MAX} characters, without < or >.`);
  process.exit(2);
}

Object.assign(process.env, localConfig(), { DATABASE_URL: process.env.DATABASE_URL });
execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
  stdio: ["ignore", "ignore", "inherit"],
});

const { prisma } = await import("../src/server/db.ts");
const { inviteOperator, reinviteOperator } = await import("../src/server/invitations/operator-invite.ts");
const { tokenLink } = await import("../src/server/auth/tokens.ts");
const email = input.data.email.toLowerCase();
try {
  const { token, again } = await prisma.$transaction(async (tx) => {
    // run again for an administrator whose link ran out or got lost: a new link, the old one withdrawn
    const pending = await tx.user.findFirst({
      where: { email, role: "ADMINISTRATOR", passwordHash: null, disabledAt: null },
      select: { id: true },
    });
    if (pending) return { ...(await reinviteOperator(tx, pending.id, null, "")), again: true };
    const created = await inviteOperator(tx, {
      email,
      name: input.data.name,
      role: "ADMINISTRATOR",
      partnerCompanyId: null,
      issuerCompanyId: null,
      companyName: "",
      language: "EN",
      invitedBy: null,
    });
    return { token: created.token, again: false };
  });
  console.log(
    `Administrator ${email} ${again ? "has not set a password yet: the earlier link no longer works" : "created"}. Open this link to set the password (valid 7 days, works once):\n\n  ${tokenLink("INVITATION", token)}\n`,
  );
} catch (error) {
  const key = (error as { key?: string }).key;
  console.error(key === "operators.errors.emailTaken" ? `An account for ${input.data.email} already exists.` : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
