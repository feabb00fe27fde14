/**
 * How names and numbers are stored for search, so the database can use plain indexes:
 * names lower-cased with accents removed ("Café Müller" -> "cafe muller"), numbers as their
 * digits only ("+49 30 1234-567" -> "49301234567").
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[øØ]/g, "o")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What stands for a space in the trigram index of organization names (migration
 * 20261201090000_name_search_across_words): a character pg_trgm counts as part of a word, so the
 * trigrams of "kuste0ber" span its words and the index finds names that hold them side by side.
 * Any name that holds a query holds it with the same replacement, so the index never misses a
 * match; a name that only matches because it holds the character itself is left out by the
 * query, which compares the folded name too.
 */
export const WORD_JOINER = "0";

/** A folded name or query as the trigram index of names holds it. */
export function joinWords(folded: string): string {
  return folded.replaceAll(" ", WORD_JOINER);
}

/** Three letters or digits in a row: a text a trigram index can find anywhere in a name. */
const TRIGRAM_RUN = /[\p{L}\p{N}]{3}/u;

/** Whether a search for this text looks for it anywhere in a name, or only where a word starts. */
export function searchesAnywhere(text: string): boolean {
  return TRIGRAM_RUN.test(text);
}

/**
 * The LIKE patterns a search for `text` matches, `space` standing for a space: the text anywhere
 * when it holds three letters or digits in a row; else at the start of the name or of one of its
 * words, the only places where so short a text gives a trigram index something to look up (a
 * search for "ab" anywhere would read all of the index: 365 ms at a million services).
 */
export function searchPatterns(text: string, space = " ", anywhere = searchesAnywhere(text)): string[] {
  const escaped = escapeLike(text);
  return anywhere ? [`%${escaped}%`] : [`${escaped}%`, `%${space}${escaped}%`];
}

/** Text for a LIKE pattern, matched as itself: backslash, `%` and `_` escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function digitsOnly(text: string): string {
  return text.replace(/\D/g, "");
}
