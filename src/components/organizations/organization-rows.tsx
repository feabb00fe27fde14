"use client";
import { Link } from "@/components/ui/link";

/**
 * One organization of Console >> Organizations, as a tuple of plain values: the page sends 20 of
 * these, not 20 element trees that would travel again beside their HTML. The managed-by label
 * arrives already written; the partner only for administrators, who see every partner's.
 */
export type OrganizationRowData = [
  id: string,
  name: string,
  customerReference: string,
  number: string | null,
  managedBy: string,
  partner: string | null,
];

export function OrganizationRows({ rows }: { rows: OrganizationRowData[] }) {
  return (
    <tbody>
      {rows.map(([id, name, reference, number, managedBy, partner]) => (
        <tr key={id} data-testid="organization-row">
          <th scope="row">
            <Link href={`/console/organizations/${id}`}>{name}</Link>
          </th>
          <td className="mono">{reference}</td>
          <td>{number ?? "—"}</td>
          <td>{managedBy}</td>
          {partner !== null && <td>{partner}</td>}
        </tr>
      ))}
    </tbody>
  );
}
