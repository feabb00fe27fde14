"use client";
import { Link } from "@/components/ui/link";
import { useState } from "react";
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

/**
 * The side navigation; groups ("Settings >> General Settings") nest as the seeds name them. On a
 * narrow screen it folds behind a "Menu" button (a disclosure: Enter or Space opens it, the
 * links follow in the Tab order) and folds again when a link has been followed.
 */
export function NavList({ items, label, toggle }: { items: NavItem[]; label: string; toggle: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  const render = (list: NavItem[], id?: string) => (
    <ul id={id}>
      {list.map((item) => (
        <li key={item.label}>
          {item.href ? (
            <Link
              href={item.href}
              aria-current={isActive(pathname, item) ? "page" : undefined}
              data-testid={item.testId}
            >
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
  return (
    <nav aria-label={label} className={open ? "side-nav open" : "side-nav"}>
      <button
        type="button"
        className="button nav-toggle"
        aria-expanded={open}
        aria-controls="side-nav-items"
        onClick={() => setOpen(!open)}
      >
        {toggle}
      </button>
      {render(items, "side-nav-items")}
    </nav>
  );
}
