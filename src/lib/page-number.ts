/**
 * The highest page a numbered (offset-paged) list goes to. Whatever the URL says, the page asked
 * for becomes a whole number from 1 to this, so the OFFSET sent to the database is always a
 * modest integer. 100,000 pages of 50 rows are 5 million rows, beyond any numbered list here
 * (the outbox, which only grows, is the longest); a page past the last is simply empty.
 */
export const MAX_PAGE = 100_000;

/** The page to show for a requested page number: 1 for anything that is not a positive number. */
export function clampPage(requested: number): number {
  return Math.min(Math.max(1, Math.floor(requested) || 1), MAX_PAGE);
}
