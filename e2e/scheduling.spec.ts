/** Scheduling as a person sees it on the canvas: taints, cordon, drain, nodeSelector. */
import { expect, test } from "@playwright/test";
import { drag, nodeCard, openApp, pasteIntoEditor, podChips, screenshot } from "./helpers";
import { deploymentYaml } from "./manifests";

test("a NoSchedule taint on node01 keeps a new Deployment's pods off it", async ({ page }) => {
  await openApp(page);
  const node01 = nodeCard(page, "node01");
  const node02 = nodeCard(page, "node02");
  await drag(
    page,
    page.locator('[data-testid="palette-taint"][data-taint="dedicated=gpu:NoSchedule"]'),
    node01,
  );
  await expect(
    node01.locator('[data-testid="taint-chip"][data-taint="dedicated=gpu:NoSchedule"]'),
  ).toBeVisible();
  await pasteIntoEditor(page, deploymentYaml("web", 4));
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("deployment.apps/web created");
  await expect(podChips(node02, "web-")).toHaveCount(4, { timeout: 30_000 });
  await expect(podChips(node01, "web-")).toHaveCount(0);
  await screenshot(page, "noschedule");
});

test("a NoExecute taint evicts the pods that do not tolerate it", async ({ page }) => {
  await openApp(page);
  await pasteIntoEditor(page, deploymentYaml("api", 4));
  await page.getByTestId("apply").click();
  const node01 = nodeCard(page, "node01");
  await expect(podChips(node01, "api-").first()).toBeVisible({ timeout: 30_000 });
  await drag(
    page,
    page.locator('[data-testid="palette-taint"][data-taint="maintenance=true:NoExecute"]'),
    node01,
  );
  await expect(
    node01.locator('[data-testid="taint-chip"][data-taint="maintenance=true:NoExecute"]'),
  ).toBeVisible();
  await expect(podChips(node01, "api-")).toHaveCount(0, { timeout: 30_000 });
  await expect(podChips(nodeCard(page, "node02"), "api-")).toHaveCount(4, { timeout: 30_000 });
  // DaemonSet pods tolerate every taint and stay.
  await expect(podChips(node01, "kube-proxy-")).toHaveCount(1);
  await screenshot(page, "noexecute");
});

test("drain node02 from its menu: cordoned, its Deployment pods move", async ({ page }) => {
  await openApp(page);
  await pasteIntoEditor(page, deploymentYaml("shop", 2));
  await page.getByTestId("apply").click();
  const node02 = nodeCard(page, "node02");
  await expect(
    podChips(page.locator("body"), "shop-").and(page.locator('[data-phase="Running"]')),
  ).toHaveCount(2, {
    timeout: 30_000,
  });
  await node02.getByRole("button", { name: "Actions for node02" }).click();
  await page.getByRole("menuitem", { name: "Drain" }).click();
  await page.getByRole("button", { name: "Drain node02" }).click();
  await expect(node02).toHaveAttribute("data-unschedulable", "true");
  await expect(page.getByTestId("action-log")).toContainText(
    "kubectl drain node02 --ignore-daemonsets --delete-emptydir-data",
  );
  await expect(page.getByTestId("action-log")).toContainText("node/node02 drained", { timeout: 30_000 });
  await expect(podChips(node02, "shop-")).toHaveCount(0, { timeout: 30_000 });
  await expect(podChips(nodeCard(page, "node01"), "shop-")).toHaveCount(2, { timeout: 30_000 });
  await screenshot(page, "drained");
});

test("a DaemonSet with a nodeSelector runs only on the labelled node", async ({ page }) => {
  await openApp(page);
  const node01 = nodeCard(page, "node01");
  await node01.getByRole("button", { name: "Actions for node01" }).click();
  await page.getByRole("menuitem", { name: "Label…" }).click();
  await page.getByRole("textbox", { name: "Label" }).fill("disk=ssd");
  await page.getByRole("button", { name: "Apply label" }).click();
  await expect(page.getByTestId("action-log")).toContainText("node/node01 labeled");
  await page
    .getByRole("combobox", { name: "Template" })
    .selectOption({ label: "DaemonSet with nodeSelector" });
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("daemonset.apps/ssd-monitor created");
  await expect(podChips(node01, "ssd-monitor-")).toHaveCount(1, { timeout: 30_000 });
  for (const other of ["controlplane", "node02"])
    await expect(podChips(nodeCard(page, other), "ssd-monitor-")).toHaveCount(0);
});

test("a pod no node fits waits in the Pending lane with the scheduler's reason, node by node", async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole("combobox", { name: "Template" }).selectOption({ label: "Pod with nodeSelector" });
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("pod/gpu-job created");
  const lane = page.getByTestId("pending-lane");
  const chip = lane.locator('[data-testid="pod-chip"][data-pod="default/gpu-job"]');
  await expect(chip).toHaveAttribute("data-phase", "Pending");
  await expect(lane).toContainText("0/3 nodes are available");
  await expect(lane).toContainText("didn't match Pod's node affinity/selector");
  await chip.click();
  const scheduling = page.getByRole("region", { name: "Scheduling" });
  await expect(scheduling).toContainText("NodeAffinity");
  await expect(scheduling).toContainText("node01");
  await screenshot(page, "pending-explained");
  await page.getByRole("button", { name: "Close" }).click();
  // Dropping it on a node asks the scheduler's record why not; it does not bind it.
  await drag(page, chip, nodeCard(page, "node01"));
  const toast = page.getByTestId("toast");
  await expect(toast).toContainText("gpu-job cannot go on node01");
  await expect(toast).toContainText("NodeAffinity: node(s) didn't match Pod's node affinity/selector");
  await expect(chip).toBeVisible();
  await screenshot(page, "pending-drop");
});
