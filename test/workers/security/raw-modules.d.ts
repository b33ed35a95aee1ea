// Vite's `?raw` imports (the eval question sets, read by guard.test.ts): the file's text.
declare module "*.jsonl?raw" {
  const text: string;
  export default text;
}
