// The API reference UI (Scalar's standalone build, copied into /vendor by scripts/assets/vendor.ts)
// over this Worker's /openapi.json. Everything it needs is served from this origin: no web fonts,
// no telemetry, no agent, no request proxy, so the page works offline and under public/_headers' CSP.
window.Scalar.createApiReference("#app", {
  url: "/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  // "Try it" calls go straight to this origin (same-origin: no proxy needed).
  proxyUrl: "",
  // The toolbar Scalar shows on localhost (share, deploy, generate SDKs) is about their service, not this API.
  showDeveloperTools: "never",
});
