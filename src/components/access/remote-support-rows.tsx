"use client";
import { useTranslations } from "next-intl";
import { OpenBackOfficeForm } from "@/components/access/open-back-office-form";
import { RequestAccessForm } from "@/components/access/request-access-form";

/**
 * One hit of Support Hub >> Remote Support, as a tuple of plain values: the page sends 20 of
 * these, not 20 element trees that would travel again beside their HTML. Texts that need the
 * server (the managed-by label, the state with its dates) arrive already written.
 */
export type RemoteSupportRowData = [
  id: string,
  name: string,
  customerReference: string,
  number: string | null,
  managedBy: string,
  state: string,
  /** "Request access" is offered */
  mayRequest: boolean,
  /** "Log in" is offered: access is active, or the viewer's company manages the organization */
  mayLogIn: boolean,
];

export function RemoteSupportRows({ rows }: { rows: RemoteSupportRowData[] }) {
  const t = useTranslations("console.remoteSupport");
  const logIn = t("login");
  return (
    <tbody>
      {rows.map(([id, name, reference, number, managedBy, state, mayRequest, mayLogIn]) => (
        <tr key={id} data-testid={`org-${reference}`}>
          <td>
            {name}
            <br />
            <span className="muted mono">{id}</span>
          </td>
          <td className="mono">{reference}</td>
          <td>{number ?? "—"}</td>
          <td>{managedBy}</td>
          <td data-testid="remote-state">{state}</td>
          <td>
            <RequestAccessForm shopId={id} available={mayRequest} />
            {mayLogIn && <OpenBackOfficeForm shopId={id} via="REMOTE_SUPPORT" label={logIn} />}
          </td>
        </tr>
      ))}
    </tbody>
  );
}
