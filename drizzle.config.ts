import { defineConfig } from "drizzle-kit";

// Generates SQLite (D1) migrations offline from src/store/schema.ts into migrations/.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/store/schema.ts",
  out: "./migrations",
});
