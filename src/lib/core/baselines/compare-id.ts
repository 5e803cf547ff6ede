/** Plain code-unit string order (not locale-dependent), so tie-breaks match on every machine. */
export function compareId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
