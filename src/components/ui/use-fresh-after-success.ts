"use client";
import { useState } from "react";

/**
 * A key that changes after each successful answer: a form keyed by it starts with empty fields for
 * the next entry, while what was typed stays on screen next to an error.
 */
export function useFreshAfterSuccess(state: { ok: boolean } | null): number {
  const [seen, setSeen] = useState(state);
  const [generation, setGeneration] = useState(0);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setGeneration((g) => g + 1);
  }
  return generation;
}
