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

export function digitsOnly(text: string): string {
  return text.replace(/\D/g, "");
}
