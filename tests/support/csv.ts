/** The file as a spreadsheet reads it (RFC 4180): rows of cells, quotes taken off. */
export async function csvRows(file: ReadableStream<Uint8Array>): Promise<string[][]> {
  const text = (await new Response(file).text()).replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const [c, after] = [text[i], text[i + 1]];
    if (quoted && c === '"' && after === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && after === "\n") {
      rows.push([...row, cell]);
      [row, cell] = [[], ""];
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}
