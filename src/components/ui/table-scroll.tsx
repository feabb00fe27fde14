import type { ReactNode } from "react";

/**
 * A table that scrolls inside itself when the screen is narrower than it (320 px, 200 % zoom),
 * so the page never scrolls sideways: a named region the keyboard can reach and scroll, named by
 * its own label or by the heading above it.
 */
export function TableScroll({
  children,
  ...name
}: { children: ReactNode } & ({ label: string } | { labelledBy: string })) {
  const naming = "label" in name ? { "aria-label": name.label } : { "aria-labelledby": name.labelledBy };
  return (
    <div className="table-scroll" role="region" {...naming} tabIndex={0}>
      {children}
    </div>
  );
}
