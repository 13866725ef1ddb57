/**
 * Browser hardening headers on every answer, pages and API alike
 * (docs/securite.md, "En-têtes"). The web app has no inline script or style
 * (forms/web/build.ts writes index.html with external files only), so the
 * policy needs no 'unsafe-inline' (it needs 'unsafe-eval', see below); React sets `style` props through the CSSOM,
 * which CSP does not block. The API reference page (/api/docs) carries its
 * own policy allowing its one inline stylesheet by hash (app.ts).
 */
import { createHash } from 'node:crypto';

const CSP_BASE: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  // 'unsafe-eval' (not inline script): ajv compiles the forms' JSON Schemas into functions in the
  // browser (forms/web/src/lib/ajv.ts, and JSON Forms with it). Precompiled standalone validators
  // would let it go (docs/securite.md, "Reste à faire").
  'script-src': "'self' 'unsafe-eval'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

function csp(overrides: Readonly<Record<string, string>> = {}): string {
  return Object.entries({ ...CSP_BASE, ...overrides })
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = csp();

/** A policy for an HTML page whose inline <style> blocks are allowed by hash (and nothing else inline). */
export function cspWithInlineStyles(html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
  return csp({ 'style-src': ["'self'", ...hashes].join(' ') });
}

/** Sent with every answer (pages, assets, API, errors). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'permissions-policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Sent over HTTPS only (directly, or behind a proxy trusted with `--trust-proxy`): two years, subdomains too. */
export const HSTS = 'max-age=63072000; includeSubDomains';
