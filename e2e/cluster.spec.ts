/** The canvas on the default scenario: nodes, their pods, and adding a node. */
import { expect, test } from "@playwright/test";
import { nodeCard, openApp, podChips, screenshot, typeInTerminal } from "./helpers";

test("opens on the default scenario: controlplane, node01, node02 with kube-proxy and flannel", async ({
  page,
}) => {
  await openApp(page);
  for (const name of ["controlplane", "node01", "node02"]) {
    const card = nodeCard(page, name);
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute("data-ready", "true");
    await expect(card).toHaveAttribute("data-unschedulable", "false");
    await expect(podChips(card, "kube-proxy-")).toHaveCount(1);
    await expect(podChips(card, "kube-flannel-")).toHaveCount(1);
    await expect(podChips(card, "kube-proxy-").first()).toHaveAttribute("data-phase", "Running");
  }
  await expect(
    nodeCard(page, "controlplane").locator(
      '[data-testid="taint-chip"][data-taint="node-role.kubernetes.io/control-plane:NoSchedule"]',
    ),
  ).toBeVisible();
  await page.waitForTimeout(600);
  await screenshot(page, "cluster");
});

test("add a node and a kube-proxy pod appears on it", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("add-node").click();
  const dialog = page.getByRole("form", { name: "Add node" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name").fill("node03");
  await screenshot(page, "add-node");
  await dialog.getByRole("button", { name: "Add node" }).click();
  const card = nodeCard(page, "node03");
  await expect(card).toBeVisible();
  await expect(page.getByTestId("action-log")).toContainText("kubectl apply -f node03.yaml");
  await expect(card).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await expect(podChips(card, "kube-proxy-")).toHaveCount(1, { timeout: 30_000 });
  await expect(podChips(card, "kube-proxy-").first()).toHaveAttribute("data-phase", "Running", {
    timeout: 30_000,
  });
  await page.waitForTimeout(500);
  await screenshot(page, "node-added");
});

test("click a pod to inspect it; type kubectl in the terminal", async ({ page }) => {
  await openApp(page);
  await podChips(nodeCard(page, "node01"), "kube-proxy-").first().click();
  const inspector = page.getByRole("complementary", { name: /^Pod kube-proxy-/ });
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText("node01");
  await expect(inspector).toContainText("DaemonSet/");
  await screenshot(page, "pod-inspector");
  await typeInTerminal(page, "kubectl get nodes");
  const log = page.getByTestId("action-log");
  await expect(log).toContainText("NAME");
  await expect(log).toContainText(/controlplane\s+Ready\s+control-plane/);
  await expect(log).toContainText(/node02\s+Ready\s+<none>/);
  await typeInTerminal(page, "kubectl get pods -n kube-system -o wide");
  await expect(log).toContainText("NOMINATED NODE");
  await screenshot(page, "terminal");
});
