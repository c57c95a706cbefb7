/** `kubectl get pods -w` at the terminal: rows arrive as the cluster changes, until Ctrl+C. */
import { expect, test } from "@playwright/test";
import { openApp, pasteIntoEditor, terminal, terminalText, typeInTerminal } from "./helpers";

test("kubectl get pods -w prints a row per change of a pod applied from the editor, until Ctrl+C", async ({
  page,
}) => {
  await openApp(page);
  await typeInTerminal(page, "kubectl get pods -w");
  // The default namespace is empty: nothing yet, and no "No resources found".
  await page.waitForTimeout(1000);
  expect(await terminalText(page)).not.toContain("No resources found");
  // Another window's command: apply a pod from the YAML editor while the watch runs.
  await pasteIntoEditor(
    page,
    [
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  name: watched",
      "spec:",
      "  containers:",
      "  - name: web",
      "    image: nginx",
      "",
    ].join("\n"),
  );
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("apply-result")).toContainText("pod/watched created");
  const rows = async () => (await terminalText(page)).match(/^watched +\S+ +\S+ .*$/gm) ?? [];
  await expect
    .poll(async () => (await rows()).some((r) => /Running/.test(r)), { timeout: 20_000 })
    .toBe(true);
  const text = await terminalText(page);
  // The header once, then the pod's way to Running, one row per change.
  expect(text.match(/^NAME +READY +STATUS +RESTARTS +AGE$/gm)).toHaveLength(1);
  expect(text).toMatch(/\nwatched {3}0\/1 {5}Pending {3}0 {10}0s\n/);
  expect(text).toMatch(/\nwatched {3}0\/1 {5}ContainerCreating {3}0 {10}\d+s\n/);
  expect(text).toMatch(/\nwatched {3}1\/1 {5}Running {13}0 {10}\d+s(\n|$)/);
  await terminal(page).click();
  await page.screenshot({ path: "/tmp/watch-e2e.png" });
  await page.keyboard.press("Control+C");
  // The editor's action shows in the terminal once the watch ended, then the prompt.
  await expect
    .poll(() => terminalText(page))
    .toMatch(/\^C\n\[editor\] \$ kubectl apply -f -\npod\/watched created\nroot@controlplane:~# $/);
  await typeInTerminal(page, "echo status=$?");
  await expect.poll(() => terminalText(page)).toContain("status=130");
});
