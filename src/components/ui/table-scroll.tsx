import type { ReactNode } from "react";

/**
 * A table that scrolls inside itself when the screen is narrower than it (320 px, 200 % zoom),
 * so the page never scrolls sideways: a named region the keyboard can reach and scroll.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
