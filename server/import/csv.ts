/**
 * One CSV record of one line (RFC 4180 quoting: a field in double quotes may hold commas, and `""`
 * inside it is one quote). Records never span lines in the files we import, so a line is a record.
 * Returns null when a quoted field is not closed.
 *
 * @example
 *   splitCsvLine('1,"[[1,2]]",x') // ['1', '[[1,2]]', 'x']
 */
export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line[i] === '"') {
      let field = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(field);
      if (i < n && line[i] !== ',') return null;
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? n : c;
      out.push(line.slice(i, end));
      i = end;
    }
    if (i >= n) return out;
    i++; // the comma
    if (i === n) {
      out.push('');
      return out;
    }
  }
}
