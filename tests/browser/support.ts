/**
 * What every browser file needs: Debian's Chromium through playwright-core, screenshots in
 * test-artifacts/browser, axe-core's serious and critical violations, and patient waits (a loaded
 * CI machine is slow, never wrong).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

export const ARTIFACTS = path.resolve("test-artifacts", "browser");

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Waits until the first element the locator finds is visible. */
export async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible" });
}

/** Waits until the locator finds nothing. */
export async function gone(locator: Locator): Promise<void> {
  await expect.poll(() => locator.count(), { timeout: 60_000 }).toBe(0);
}

/** Saves a full-page screenshot as test-artifacts/browser/NAME.png; returns the file name. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = `${name}.png`;
  await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
  return file;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it is now: serious and critical violations (none expected). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: { run: (ctx: Document, options: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe.run;
    const result = await run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
}
