"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href?: string;
  label: string;
  testId?: string;
  children?: NavItem[];
  /** match the path exactly (for a section's index page) */
  exact?: boolean;
}

function isActive(pathname: string, item: NavItem): boolean {
  if (!item.href) return false;
  return item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/** The side navigation; groups ("Settings >> General Settings") nest as the seeds name them. */
export function NavList({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  const render = (list: NavItem[]) => (
    <ul>
      {list.map((item) => (
        <li key={item.label}>
          {item.href ? (
            <Link href={item.href} aria-current={isActive(pathname, item) ? "page" : undefined} data-testid={item.testId}>
              {item.label}
            </Link>
          ) : (
            <span className="nav-group">{item.label}</span>
          )}
          {item.children && render(item.children)}
        </li>
      ))}
    </ul>
  );
  return <nav aria-label={label} className="side-nav">{render(items)}</nav>;
}
