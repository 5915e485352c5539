// "1 company", "2 companies": counts in what people read (CLI output, the start banner, the demo).
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
