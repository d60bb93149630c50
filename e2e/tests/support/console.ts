import type { Page } from 'playwright-core';

/** Signs in on the console's form, as a person would, and waits until the workspace is there. */
export async function signInToConsole(page: Page, hiloUrl: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${hiloUrl}/console/`);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 15_000 });
}
