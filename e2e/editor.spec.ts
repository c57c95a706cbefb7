/** The YAML editor: Apply, and errors marked on their line. */
import { expect, test } from "@playwright/test";
import { editorMarkers, nodeCard, openApp, pasteIntoEditor, screenshot } from "./helpers";

test("apply YAML with a syntax error: it is marked on its line", async ({ page }) => {
  await openApp(page);
  const broken = [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: broken",
    "spec:",
    "  containers:",
    "  - name: app",
    "    image: [nginx",
    "",
  ].join("\n");
  await pasteIntoEditor(page, broken);
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toHaveClass(/err/);
  await expect
    .poll(async () => (await editorMarkers(page)).filter((m) => m.owner === "kubectl").length)
    .toBeGreaterThan(0);
  const markers = (await editorMarkers(page)).filter((m) => m.owner === "kubectl");
  expect(markers[0]?.line).toBeGreaterThanOrEqual(8);
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeAttached();
  await screenshot(page, "yaml-error");
});

test("apply a Pod with Ctrl+Enter: kubectl's answer shows and the pod appears", async ({ page }) => {
  await openApp(page);
  const pod = [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: hello",
    "spec:",
    "  containers:",
    "  - name: app",
    "    image: nginx:1.27",
    "",
  ].join("\n");
  await pasteIntoEditor(page, pod);
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("apply-result")).toContainText("pod/hello created");
  await expect(page.locator('[data-testid="pod-chip"][data-pod="default/hello"]')).toBeAttached();
});

test("the API server's refusals are marked on the field they name, in the right document", async ({
  page,
}) => {
  await openApp(page);
  const text = [
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: fine",
    "data:",
    "  a: b",
    "---",
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: typo",
    "spec:",
    "  containers:",
    "  - name: app",
    "    imagee: nginx",
    "",
  ].join("\n");
  await pasteIntoEditor(page, text);
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText('unknown field "spec.containers[0].imagee"');
  await expect(page.getByTestId("apply-result")).toContainText("configmap/fine created");
  await expect
    .poll(async () => (await editorMarkers(page)).filter((m) => m.owner === "kubectl").map((m) => m.line))
    .toEqual([15]);
  await screenshot(page, "yaml-unknown-field");

  await pasteIntoEditor(
    page,
    [
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  name: noimage",
      "spec:",
      "  containers:",
      "  - name: app",
      "",
    ].join("\n"),
  );
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("apply-result")).toContainText("spec.containers[0].image: Required value");
  await expect
    .poll(async () => (await editorMarkers(page)).filter((m) => m.owner === "kubectl").map((m) => m.line))
    .toEqual([7]);
});

test("edit a live node's YAML from its menu and apply the change", async ({ page }) => {
  await openApp(page);
  const card = nodeCard(page, "node01");
  await card.getByRole("button", { name: "Actions for node01" }).click();
  await page.getByRole("menuitem", { name: "Edit YAML" }).click();
  const editorText = () =>
    page.evaluate(() =>
      (window as unknown as { __kubeglass: { getEditorText(): string } }).__kubeglass.getEditorText(),
    );
  await expect.poll(editorText).toContain("name: node01");
  const live = await editorText();
  expect(live).toContain("kind: Node");
  await pasteIntoEditor(
    page,
    live.replace(
      /\n {4}kubernetes\.io\/hostname: node01\n/,
      "\n    kubernetes.io/hostname: node01\n    team: blue\n",
    ),
  );
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("node/node01 configured");
  await expect(card.locator("h3")).toHaveAttribute("title", /team=blue/);
});
