/** Nothing the user made is lost on reload; scenario files and share links carry a whole cluster. */
import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { autosaved, drag, nodeCard, openApp, podChips, screenshot, typeInTerminal } from "./helpers";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: keep
spec:
  replicas: 2
  selector:
    matchLabels: { app: keep }
  template:
    metadata:
      labels: { app: keep }
    spec:
      containers:
      - name: web
        image: nginx
`;
const TAINT = "dedicated=gpu:NoSchedule";

async function apply(page: Page, yaml: string): Promise<void> {
  const exit = await page.evaluate(
    async (y) =>
      (
        await (
          window as unknown as { __kubeglass: { apply(y: string): Promise<{ exit: number }> } }
        ).__kubeglass.apply(y)
      ).exit,
    yaml,
  );
  expect(exit).toBe(0);
}

/** Waits until the autosave holds the cluster at simulated time `clock` (ms). */
async function savedWithClock(page: Page, clock: number, playing?: boolean): Promise<void> {
  const status = page.getByTestId("save-status");
  await expect(status).toHaveAttribute("data-saved-clock", String(clock), { timeout: 10_000 });
  if (playing !== undefined)
    await expect(status).toHaveAttribute("data-saved-playing", String(playing), { timeout: 10_000 });
}

/** Pauses time and returns the simulated ms it stopped at, once the autosave holds that instant. */
async function pauseAndSave(page: Page): Promise<number> {
  await page.getByTestId("play-pause").click();
  // Once the page shows time paused, the clock it holds is the one time stopped at.
  await expect(page.getByTestId("play-pause")).toHaveAttribute("aria-pressed", "false");
  const now = await clockNow(page);
  // The save taken at that instant while time still played is not enough: wait for the paused one.
  await savedWithClock(page, now, false);
  return now;
}

function editorText(page: Page): Promise<string> {
  return page.evaluate(() =>
    (window as unknown as { __kubeglass: { getEditorText(): string } }).__kubeglass.getEditorText(),
  );
}

function clockNow(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (
        window as unknown as { __kubeglass: { store: { getState(): { clock: { now: number } } } } }
      ).__kubeglass.store.getState().clock.now,
  );
}

function podNames(page: Page, prefix: string): Promise<string[]> {
  return page
    .locator(`[data-testid="pod-chip"][data-pod^="default/${prefix}"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-pod") ?? "").sort());
}

async function makeWork(page: Page): Promise<void> {
  await apply(page, DEPLOYMENT);
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="default/keep-"][data-phase="Running"]'),
  ).toHaveCount(2, {
    timeout: 20_000,
  });
  await drag(
    page,
    page.locator(`[data-testid="palette-taint"][data-taint="${TAINT}"]`),
    nodeCard(page, "node01"),
  );
  await expect(
    nodeCard(page, "node01").locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`),
  ).toBeVisible();
}

test("reload: the Deployment, its Running pods, the taint, the clock, a static pod and a custom palette taint are kept", async ({
  page,
}) => {
  await openApp(page);
  await makeWork(page);
  // A static pod, written on node01's disk through the terminal.
  await typeInTerminal(page, "ssh node01");
  await typeInTerminal(page, "cat > /etc/kubernetes/manifests/static-web.yaml <<EOF");
  for (const line of [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: static-web",
    "spec:",
    "  containers:",
    "  - name: web",
    "    image: nginx",
    "EOF",
    "exit",
  ])
    await typeInTerminal(page, line);
  await expect(podChips(nodeCard(page, "node01"), "static-web-node01")).toHaveAttribute(
    "data-phase",
    "Running",
    {
      timeout: 30_000,
    },
  );
  // A taint of one's own in the palette.
  const palette = page.getByRole("region", { name: "Taint palette" });
  await palette.getByLabel("Taint key").fill("team");
  await palette.getByLabel("Taint value").fill("blue");
  await palette.getByRole("button", { name: "Add" }).click();
  await expect(
    page.locator('[data-testid="palette-taint"][data-taint="team=blue:NoSchedule"]'),
  ).toBeVisible();
  // Stop time so that the clock can be compared.
  const now = await pauseAndSave(page);
  const pods = await podNames(page, "keep-");

  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  expect(await podNames(page, "keep-")).toEqual(pods);
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="default/keep-"][data-phase="Running"]'),
  ).toHaveCount(2, {
    timeout: 20_000,
  });
  await expect(
    nodeCard(page, "node01").locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`),
  ).toBeVisible();
  await expect(podChips(nodeCard(page, "node01"), "static-web-node01")).toBeVisible();
  await expect(
    page.locator('[data-testid="palette-taint"][data-taint="team=blue:NoSchedule"]'),
  ).toBeVisible();
  // Time is still paused, at the very millisecond it stopped.
  await expect(page.getByTestId("play-pause")).toHaveAttribute("aria-pressed", "false");
  expect(await clockNow(page)).toBe(now);
  await typeInTerminal(page, "ssh node01 ls /etc/kubernetes/manifests");
  await expect(page.getByTestId("action-log")).toContainText("static-web.yaml");

  // Reset starts the scenario afresh; the cluster it replaced can be restored.
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.locator('[data-testid="pod-chip"][data-pod^="default/keep-"]')).toHaveCount(0);
  // Time plays in the fresh cluster; the restored one comes back paused, as it was left.
  await page.getByTestId("play-pause").click();
  await expect(page.getByTestId("play-pause")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("scenario-menu").click();
  await page.getByTestId("restore-previous").click();
  await expect(page.locator('[data-testid="pod-chip"][data-pod^="default/keep-"]')).toHaveCount(2);
  expect(await podNames(page, "keep-")).toEqual(pods);
  await expect(page.getByTestId("play-pause")).toHaveAttribute("aria-pressed", "false");
});

