"use client";
import Link from "next/link";
import type { ServiceStatus } from "@/generated/prisma/enums";
import { LifecycleControls } from "@/components/lifecycle/lifecycle-controls";
import type { LifecycleAction } from "@/server/lifecycle/transitions";

/** One row of Console >> Client Services, as plain data: the page sends 50 of these, not 50 element trees. */
export interface ServiceRowData {
  id: string;
  alias: string;
  shop: string;
  issuer: string;
  partner: string;
  /** already translated */
  language: string;
  status: ServiceStatus;
  /** already translated */
  statusLabel: string;
  /** already formatted in the viewer's language and time zone */
  created: string;
  /** the life-cycle changes offered, when the viewer may change this service */
  actions: LifecycleAction[] | null;
}

/**
 * The list's rows, drawn in the browser from data: a server-rendered row would travel twice,
 * as HTML and again as its element tree in the page's data.
 */
export function ServiceRows({ rows, viewDetails }: { rows: ServiceRowData[]; viewDetails: string }) {
  return (
    <tbody>
      {rows.map((s) => (
        <tr key={s.id} data-testid="service-row">
          <td>{s.alias}</td>
          <td>{s.shop}</td>
          <td>{s.issuer}</td>
          <td>{s.partner}</td>
          <td>{s.language}</td>
          <td><span className={`badge status-${s.status.toLowerCase()}`}>{s.statusLabel}</span></td>
          <td>{s.created}</td>
          <td className="row-actions">
            {s.actions && <LifecycleControls serviceId={s.id} actions={s.actions} compact />}
            <Link href={`/console/client-services/${s.id}`} aria-label={viewDetails} title={viewDetails} data-testid="view-details" className="icon-link">
              <span className="icon eye" aria-hidden="true" />
            </Link>
          </td>
        </tr>
      ))}
    </tbody>
  );
}
