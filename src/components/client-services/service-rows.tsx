"use client";
import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import type { Language, ServiceStatus } from "@/generated/prisma/enums";
import { RowLifecycleControls } from "@/components/lifecycle/lifecycle-controls";
import type { LifecycleAction } from "@/server/lifecycle/transitions";

/**
 * One row of Console >> Client Services, as a tuple of plain values: the page sends 50 of these,
 * not 50 element trees, and no key names 50 times over. Status and language labels come from the
 * messages in the browser.
 */
export type ServiceRowData = [
  id: string,
  alias: string,
  shop: string,
  issuer: string,
  partner: string,
  language: Language,
  status: ServiceStatus,
  /** already formatted in the viewer's language and time zone */
  created: string,
  /** the life-cycle changes offered; none when the viewer may not change this service */
  actions: LifecycleAction[],
];

/** Where each row's alias goes in the eye's name, formatted once. */
const ALIAS_MARK = "\u0000";

/**
 * The list's rows, drawn in the browser from data: a server-rendered row would travel twice,
 * as HTML and again as its element tree in the page's data. The table's class "row-actions" lays
 * out each row's last cell, so that 50 cells do not carry a class.
 */
export function ServiceRows({ rows }: { rows: ServiceRowData[] }) {
  const t = useTranslations("console.clientServices");
  const lifecycle = useTranslations("console.lifecycle");
  // each language's and status's label looked up once, not on each of 50 rows
  const labels = new Map<string, string>();
  const label = (key: `languages.${Language}` | `statuses.${ServiceStatus}`) => {
    let text = labels.get(key);
    if (text === undefined) labels.set(key, (text = t(key)));
    return text;
  };
  // the eye's name, formatted once with a marker where each row's alias goes, not 50 times
  const [detailsBefore, detailsAfter] = t("viewDetailsOf", { alias: ALIAS_MARK }).split(ALIAS_MARK);
  return (
    <tbody>
      {rows.map(([id, alias, shop, issuer, partner, language, status, created, actions]) => (
        <tr key={id}>
          <td>{alias}</td>
          <td>{shop}</td>
          <td>{issuer}</td>
          <td>{partner}</td>
          <td>{label(`languages.${language}`)}</td>
          <td>
            <span className={`badge status-${status.toLowerCase()}`}>{label(`statuses.${status}`)}</span>
          </td>
          <td>{created}</td>
          <td>
            {actions.length > 0 && (
              <RowLifecycleControls serviceId={id} status={status} actions={actions} t={lifecycle} />
            )}
            {/* named by its service: fifty links named alike would not say where each goes; drawn by
                the stylesheet as the eye (.row-actions td:last-child > a), no class nor title on 50 rows */}
            <Link href={`/console/client-services/${id}`} aria-label={`${detailsBefore}${alias}${detailsAfter}`} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}
