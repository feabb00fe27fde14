"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A form behind a button (`<details class="open-form">`) whose content is drawn only once it has
 * been opened: a list offers one on every row, and twenty forms nobody opens cost every request
 * their rendering and the page their markup (16 KB on Remote Support). Once drawn the content
 * stays, closed or not, so what was typed is still there when it is opened again.
 */
export function OpenForm({
  summary,
  summaryClassName = "button primary",
  testId,
  children,
}: {
  summary: ReactNode;
  summaryClassName?: string;
  testId?: string;
  children: ReactNode;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const [drawn, setDrawn] = useState(false);
  // opened before the page could answer (a click before hydration): draw it now
  useEffect(() => {
    if (details.current?.open) setDrawn(true);
  }, []);
  return (
    <details
      ref={details}
      className="open-form"
      onToggle={(event) => {
        if (event.currentTarget.open) setDrawn(true);
      }}
    >
      <summary className={summaryClassName} data-testid={testId}>
        {summary}
      </summary>
      {drawn && children}
    </details>
  );
}
