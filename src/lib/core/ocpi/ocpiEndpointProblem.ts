/** Hosts where plain http is allowed (a backend on the developer's own machine). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why the OCPI token must not be sent to `url`, or null when it may: https only (plain http only
 * for localhost / 127.0.0.1, for development), no user:password in the URL, and — when `origin` is
 * given — nowhere but that origin (a `Link: rel=next` from the backend must not lead the token away).
 */
export function ocpiEndpointProblem({ url, origin }: { url: string; origin?: string }): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not an absolute URL`;
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) return `${u.protocol}// is not allowed: expected https:// (plain http only for localhost), the token must not travel in clear text`;
  if (u.username || u.password) return 'expected no user:password in the URL (the token goes in the Authorization header)';
  if (origin !== undefined && u.origin !== origin) return `${u.origin} is not the configured origin ${origin}: the token is only sent there`;
  return null;
}
