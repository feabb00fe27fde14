import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/accessibility";

// Manage Organization >> Members, as a member who does not manage the shop sees it: their own
// row lets them leave.

test("a member leaves the shop in two steps (Cancel gives the button back), and then has no way in", async ({
  page,
  loginAs,
  db,
  world,
}) => {
  await loginAs(world.member);
  const members = `/shop/${world.alpine.id}/organization/members`;
  await page.goto(members);
  const own = page.getByTestId(`member-${world.member.email}`);
  const owner = page.getByTestId(`member-${world.owner.email}`);
  await expect(owner.getByTestId("leave")).toHaveCount(0);
  const leave = own.getByRole("button", { name: "Leave this shop" });
  await leave.click();
  // the question (its paragraph) takes the focus
  await expect(
    own
      .getByTestId("leave-confirm")
      .locator("p", { hasText: "Leave this shop? You will lose access to it; your account stays." }),
  ).toBeFocused();
  await expectAccessible(page, "members, leaving asked");
  await own.getByTestId("leave-cancel").click();
  await expect(leave).toBeFocused();

  await leave.click();
  await own.getByTestId("leave-yes").click();
  await expect(page).not.toHaveURL(new RegExp(`/shop/${world.alpine.id}`));
  const left = await db.query(
    `select count(*)::int as n from "Membership" where "organizationId" = $1 and "userId" = $2`,
    [world.alpine.id, world.member.id],
  );
  expect(left[0].n).toBe(0);
  const answer = await page.goto(members);
  expect(answer?.status()).toBe(404);
});
