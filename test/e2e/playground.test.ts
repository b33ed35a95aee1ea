/**
 * The playground page in headless Chromium against the real service: sign in, ask, follow the SSE
 * progress, read the SQL, table and chart, give feedback, reopen a task — on a desktop and a phone
 * screen, with no console errors. Screenshots go to test-artifacts/ (git-ignored).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, type Service, startService } from "../../scripts/lib/local-service.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = resolve(ROOT, "test-artifacts");
const QUESTION = "Show me monthly revenue by product category";
const TASK_TIMEOUT = 120_000;

let service: Service;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  service = await startService();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

interface Session {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen by the page. */
  problems: string[];
  close(): Promise<void>;
}

async function open(options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) => {
    // The page aborts a stream it no longer shows (a new run, a reopened task): not a failure.
    if (request.failure()?.errorText !== "net::ERR_ABORTED")
      problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`);
  });
  return { page, problems, close: () => context.close() };
}

const text = async (locator: Locator) => ((await locator.textContent()) ?? "").trim();
const until = (locator: Locator, pattern: RegExp, timeout = 30_000) =>
  expect.poll(() => text(locator), { timeout }).toMatch(pattern);

async function signIn(page: Page): Promise<void> {
  const response = await page.goto(`${service.url}/`);
  expect(page.url()).toBe(`${service.url}/playground`);
  expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
  await page.getByLabel("Client id").fill("demo-client");
  await page.getByLabel("Client secret").fill("demo-secret");
  await page.getByRole("button", { name: "Sign in" }).click();
  await until(page.locator("#session"), /Signed in as demo-client/);
  await expect.poll(() => page.locator("#namespace").inputValue()).toBe("demo");
}

async function ask(page: Page, question: string, workflow = "nl2sql"): Promise<void> {
  await page.getByLabel("Workflow", { exact: true }).selectOption(workflow);
  await page.getByLabel("Question", { exact: true }).fill(question);
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

const status = (page: Page) => page.locator("#task-status");

async function nodeStates(page: Page): Promise<string[]> {
  return page
    .locator("#nodes li")
    .evaluateAll((rows) =>
      rows.map((row) => `${row.querySelector(".name")?.textContent} ${row.querySelector(".badge")?.textContent}`),
    );
}

/** The part of Chart.js's browser global the checks read. */
type ChartGlobal = {
  Chart: {
    getChart(id: string): { config: { type: string }; data: { datasets: unknown[]; labels: string[] } } | undefined;
  };
};

async function chartInfo(page: Page) {
  return page.evaluate(() => {
    const chart = (window as unknown as ChartGlobal).Chart.getChart("chart");
    return chart
      ? {
          type: chart.config.type,
          datasets: chart.data.datasets.length,
          labels: chart.data.labels.length,
        }
      : null;
  });
}

// Static assets (public/, wrangler.toml [assets]) are served before the Worker runs; the Workers
// test pool calls the Worker itself, so their routing and headers (public/_headers, _redirects) are
// proven here, against `wrangler dev`.
describe("the static assets", () => {
  const get = (path: string) => fetch(`${service.url}${path}`, { redirect: "manual" });

  it("sends / to the playground, whose page allows only this origin", async () => {
    const root = await get("/");
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/playground");
    const res = await get("/playground");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"])
      expect(csp).toContain(directive);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    const html = await res.text();
    // No inline script or style: everything comes from same-origin URLs.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const sources = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(["/vendor/chart.umd.min.js", "/playground/app.js"]);
  });

  it("serves the page's files and chart.js's UMD build, copied from node_modules without its map comment", async () => {
    const chart = await get("/vendor/chart.umd.min.js");
    expect(chart.status).toBe(200);
    expect(chart.headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
    expect(chart.headers.get("etag")).toBeTruthy();
    const js = await chart.text();
    expect(js).toContain("window.Chart=");
    expect(js).not.toContain("sourceMappingURL");
    const app = await get("/playground/app.js");
    expect(app.headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
    expect(await app.text()).toContain("/workflows/run");
    expect((await get("/playground/app.css")).headers.get("content-type")).toMatch(/^text\/css/);
    expect((await get("/playground/icon.svg")).headers.get("content-type")).toMatch(/^image\/svg\+xml/);
  });

  it("leaves every other path to the Worker", async () => {
    expect((await get("/health")).status).toBe(200);
    expect((await get("/workflows/tasks")).status).toBe(401);
    expect((await get("/no-such-file.js")).headers.get("content-type")).toMatch(/problem\+json/);
  });
});

describe("the playground page", () => {
  it("signs in, runs the demo question with live progress, shows SQL, table and chart, and takes feedback (desktop)", async () => {
    const { page, problems, close } = await open({
      viewport: { width: 1280, height: 900 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    try {
      await signIn(page);
      // Every form control has a label (what a screen reader announces).
      const unlabelled = await page.evaluate(() =>
        Array.from(document.querySelectorAll("input, select, textarea"))
          .filter((c) => !(c as HTMLInputElement).labels?.length && !c.getAttribute("aria-label"))
          .map((c) => c.id),
      );
      expect(unlabelled).toEqual([]);

      await ask(page, QUESTION);
      await until(status(page), /^completed$/, TASK_TIMEOUT);
      await until(page.locator("#progress-text"), /^Completed in .* rows$/);
      expect(await page.locator("#progress-text").getAttribute("aria-live")).toBe("polite");
      expect(await text(page.locator("#task-id"))).toMatch(/^demo-client_/);

      // Nodes with their states and timings, and the linked tables.
      const nodes = await nodeStates(page);
      for (const node of ["schema_linking", "generate_sql", "execute_sql", "output"])
        expect(nodes).toContain(`${node} completed`);
      expect(await text(page.locator("#nodes li[data-node=execute_sql] .time"))).toMatch(/\d+(\.\d+)? m?s/);
      expect(await text(page.locator("#nodes li[data-node=execute_sql] .note"))).toMatch(/^\d+ rows in /);
      const tables = await page.locator("#tables li").allTextContents();
      expect(tables).toEqual(expect.arrayContaining(["orders", "order_items", "products", "product_categories"]));

      // The SQL, highlighted and copyable.
      const sql = await text(page.locator("#sql"));
      expect(sql).toMatch(/^SELECT /);
      expect(sql).toContain("product_categories");
      expect(await page.locator("#sql .tok-kw").count()).toBeGreaterThan(5);
      await page.getByRole("button", { name: "Copy SQL" }).click();
      await until(page.locator("#copy-status"), /copied/);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sql);

      // The result table, 25 rows a page.
      expect(await page.locator("#result-table thead th").allTextContents()).toEqual([
        "month",
        "product_category",
        "revenue",
      ]);
      expect(await page.locator("#result-table tbody tr").count()).toBe(25);
      const [, total] = (await text(page.locator("#page-info"))).match(/^Rows 1–25 of (\d+)/) ?? [];
      expect(Number(total)).toBeGreaterThan(25);
      await page.getByRole("button", { name: "Next" }).click();
      await until(page.locator("#page-info"), /^Rows 26–50 of /);
      await page.getByRole("button", { name: "Previous" }).click();
      await until(page.locator("#page-info"), /^Rows 1–25 of /);

      // A time series by category → a line per category.
      expect(await page.locator("#chart-box").isVisible()).toBe(true);
      const box = await page.locator("#chart").boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(150);
      const chart = await chartInfo(page);
      expect(chart).toMatchObject({ type: "line" });
      expect(chart!.datasets).toBeGreaterThan(1);
      expect(chart!.labels).toBeGreaterThanOrEqual(12);
      expect(await page.locator("#chart").getAttribute("aria-label")).toMatch(
        /^Line chart of revenue by month, one line per product_category/,
      );
      expect(
        await page.evaluate(() => (window as unknown as ChartGlobal).Chart.getChart("chart")?.data.labels[0]),
      ).toBe("2022-01");

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(400); // the chart's short animation
      await page.screenshot({ path: resolve(ARTIFACTS, "playground-desktop.png"), fullPage: true });

      // Feedback: acknowledged — or, if the route is missing, its error shown without breaking the page.
      await page.getByLabel("Comment (optional)").fill("Looks right");
      await page.getByRole("button", { name: "Correct" }).click();
      await until(page.locator("#feedback-status"), /recorded/);
      const feedback = await text(page.locator("#feedback-status"));
      if (/not recorded/.test(feedback)) {
        expect(feedback).toMatch(/No route for POST \/workflows\/feedback/);
        const rest = problems.filter((p) => !/404/.test(p) || !p.includes("/workflows/feedback"));
        problems.splice(0, problems.length, ...rest);
      } else {
        expect(feedback).toMatch(/^Thanks — feedback recorded \(correct\) at /);
      }

      // Recent tasks list the run.
      await page.getByRole("button", { name: "Refresh" }).click();
      const recent = page.locator("#recent button").first();
      await until(recent, new RegExp(`^${QUESTION}.*completed`));
      expect(await recent.getAttribute("aria-current")).toBe("true");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows a failed task's error, reflection rounds, and resumes a broken stream with Last-Event-ID", async () => {
    const { page, problems, close } = await open({ viewport: { width: 1100, height: 900 } });
    try {
      await signIn(page);

      // A question the built-in generator cannot answer: `error` then `done` with status failed.
      await ask(page, "florp the zibble wumpus");
      await until(status(page), /^failed$/, TASK_TIMEOUT);
      await until(page.locator("#task-error"), /could not answer.*\(at generate_sql\)$/);
      expect(await page.locator("#task-error").getAttribute("role")).toBe("alert");
      await until(page.locator("#progress-text"), /^Task failed after /);
      expect(await page.locator("#sql-panel").isVisible()).toBe(false);
      expect(await page.locator("#feedback-panel").isVisible()).toBe(true);
      await page.locator("#progress-panel").evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: resolve(ARTIFACTS, "playground-failed.png") });

      // Reflection: each round is listed; an empty result shows no chart.
      await ask(page, "List orders over 100000000", "reflection");
      await until(status(page), /^completed$/, TASK_TIMEOUT);
      expect(await page.locator("#task-error").isVisible()).toBe(false);
      const rounds = await page.locator("#rounds > li > strong").allTextContents();
      expect(rounds.length).toBeGreaterThanOrEqual(1);
      expect(rounds[0]).toMatch(/^Reflection round 1: /);
      expect(await text(page.locator("#page-info"))).toBe("No rows");
      expect(await page.locator("#chart-box").isVisible()).toBe(false);

      // The run's stream breaks off after event 4: the page resumes from there with Last-Event-ID.
      await page.route(
        "**/workflows/run",
        async (route) => {
          const response = await route.fetch();
          const frames = (await response.text()).split("\n\n");
          expect(frames[0]).toBe("retry: 3000");
          await route.fulfill({ response, body: `${frames.slice(0, 5).join("\n\n")}\n\n` });
        },
        { times: 1 },
      );
      const resumed = page.waitForRequest(
        (r) => r.method() === "GET" && /\/workflows\/tasks\/[^/]+\/events$/.test(r.url()),
        { timeout: 60_000 },
      );
      await ask(page, "How many orders per country?");
      expect((await resumed).headers()["last-event-id"]).toBe("4");
      await until(status(page), /^completed$/, TASK_TIMEOUT);
      const nodes = await nodeStates(page);
      expect(nodes.filter((n) => n.startsWith("schema_linking"))).toEqual(["schema_linking completed"]); // nothing repeated
      expect(nodes).toContain("output completed");
      // One bar per country.
      expect(await chartInfo(page)).toMatchObject({ type: "bar", datasets: 1 });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("works on a phone-width screen: keyboard sign-in, reopening a task from Recent tasks", async () => {
    const { page, problems, close } = await open({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    try {
      await page.goto(`${service.url}/playground`);
      // The secret field has the focus: type and press Enter.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("client-secret");
      await page.keyboard.type("demo-secret");
      await page.keyboard.press("Enter");
      await until(page.locator("#session"), /Signed in as demo-client/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("question");

      const task = page.locator("#recent button", { hasText: QUESTION }).first();
      await task.waitFor();
      await task.click();
      // Its stored events are replayed: the same progress, SQL, table and chart as when it ran.
      await until(page.locator("#progress-text"), /^Completed in .* rows$/, TASK_TIMEOUT);
      expect(await text(status(page))).toBe("completed");
      expect(await page.locator("#question").inputValue()).toBe(QUESTION);
      expect((await nodeStates(page)).length).toBeGreaterThanOrEqual(4);
      expect(await text(page.locator("#sql"))).toMatch(/^SELECT /);
      expect(await page.locator("#result-table tbody tr").count()).toBe(25);
      expect(await page.locator("#chart-box").isVisible()).toBe(true);
      expect(await chartInfo(page)).toMatchObject({ type: "line" });

      // Nothing wider than the screen: the table scrolls inside its own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.waitForTimeout(400);
      await page.screenshot({ path: resolve(ARTIFACTS, "playground-phone.png"), fullPage: true });
      // Screen-sized views too, readable without zooming into the long page.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: resolve(ARTIFACTS, "playground-phone-top.png") });
      await page.locator("#result-panel").evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: resolve(ARTIFACTS, "playground-phone-result.png") });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("the API reference (/docs)", () => {
  it("renders offline: every request stays on this origin, and it shows our operations", async () => {
    // The reference opens on the first tag: GET /health's summary, as /openapi.json states it.
    const { operation } = await openApiOperation("/health", "get");
    const { page, problems, close } = await open();
    const origin = new URL(service.url).origin;
    const elsewhere: string[] = [];
    // Offline as far as the page can tell: anything not on the service's origin fails.
    await page.context().route("**/*", (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort("internetdisconnected");
    });
    try {
      const response = await page.goto(`${service.url}/docs`);
      expect(response?.status()).toBe(200);
      const csp = response?.headers()["content-security-policy"] ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
      // An operation of our OpenAPI document, by its summary, and the document's title.
      await page.getByText(operation.summary, { exact: true }).first().waitFor({ timeout: 60_000 });
      await page.getByText("datus-edge Workflow API").first().waitFor();
      // Another tag's operations once its group is opened in the sidebar.
      const run = await openApiOperation("/workflows/run", "post");
      await page.getByText("workflows", { exact: true }).first().click();
      await page.getByText(run.operation.summary, { exact: true }).first().waitFor();
      await page.screenshot({ path: resolve(ARTIFACTS, "docs.png") });
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

async function openApiOperation(path: string, method: string): Promise<{ operation: { summary: string } }> {
  const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { summary: string }>>;
  };
  const operation = doc.paths[path]?.[method];
  if (!operation?.summary) throw new Error(`/openapi.json has no summary for ${method} ${path}`);
  return { operation };
}
