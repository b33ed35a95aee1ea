/**
 * A conversation in the playground (issue 16), in headless Chromium against the real service: a
 * question, a follow-up read with it, a question the service asks back, and the answer given with
 * one click on an option — shown as one thread, with assumptions, suggestions and a chart that
 * follows metadata.chart. No console errors.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, type Service, startService } from "../../scripts/lib/local-service.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = resolve(ROOT, "test-artifacts");
const TASK_TIMEOUT = 120_000;

let service: Service;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  service = await startService({ pgliteDir: ".data/pglite-e2e-conversation" });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

const text = async (locator: Locator) => ((await locator.textContent()) ?? "").trim();
const until = (locator: Locator, pattern: RegExp, timeout = TASK_TIMEOUT) =>
  expect.poll(() => text(locator), { timeout }).toMatch(pattern);

async function ask(page: Page, question: string): Promise<void> {
  await page.getByLabel("Question", { exact: true }).fill(question);
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

describe("a conversation in the playground", () => {
  it("follows up, asks back, and completes the question with the chosen option", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    try {
      await page.goto(`${service.url}/playground`);
      await page.getByLabel("Client id").fill("demo-client");
      await page.getByLabel("Client secret").fill("demo-secret");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => page.locator("#namespace").inputValue(), { timeout: 30_000 }).toBe("demo");
      const status = page.locator("#task-status");

      await ask(page, "total revenue by month in 2024");
      await until(status, /^completed$/);
      await expect.poll(() => page.locator("#assumptions li").count()).toBeGreaterThan(0);
      await until(page.locator("#chart-caption"), /^Line chart of revenue by month/);

      // A follow-up: read with the first question, shown in place in the thread.
      await ask(page, "only 2023");
      await until(status, /^completed$/);
      await until(page.locator("#sql"), /2023-01-01/);
      await until(page.locator("#thread li").nth(1), /Read as: total revenue by month in 2023/);
      await expect.poll(() => page.locator("#suggestions button").count()).toBeGreaterThan(0);

      // An ambiguous value: the task asks back, the options are buttons.
      await ask(page, "what about 'Springfield'?");
      await until(status, /^failed$/);
      await until(page.locator("#clarification-title"), /What is "Springfield"/);
      await page.locator("#clarification-options").getByRole("button", { name: "Customer city" }).click();
      await until(status, /^completed$/);
      await until(page.locator("#sql"), /c\.city = 'Springfield'/);
      await expect.poll(() => page.locator("#thread li").count()).toBe(4);
      await page.screenshot({ path: resolve(ARTIFACTS, "playground-conversation.png"), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
