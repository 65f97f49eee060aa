import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response, the web app's pages above all. Each source is the narrowest the
 * app runs under, checked in a real browser by test/e2e/alerts-console.e2e-spec.ts (which fails on any
 * `securitypolicyviolation`):
 * - scripts only from the app's own origin (the Vite build has no inline script), no inline event handlers;
 * - styles from its own origin; inline style *attributes* are allowed because ECharts writes its tooltips as
 *   HTML with style attributes — a `<style>` element or a stylesheet from elsewhere is still refused;
 * - images from its own origin and `data:`/`blob:` URLs (ECharts and Swagger UI draw icons from data URLs);
 * - connections (fetch, the socket.io WebSocket) to its own origin only — `'self'` covers ws:/wss: on the same
 *   host in CSP 3 browsers;
 * - no plugins, no <base> elsewhere, forms post only here, and framing as `frameAncestors` says.
 * No `upgrade-insecure-requests`: the platform is served over plain HTTP on a LAN address in both modes, where
 * that directive would break every request; TLS is the reverse proxy's job (docs/security-http.md).
 */
export function contentSecurityPolicy(frameAncestors: readonly string[]): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': frameAncestors.length > 0 ? [...frameAncestors] : ["'none'"],
  };
}

/**
 * Security headers on every response (API, web app, static files, errors), from helmet: the CSP above,
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (a wall display's URL carries its token in
 * the query: no other site may see it in a Referer), `X-Frame-Options: DENY` for browsers without
 * frame-ancestors (left out when some origins may frame the app, which X-Frame-Options cannot say), and no
 * `X-Powered-By` (Express's is switched off at its source). No HSTS: over plain HTTP browsers ignore it, and
 * behind a TLS proxy the proxy, which knows the domain's other hosts, should set it.
 */
export function useSecurityHeaders(app: NestExpressApplication, frameAncestors: readonly string[]): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(frameAncestors) },
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: frameAncestors.length > 0 ? false : { action: 'deny' },
      strictTransportSecurity: false,
    }),
  );
}
