import { isUuid } from "@/lib/ids";
import { isCleanText } from "@/lib/text";

/** A keyset position: the sort key of a row and its id, as the "Next"/"Previous" links carry it. */
export type KeysetCursor = [key: string, id: string];

export const encodeCursor = (cursor: KeysetCursor): string => Buffer.from(JSON.stringify(cursor)).toString("base64url");

/** A cursor as a link made it; anything else (edited by hand, too long) is no cursor at all. */
export function decodeCursor(value: unknown, maxKeyLength = 300): KeysetCursor | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > 2 * maxKeyLength + 100) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [key, id] = parsed as unknown[];
    if (typeof key !== "string" || key.length > maxKeyLength || !isCleanText(key, false) || !isUuid(id))
      return undefined;
    return [key, id as string];
  } catch {
    return undefined;
  }
}
