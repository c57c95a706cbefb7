/** Simulated time: pause, jump ahead, speed. */
import { expect, test } from "@playwright/test";
import { openApp } from "./helpers";

test("pause stops the clock; +5 min jumps; speed is selectable", async ({ page }) => {
  await openApp(page);
  const clock = page.getByTestId("clock");
  const playPause = page.getByTestId("play-pause");
  await expect(playPause).toHaveAccessibleName("Pause");
  await playPause.click();
  await expect(playPause).toHaveAccessibleName("Play");
  const paused = await clock.textContent();
  await page.waitForTimeout(1500);
  await expect(clock).toHaveText(paused ?? "");
  await page.getByRole("button", { name: "+5 min" }).click();
  await expect(clock).toContainText("T+05m");
  await page.getByRole("button", { name: "60x" }).click();
  await expect(page.getByRole("button", { name: "60x" })).toHaveAttribute("aria-pressed", "true");
  await playPause.click();
  await expect(clock).toContainText(/T\+0[6-9]m|T\+1\dm/, { timeout: 5000 });
});
