import { expect, test } from "./support/fixtures";
import { speakGerman } from "./support/pages";

// Settings >> Email outbox, as an administrator reads it: each email's kind in words.

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