test("reload: the editor's text, paused time and the speed are kept", async ({ page }) => {
  await openApp(page);
  // Type a line of one's own at the top of the editor, as a person does.
  const editor = page.locator(".monaco-editor").first();
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.type("# kept-on-reload");
  await page.keyboard.press("Escape"); // no suggestion may take the Enter
  await page.keyboard.press("Enter");
  await expect.poll(() => editorText(page)).toMatch(/^# kept-on-reload\n/);
  const text = await editorText(page);
  // Ten times faster, then paused.
  await page.getByTitle("Speed 10x").click();
  await expect(page.getByTitle("Speed 10x")).toHaveAttribute("aria-pressed", "true");
  const now = await pauseAndSave(page);

  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("# kept-on-reload", {
    timeout: 20_000,
  });
  await page.screenshot({ path: "/tmp/persist.png" });
  expect(await editorText(page)).toBe(text);
  await expect(page.getByTestId("play-pause")).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTitle("Speed 10x")).toHaveAttribute("aria-pressed", "true");
  expect(await clockNow(page)).toBe(now);
  // Still paused a moment later: time did not start again on its own.
  await page.waitForTimeout(500);
  expect(await clockNow(page)).toBe(now);
});

test("export a scenario file, change the cluster, import the file back; a bad file changes nothing", async ({
  page,
}) => {
  await openApp(page);
  await makeWork(page);
  await page.getByTestId("scenario-menu").click();
  await screenshot(page, "scenario-menu");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kubeglass-.*\.yaml$/);
  const file = (await download.path()) as string;
  const text = readFileSync(file, "utf8");
  expect(text).toContain("kind: Scenario");
  expect(text).toContain("name: keep");

  await typeInTerminal(page, "kubectl delete deployment keep");
  await expect(page.locator('[data-testid="pod-chip"][data-pod^="default/keep-"]')).toHaveCount(0, {
    timeout: 60_000,
  });

  // A file that is not a scenario: a clear message, and the cluster stays as it is.
  await page.getByTestId("import-file").setInputFiles({
    name: "notes.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from("kind: Pod\nmetadata: {name: x}\n"),
  });
  await expect(page.getByTestId("toast")).toContainText("Import failed: notes.yaml");
  await expect(page.getByTestId("toast")).toContainText("not a scenario file");
  await expect(
    nodeCard(page, "node01").locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`),
  ).toBeVisible();

  await page.getByTestId("import-file").setInputFiles({
    name: "lab.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(text),
  });
  await expect(page.getByTestId("toast")).toContainText("Imported lab.yaml");
  // The scenario is now the file, not the CKA practice cluster it was exported from.
  const scenario = page.locator('select[aria-label="Scenario"]');
  await expect(scenario.locator("option:checked")).toHaveText("lab.yaml");
  await expect(
    page.locator('[data-testid="pod-chip"][data-pod^="default/keep-"][data-phase="Running"]'),
  ).toHaveCount(2, {
    timeout: 20_000,
  });
  await expect(
    nodeCard(page, "node01").locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`),
  ).toBeVisible();
  // ...and stays so after a reload.
  await autosaved(page);
  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await expect(scenario.locator("option:checked")).toHaveText("lab.yaml");
});

test("a share link opens the same cluster in another browser", async ({ page, browser }) => {
  await openApp(page);
  await makeWork(page);
  const pods = await podNames(page, "keep-");
  await page.getByTestId("scenario-menu").click();
  await page.getByTestId("share-link").click();
  await expect(page.getByTestId("toast")).toContainText("Share link");
  const link = await page.evaluate(
    () => (window as unknown as { __kubeglassShareLink: string }).__kubeglassShareLink,
  );
  expect(link).toMatch(/#[rs]=[A-Za-z0-9_-]+$/);

  // Another browser profile: its own (empty) IndexedDB.
  const other = await browser.newContext();
  const visitor = await other.newPage();
  await visitor.setViewportSize({ width: 1600, height: 940 });
  await visitor.goto(link);
  await expect(
    nodeCard(visitor, "node01").locator(`[data-testid="taint-chip"][data-taint="${TAINT}"]`),
  ).toBeVisible({
    timeout: 20_000,
  });
  expect(await podNames(visitor, "keep-")).toEqual(pods);
  await expect(visitor.getByTestId("toast")).toContainText("Opened a shared cluster");
  await expect(visitor.locator('select[aria-label="Scenario"] option:checked')).toHaveText("Shared cluster");
  await screenshot(visitor, "shared-link");
  // The link leaves the address, so that a reload keeps what the visitor does next.
  expect(new URL(visitor.url()).hash).toBe("");
  await other.close();
});

test("a damaged share link says so and starts the usual cluster", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 940 });
  await page.goto("/#s=not-a-real-scenario");
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".engine-error")).toContainText("shared link not loaded");
});
