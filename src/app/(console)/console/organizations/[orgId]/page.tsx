import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import "@/components/organizations/organizations.css";
import { operatorCan } from "@/server/authz";
import {
  findOrganizationFor,
  organizationAccess,
  organizationPeople,
  organizationServices,
} from "@/server/organizations/queries";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { TableScroll } from "@/components/ui/table-scroll";
import { lastDayOfAccess } from "@/server/access/calendar";
import { INVITATION_VALID_DAYS } from "@/server/auth/tokens";
import { AreaMessages } from "@/components/layout/area-messages";
import { OwnerInviteForm, WithdrawOwnerInvitationForm } from "@/components/organizations/owner-invitation-forms";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgId } = await params;
  const nav = await getTranslations("nav.console");
  return consoleTitle("organizations.view", async (operator) => {
    const organization = await findOrganizationFor(operator, orgId);
    return organization && [organization.name, nav("organizations")];
  });
}

export default async function OrganizationPage({ params }: Props) {
  const operator = await requireOperator("organizations.view");
  const organization = await findOrganizationFor(operator, (await params).orgId);
  if (!organization) notFound();
  const [people, services, access] = await Promise.all([
    organizationPeople(organization.id),
    organizationServices(organization.id),
    organizationAccess(organization.id),
  ]);
  const t = await getTranslations("organizations.detail");
  const trs = await getTranslations("shop.remoteSupport");
  const tm = await getTranslations("organizations.managedBy");
  const tl = await getTranslations("organizations.languages");
  const tr = await getTranslations("nav.membership");
  const ts = await getTranslations("console.clientServices.statuses");
  const date = await getDateFormat();
  const when = (d: Date) => date(d, { dateStyle: "medium", timeStyle: "short" });
  const o = organization;
  // until an owner can sign in, the operators who manage the organization invite one
  const invitesOwner = operatorCan(operator.role, "organizations.manage") && !people.hasOwner;
  const to = await getTranslations("organizations.owner");
  return (
    <section>
      <div className="row between">
        <h1 data-testid="organization-title">{o.name}</h1>
        {operatorCan(operator.role, "organizations.manage") && (
          <Link className="button" href={`/console/organizations/${o.id}/edit`} data-testid="edit-organization">
            {t("edit")}
          </Link>
        )}
      </div>

      <h2>{t("facts")}</h2>
      <dl className="facts org-facts" data-testid="organization-facts">
        <dt>{t("id")}</dt>
        <dd className="mono">{o.id}</dd>
        <dt>{t("url")}</dt>
        <dd>
          <a href={o.url} rel="noopener noreferrer" target="_blank">
            {o.url}
          </a>
        </dd>
        <dt>{t("reference")}</dt>
        <dd className="mono">{o.customerReference}</dd>
        <dt>{t("number")}</dt>
        <dd>{o.number ?? "—"}</dd>
        <dt>{t("managedBy")}</dt>
        <dd>{tm(o.managedBy)}</dd>
        <dt>{t("partner")}</dt>
        <dd>{o.partnerCompany.name}</dd>
        <dt>{t("timeZone")}</dt>
        <dd>{o.timeZone.replaceAll("_", " ")}</dd>
        <dt>{t("language")}</dt>
        <dd>{tl(o.language)}</dd>
        <dt>{t("created")}</dt>
        <dd>{date(o.createdAt, { dateStyle: "long" })}</dd>
      </dl>

      <h2>{t("access")}</h2>
      <dl className="facts org-facts" data-testid="organization-access">
        <dt>{t("serviceAccess")}</dt>
        <dd>
          {access.serviceAccess?.endsAt
            ? t("serviceAccessOpen", {
                // the shop's last day, as its owner chose it: the end of that day in the shop's zone
                until: date(lastDayOfAccess(access.serviceAccess.endsAt), {
                  dateStyle: "medium",
                  timeZone: o.timeZone,
                }),
              })
            : t("serviceAccessClosed")}
        </dd>
        <dt>{t("remoteSupport")}</dt>
        <dd>
          {o.managedBy === "SERVICE_PROVIDER" && <p>{t("managedByProvider")}</p>}
          {access.pending.length + access.active.length === 0 ? (
            o.managedBy === "CUSTOMER" && t("noRemoteSupport")
          ) : (
            <ul>
              {access.pending.map((g) => (
                <li key={g.id}>
                  {t("remotePending", {
                    name: g.requestedBy.name,
                    partner: g.partnerCompany?.name ?? trs("platform"),
                    at: when(g.requestedAt),
                    lapses: g.requestExpiresAt ? when(g.requestExpiresAt) : "—",
                  })}
                </li>
              ))}
              {access.active.map((g) => (
                <li key={g.id}>
                  {t("remoteActive", {
                    partner: g.partnerCompany?.name ?? trs("platform"),
                    until: g.endsAt ? when(g.endsAt) : "—",
                  })}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <h3>{t("sessions")}</h3>
      {access.sessions.length === 0 ? (
        <p className="muted">{t("noSessions")}</p>
      ) : (
        <TableScroll label={t("sessions")}>
          <table className="table" data-testid="organization-sessions">
            <thead>
              <tr>
                <th scope="col">{t("operator")}</th>
                <th scope="col">{t("basis")}</th>
                <th scope="col">{t("startedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {access.sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.operator.name}
                    {s.operator.partnerCompany && <span className="muted"> · {s.operator.partnerCompany.name}</span>}
                  </td>
                  <td>{t(`bases.${s.basis}`)}</td>
                  <td>{when(s.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{t("members")}</h2>
      {people.members.length === 0 ? (
        <p className="muted">{t("noMembers")}</p>
      ) : (
        <TableScroll label={t("members")}>
          <table className="table" data-testid="organization-members">
            <thead>
              <tr>
                <th scope="col">{t("memberName")}</th>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("role")}</th>
              </tr>
            </thead>
            <tbody>
              {people.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.user.name}</td>
                  <td>{m.user.email}</td>
                  <td>{tr(m.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <AreaMessages area="organizationOwner">
        <h3>{t("invitations")}</h3>
        {people.invitations.length === 0 ? (
          <p className="muted">{t("noInvitations")}</p>
        ) : (
          <TableScroll label={t("invitations")}>
            <table className="table" data-testid="organization-invitations">
              <thead>
                <tr>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{t("role")}</th>
                  <th scope="col">{t("expires")}</th>
                  {invitesOwner && <th scope="col">{to("actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {people.invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.user.email}</td>
                    <td>{i.membershipRole ? tr(i.membershipRole) : "—"}</td>
                    <td>{when(i.expiresAt)}</td>
                    {invitesOwner && (
                      <td>
                        {i.membershipRole === "OWNER" && (
                          <WithdrawOwnerInvitationForm organizationId={o.id} invitationId={i.id} email={i.user.email} />
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {invitesOwner && <OwnerInviteForm organizationId={o.id} validDays={INVITATION_VALID_DAYS} />}
      </AreaMessages>

      <h2>{t("services")}</h2>
      {services.length === 0 ? (
        <p className="muted">{t("noServices")}</p>
      ) : (
        <TableScroll label={t("services")}>
          <table className="table" data-testid="organization-services">
            <thead>
              <tr>
                <th scope="col">{t("alias")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("issuer")}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/console/client-services/${s.id}`} aria-label={t("openService", { alias: s.alias })}>
                      {s.alias}
                    </Link>
                  </td>
                  <td>
                    <span className={`badge status-${s.status.toLowerCase()}`}>{ts(s.status)}</span>
                  </td>
                  <td>{s.issuerCompany.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{t("related")}</h2>
      <ul className="org-links">
        {operatorCan(operator.role, "remote-support.search") && (
          <li>
            <Link
              className="button"
              href={`/console/support-hub/remote-support?${new URLSearchParams({ q: o.id })}`}
              data-testid="remote-support-link"
            >
              {t("remoteSupportLink")}
            </Link>
          </li>
        )}
        <li>
          <Link className="button" href="/console/client-services">
            {t("clientServicesLink")}
          </Link>
        </li>
      </ul>
    </section>
  );
}
