// global-setup.ts provides it (from startLlmStub); declared here too because the Node-side files
// that also declare it are outside this (workerd) TypeScript project.
export {};

declare module "vitest" {
  export interface ProvidedContext {
    llmStubUrl: string;
  }
}
