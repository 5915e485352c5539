// The card's readings of HubSpot property values (strings, null or absent when empty) and its
// list wording, shared by the view model's parts.

/** The trimmed value; null when empty. */
export function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** A finite number; null when empty or malformed. */
export function numberOf(value: string | null | undefined): number | null {
  const t = text(value);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
