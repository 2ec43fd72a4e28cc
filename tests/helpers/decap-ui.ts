import type { Page } from 'playwright-core';

/**
 * In Decap's editor of a new défi (`/admin/#/collections/defis/new`), fills the required fields
 * but the image and the body, with fictional values: the title given, a description, the
 * administration, the town, a date, and one thème, promotion and expertise of the demo content.
 */
export async function fillNewDefi(page: Page, title: string, description: string): Promise<void> {
  await page.locator('input[id^="title-field"]').fill(title);
  await page.locator('textarea[id^="description-field"]').fill(description);
  await page.locator('input[id^="who-field"]').fill('Ministère de la Démonstration (MDD)');
  await page.locator('input[id^="town-field"]').fill('Paris (75000)');
  await page.locator('input[id^="date-field"]').fill('2026-11-28');
  for (const [field, search] of [['themes', 'Santé'], ['promos', 'Promotion 4'], ['expertises', 'Design']] as const) {
    await page.locator(`input[id^="${field}-field"]`).fill(search);
    await page.locator('[id*="-option-"]').first().click();
  }
}
