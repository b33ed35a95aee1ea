import type { Context } from "hono";
// Text modules (wrangler.toml [[rules]]): bundled into the Worker, served from memory. No CDN, no build step.
import chartJs from "../../../node_modules/chart.js/dist/chart.umd.min.js";
import appJs from "../../playground/app.browser.js";
import appCss from "../../playground/app.css";
import pageHtml from "../../playground/index.html";
import type { App, AppEnv } from "../app";

/**
 * GET /playground: a small page that uses the public API as a client application would (sign in,
 * run async and follow the SSE stream, feedback, recent tasks). Its script, stylesheet and chart.js
 * come from this Worker only, under a Content-Security-Policy that allows nothing else.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2357d6"/>' +
  '<path d="M8 22V12m6 10V8m6 14v-6m6 6V11" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>';

// The map file is not served: drop the comment so browsers do not ask for it.
const CHART_JS = chartJs.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");

/** FNV-1a: a cache-busting version for the asset URLs, computed once per isolate. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

const ASSET_VERSION = fnv1a(appJs + appCss + CHART_JS);
const PAGE = pageHtml.replaceAll("__ASSET_VERSION__", ASSET_VERSION);

const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};
// Asset URLs carry ASSET_VERSION, so they may be cached for a year; the page itself is revalidated.
const IMMUTABLE = "public, max-age=31536000, immutable";

function asset(body: string, contentType: string, cacheControl = IMMUTABLE) {
  return (c: Context<AppEnv>) =>
    c.body(body, 200, { ...COMMON_HEADERS, "content-type": contentType, "cache-control": cacheControl });
}

export function registerPlayground(app: App): void {
  app.get("/", (c) => c.redirect("/playground", 302));
  app.get("/playground/", (c) => c.redirect("/playground", 301));
  app.get("/playground", (c) =>
    c.body(PAGE, 200, {
      ...COMMON_HEADERS,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": PLAYGROUND_CSP,
      "x-frame-options": "DENY",
      "cache-control": "no-cache",
    }),
  );
  app.get("/playground/app.js", asset(appJs, "text/javascript; charset=utf-8"));
  app.get("/playground/app.css", asset(appCss, "text/css; charset=utf-8"));
  app.get("/playground/chart.js", asset(CHART_JS, "text/javascript; charset=utf-8"));
  app.get("/playground/icon.svg", asset(ICON_SVG, "image/svg+xml", "public, max-age=86400"));
}
