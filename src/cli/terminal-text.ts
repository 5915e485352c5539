// Text from outside (company names, webhook issues) printed on an operator's terminal: escape
// sequences in it could recolour, move the cursor, retitle the window or hide what follows (R14).
// Every control character goes; an escape sequence goes whole, so no half of it is left to print.
// The escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and two-character ESC x.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 controls (tab and newline included: a name is one line), DEL, and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The text without terminal escape sequences or control characters (each control becomes a space). */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, ' ');
}
