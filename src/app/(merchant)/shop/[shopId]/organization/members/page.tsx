import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import { Announcer } from "@/components/members/announcer";
import { InviteForm } from "@/components/members/invite-form";
import { LeaveForm, RemoveForm, RevokeInvitationForm, RoleForm } from "@/components/members/member-forms";
import { canInShop, requireShopPage } from "@/server/access/shop-access";
import { INVITATION_VALID_DAYS } from "@/server/auth/tokens";
import { pendingInvitations, shopMembers } from "@/server/members/queries";
import { shopTitle } from "@/server/page-title";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";

type Props = { params: Promise<{ shopId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const nav = await getTranslations("nav.shop");
  return shopTitle((await params).shopId, [nav("members"), nav("manageOrganization")], "members.view");
}

export default async function MembersPage({ params }: Props) {
  const { shopId } = await params;
  const access = await requireShopPage(shopId, "members");
  const t = await getTranslations("members");
  const tr = await getTranslations("nav.membership");
  const date = await getDateFormat();
  if (!canInShop(access, "members.view")) forbidden();
  const canManage = canInShop(access, "members.manage");
  // who does not manage the shop may still leave it (owners remove themselves in their own row)
  const canLeave = !canManage && canInShop(access, "members.leave");
  const [members, invitations] = await Promise.all([shopMembers(shopId), pendingInvitations(shopId)]);
  const day = (d: Date) => date(d, { dateStyle: "medium" });
  const when = (d: Date) => date(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <AreaMessages area="members">
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        {!canManage && (
          <p className="notice" data-testid="members-readonly">
            {access.session ? t("readOnlyInSession") : t("readOnly")}
          </p>
        )}
        <Announcer>
          <h2 id="members-heading">{t("current")}</h2>
          <TableScroll labelledBy="members-heading">
            <table className="table" data-testid="members-table">
              <thead>
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{t("role")}</th>
                  <th scope="col">{t("since")}</th>
                  {(canManage || canLeave) && <th scope="col">{t("actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {members.map((m) => {
                  const self = m.userId === access.viewer.id;
                  return (
                    <tr key={m.id} data-testid={`member-${m.user.email}`}>
                      <th scope="row">
                        {m.user.name}
                        {self && <> {t("you")}</>}
                      </th>
                      <td>{m.user.email}</td>
                      <td>
                        {canManage ? (
                          <RoleForm shopId={shopId} membershipId={m.id} name={m.user.name} role={m.role} />
                        ) : (
                          tr(m.role)
                        )}
                      </td>
                      <td>{day(m.createdAt)}</td>
                      {canManage && (
                        <td>
                          <RemoveForm shopId={shopId} membershipId={m.id} name={m.user.name} self={self} />
                        </td>
                      )}
                      {canLeave && <td>{self && <LeaveForm shopId={shopId} />}</td>}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>

          <h2 id="invitations-heading">{t("pending")}</h2>
          {invitations.length === 0 ? (
            <p className="muted" data-testid="no-invitations">
              {t("noPending")}
            </p>
          ) : (
            <TableScroll labelledBy="invitations-heading">
              <table className="table" data-testid="invitations-table">
                <thead>
                  <tr>
                    <th scope="col">{t("email")}</th>
                    <th scope="col">{t("role")}</th>
                    <th scope="col">{t("invitedAt")}</th>
                    <th scope="col">{t("expires")}</th>
                    {canManage && <th scope="col">{t("actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {invitations.map((i) => (
                    <tr key={i.id} data-testid={`invitation-${i.user.email}`}>
                      <th scope="row">{i.user.email}</th>
                      <td>{i.membershipRole ? tr(i.membershipRole) : "—"}</td>
                      <td>{when(i.createdAt)}</td>
                      <td>{when(i.expiresAt)}</td>
                      {canManage && (
                        <td>
                          <RevokeInvitationForm shopId={shopId} invitationId={i.id} email={i.user.email} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </Announcer>
        {canManage && <InviteForm shopId={shopId} validDays={INVITATION_VALID_DAYS} />}
      </section>
    </AreaMessages>
  );
}
