/**
 * LP-safe names. The CPLEX LP format (read by HiGHS, GLPK, CBC, CPLEX, Gurobi) allows letters,
 * digits and a few symbols in names; operators like `-` or `+`, spaces and `:` break parsing, and
 * session/EVSE ids from real logs contain them (`CA-496`). We keep `[A-Za-z0-9_.]` and escape
 * everything else as `~hh` (code unit < 256) or `~uhhhh`, so the mapping is reversible and a
 * readable name such as `evse.CA~2d496.37` still says what the row is.
 */

const SAFE = /^[A-Za-z0-9_.]$/;

/** Escapes one id for use inside an LP name (reversible with `decodeLpName`). */
export function encodeLpId(id: string): string {
  let out = '';
  for (let i = 0; i < id.length; i++) {
    const ch = id[i];
    if (SAFE.test(ch)) {
      out += ch;
      continue;
    }
    const code = id.charCodeAt(i);
    out += code < 256 ? `~${code.toString(16).padStart(2, '0')}` : `~u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** Reverses `encodeLpId` (also works on a whole name built from encoded parts). */
export function decodeLpName(name: string): string {
  return name.replace(/~(u[0-9a-f]{4}|[0-9a-f]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex.startsWith('u') ? hex.slice(1) : hex, 16))
  );
}

/**
 * Builds an LP name from a prefix (a fixed word like `energy`) and ids/slots, joined by `.`.
 * Dots inside ids are escaped too, so the parts can be split again.
 * @example lpName('evse', 'CA-496', 37) // 'evse.CA~2d496.37'
 */
export function lpName(prefix: string, ...parts: (string | number)[]): string {
  let out = prefix;
  for (const p of parts) out += '.' + (typeof p === 'number' ? String(p) : encodeLpId(p).replace(/\./g, '~2e'));
  return out;
}

/** Splits an `lpName` back into its prefix and decoded parts. */
export function parseLpName(name: string): string[] {
  return name.split('.').map(decodeLpName);
}
