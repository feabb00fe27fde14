import { expect, test } from "./support/fixtures";
import { speakGerman } from "./support/pages";

// Settings >> Email outbox, as an administrator reads it: each email's kind in words, and the
// failed emails sent again at once. One after the other: sending the failed ones again takes the
// first test's failed rows too.
test.describe.configure({ mode: "serial" });

test("the outbox names each email's kind in words, in German, and a kind without words as stored", async ({
  page,
  loginAs,
  db,
  world,
  baseURL,
}) => {
  const kinds: [kind: string, words: string][] = [
    // the event that sent it, as the audit names it
    ["session.started", "Support-Sitzung begonnen"],
    ["member.invited", "Mitglied eingeladen"],
    // kinds no audited event shares
    ["access.expires-soon", "Servicezugang endet bald"],
    ["client-service.suspend", "Kundendienst gesperrt"],
    ["e2e.unknown-kind", "e2e.unknown-kind"],
  ];
  const addressOf = (kind: string) => `${kind.replace(/\W/g, "-")}-${world.tag}@e2e.test`;
  // failed for good, so that the mail worker leaves them alone, and few enough to be on the first page
  for (const [kind] of kinds)
    await db.query(
      `insert into "EmailOutbox" ("id", "toAddresses", "subject", "text", "kind", "status", "attempts")
       values (gen_random_uuid(), array[$1], 'Outbox kinds', 'Outbox kinds', $2, 'FAILED', 5)`,
      [addressOf(kind), kind],
    );
  await loginAs(world.admin);
  await speakGerman(page.context(), baseURL);
  await page.goto("/console/settings/outbox?status=FAILED");
  for (const [kind, words] of kinds) {
    const row = page.getByTestId("outbox-table").locator("tbody tr", { hasText: addressOf(kind) });
    await expect(row.locator("td").nth(1), kind).toHaveText(words);
  }
});

test("after an outage the administrator sends every failed email again with one press, and is told how many", async ({
  page,
  loginAs,
  db,
  world,
}) => {
  const addresses = ["one", "two"].map((n) => `outage-${n}-${world.tag}@e2e.test`);
  for (const address of addresses)
    await db.query(
      `insert into "EmailOutbox" ("id", "toAddresses", "subject", "text", "kind", "status", "attempts", "lastError")
       values (gen_random_uuid(), array[$1], 'Outage', 'Outage', 'e2e.outage', 'FAILED', 8, 'mail.smtpErrors.refused')`,
      [address],
    );
  await loginAs(world.admin);
  await page.goto("/console/settings/outbox?status=FAILED");
  // the failed emails the button sends: not those whose link no longer works (an invitation another
  // spec withdrew before it went out, say), as listOutbox's retryableFailed counts them
  const failed = Number(
    (
      await db.query(
        `select count(*) from "EmailOutbox" e
         left join "AuthToken" t on t."id" = e."linkTokenId"
         left join "User" u on u."id" = t."userId"
         where e."status" = 'FAILED' and (not e."sensitive" or (t."usedAt" is null and t."revokedAt" is null
           and t."expiresAt" > now() and u."disabledAt" is null))`,
      )
    )[0].count,
  );
  expect(failed).toBeGreaterThanOrEqual(2);
  const button = page.getByTestId("outbox-retry-failed");
  await expect(button).toHaveText(`Send all failed again (${failed})`);
  await button.click();
  const answer = page.getByTestId("outbox-retry-failed-message");
  await expect(answer).toHaveText(`${failed} failed messages are queued again.`);
  await expect(answer).toBeFocused();
  // the refreshed page has no failed message left, so no button, and the answer stays
  await expect(page.getByTestId("outbox-retry-failed")).toHaveCount(0);
  const stored = await db.query(`select "status", "attempts" from "EmailOutbox" where "toAddresses"[1] = any($1)`, [
    addresses,
  ]);
  expect(stored.map((r) => r.status)).not.toContain("FAILED");
  await page.reload();
  await expect(page.getByTestId("outbox-retry-failed")).toHaveCount(0);
});
