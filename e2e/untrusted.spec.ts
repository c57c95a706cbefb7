/**
 * Untrusted state (issue 11): share links and autosaves are validated object by object, a link
 * leaves the address before it loads, a decompression bomb is refused, and a saved cluster whose
 * last restore never finished is not restored again but offered for discarding.
 */
import { expect, type Page, test } from "@playwright/test";
import { deflateSync, strToU8 } from "fflate";
import { autosaved, nodeCard, openApp } from "./helpers";

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const POISONED = `apiVersion: kubeglass.dev/v1alpha1
kind: Scenario
time: "2026-01-01T00:00:00Z"
seed: 1
files: {}
objects:
- {apiVersion: v1, kind: Node, metadata: {name: n1}}
- {apiVersion: v1, kind: Pod, metadata: {name: {a: 1}, namespace: default}, spec: {containers: [{name: c, image: nginx}]}}
- {apiVersion: v1, kind: Pod, metadata: {name: good, namespace: default}, spec: {containers: [{name: c, image: nginx}]}}
`;

async function podChipNames(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="pod-chip"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-pod") ?? ""));
}

test("a share link with a malformed object opens without it, names it, and leaves the address", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 940 });
  await page.goto(`/#s=${base64url(deflateSync(strToU8(POISONED)))}`);
  await expect(nodeCard(page, "n1")).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => podChipNames(page)).toEqual(["default/good"]);
  await expect(page.locator(".engine-error")).toContainText(
    'Pod default/<unnamed>: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string',
  );
  expect(new URL(page.url()).hash).toBe("");
  await expect(page.getByTestId("panel-error")).toHaveCount(0);
});

test("a share link that would inflate past 32 MiB is refused and the usual cluster starts", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 940 });
  const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024).fill(65), { level: 9 });
  await page.goto(`/#s=${base64url(bomb)}`);
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".engine-error")).toContainText(
    "the share link holds more than 32 MiB of scenario; it was not opened",
  );
  expect(new URL(page.url()).hash).toBe("");
});

test("a saved cluster whose restore never finished is not restored again, and can be discarded", async ({
  page,
}) => {
  await openApp(page);
  // The cluster is saved before the tab "dies" (otherwise there is nothing to set aside).
  await autosaved(page);
  // What a tab that died while restoring leaves behind: the marker of a restore under way.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open("kubeglass", 2);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction("meta", "readwrite");
          tx.objectStore("meta").put({ slot: "current", startedAt: Date.now() }, "restoring");
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  const banner = page.locator(".engine-error");
  await expect(banner).toContainText("did not finish restoring last time");
  await banner.getByRole("button", { name: "Discard it" }).click();
  await expect(banner).toHaveCount(0);
  // Reloading again restores the autosave as usual: the marker is gone.
  await page.reload();
  await expect(nodeCard(page, "controlplane")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".engine-error")).toHaveCount(0);
});
