import { describe, expect, it } from "vitest";
import { call } from "./helpers";

describe("the playground page", () => {
  it("GET / redirects to the playground", async () => {
    const res = await call("/", { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/playground");
  });

  it("serves HTML under a Content-Security-Policy that allows only the Worker itself", async () => {
    const res = await call("/playground");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    // No inline script or style: everything comes from same-origin URLs with the asset version.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toContain("__ASSET_VERSION__");
    const sources = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      expect.stringMatching(/^\/playground\/chart\.js\?v=[0-9a-f]{8}$/),
      expect.stringMatching(/^\/playground\/app\.js\?v=[0-9a-f]{8}$/),
    ]);
  });

  it("serves chart.js (the UMD build) as long-cached JavaScript", async () => {
    const res = await call("/playground/chart.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toMatch(/max-age=31536000/);
    const js = await res.text();
    expect(js).toContain("Chart.js v4");
    expect(js).toContain("window.Chart=");
    expect(js).not.toContain("sourceMappingURL");
    expect(js.length).toBeGreaterThan(100_000);
  });

  it("serves the page's script and stylesheet", async () => {
    const js = await call("/playground/app.js");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toContain("/workflows/run");
    const css = await call("/playground/app.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("@media");
    const icon = await call("/playground/icon.svg");
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("needs no token (the page signs in itself)", async () => {
    expect((await call("/playground")).status).toBe(200);
    expect((await call("/workflows/tasks")).status).toBe(401);
  });
});
