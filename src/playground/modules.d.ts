// Text modules imported by src/api/routes/playground.ts (wrangler.toml [[rules]] type = "Text");
// `*.html` is declared in worker-configuration.d.ts.
declare module "*.css" {
  const text: string;
  export default text;
}
declare module "*.browser.js" {
  const text: string;
  export default text;
}
declare module "*chart.umd.min.js" {
  const text: string;
  export default text;
}
