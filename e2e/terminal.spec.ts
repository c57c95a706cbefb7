/** The xterm terminal, driven key by key as a person types. */
import { expect, test } from "@playwright/test";
import { nodeCard, openApp, podChips, screenshot, terminal, terminalText, typeInTerminal } from "./helpers";

test("kubectl get nodes prints the table after the shell's prompt", async ({ page }) => {
  await openApp(page);
  await expect(terminal(page)).toContainText("root@controlplane:~#");
  await typeInTerminal(page, "kubectl get nodes");
  await expect
    .poll(() => terminalText(page))
    .toMatch(/root@controlplane:~# kubectl get nodes\nNAME\s+STATUS\s+ROLES/);
  await expect.poll(() => terminalText(page)).toMatch(/node01\s+Ready\s+<none>/);
  // The table is drawn on the screen, not only in the buffer.
  await expect(terminal(page).locator(".xterm-rows")).toContainText(/controlplane\s+Ready\s+control-plane/);
});

test("a heredoc typed over several lines applies a Pod", async ({ page }) => {
  await openApp(page);
  await typeInTerminal(page, "kubectl apply -f - <<EOF");
  for (const line of [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: heredoc-pod",
    "spec:",
    "  containers:",
    "  - name: app",
    "    image: nginx",
  ])
    await typeInTerminal(page, line);
  // Still collecting: the continuation prompt, nothing run yet.
  await expect.poll(() => terminalText(page)).toContain(">   - name: app");
  await expect(page.locator('[data-testid="pod-chip"][data-pod="default/heredoc-pod"]')).toHaveCount(0);
  await typeInTerminal(page, "EOF");
  await expect.poll(() => terminalText(page)).toContain("pod/heredoc-pod created");
  await expect(page.locator('[data-testid="pod-chip"][data-pod="default/heredoc-pod"]')).toBeVisible();
});

test("a pasted multi-line heredoc runs as one command, then the next line", async ({ page }) => {
  await openApp(page);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const text = [
    "kubectl create -f - <<'YAML'",
    "apiVersion: v1",
    "kind: Namespace",
    "metadata:",
    "  name: pasted",
    "YAML",
    "kubectl get ns pasted",
    "",
  ].join("\n");
  await terminal(page).click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("ControlOrMeta+V");
  await expect.poll(() => terminalText(page)).toContain("namespace/pasted created");
  await expect.poll(() => terminalText(page)).toMatch(/pasted\s+Active/);
});

test("ArrowUp recalls history; Ctrl+C cancels a line; Ctrl+L clears the screen", async ({ page }) => {
  await openApp(page);
  await typeInTerminal(page, "kubectl get ns");
  await expect.poll(() => terminalText(page)).toMatch(/kube-system\s+Active/);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await terminalText(page)).match(/# kubectl get ns\n/g)?.length).toBe(2);
  await typeInTerminal(page, "kubectl delete node node01", false);
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toContain("kubectl delete node node01^C");
  await expect(nodeCard(page, "node01")).toBeVisible();
  await page.keyboard.press("Control+L");
  await expect.poll(() => terminalText(page)).toMatch(/^root@controlplane:~# ?$/);
  // History survives a reload.
  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await terminal(page).click();
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => terminalText(page)).toMatch(/root@controlplane:~# kubectl get ns$/);
});

test("Tab completes verbs, resource types and object names", async ({ page }) => {
  await openApp(page);
  await typeInTerminal(page, "kubectl descr", false);
  await page.keyboard.press("Tab");
  await page.keyboard.type("no");
  await page.keyboard.press("Tab");
  await page.keyboard.type("node0");
  await page.keyboard.press("Tab"); // node01 and node02: lists both
  await expect.poll(() => terminalText(page)).toMatch(/node01\s+node02/);
  await page.keyboard.type("2");
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page)).toMatch(/# kubectl describe nodes node02\nName:\s+node02/);
  // Pod names in a namespace.
  const proxy = await podChips(nodeCard(page, "node01"), "kube-proxy-").first().getAttribute("data-pod");
  await typeInTerminal(page, "kubectl get po -n kube-system kube-proxy-", false);
  await page.keyboard.press("Tab");
  await expect.poll(() => terminalText(page)).toContain(proxy?.split("/")[1] ?? "?");
});

test("a canvas action shows its command in the terminal, dimmed, above the prompt", async ({ page }) => {
  await openApp(page);
  await typeInTerminal(page, "kubectl get no", false);
  await nodeCard(page, "node02").getByRole("button", { name: "Actions for node02" }).click();
  await page.getByRole("menuitem", { name: "Cordon" }).click();
  await expect
    .poll(() => terminalText(page))
    .toContain("[canvas] $ kubectl cordon node02\nnode/node02 cordoned");
  // The half-typed line is still there, below the echo.
  await expect
    .poll(() => terminalText(page))
    .toMatch(/node02 cordoned\nroot@controlplane:~# kubectl get no$/);
  await screenshot(page, "terminal-xterm");
});
