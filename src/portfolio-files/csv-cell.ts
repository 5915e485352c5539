// Cells of every CSV we write, made safe for the spreadsheet that opens it (R14, OWASP's "CSV
// injection" rule): a text cell that begins with = + - @, a tab or a carriage return would be run
// as a formula (=HYPERLINK(…) as a company name), so it gets a leading apostrophe, which spreadsheets
// show as text. Numbers are never touched: a number cell stays a number (-1200.5 stays -1200.5),
// and so does a text cell that is exactly a number.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function neutraliseCsvText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** csv-stringify's `cast` option applying the rule to every text cell. */
export const SAFE_CSV_CAST = { string: (value: string): string => neutraliseCsvText(value) };
