// The companion's registration form filled in from registrationForm()'s values, as a person types
// them; `city` and `phone` can be given to type something else (a test's deliberate mistakes).
import type { Page } from 'playwright-core';
import { registrationForm } from './portal-accounts.js';

export async function fillRegistrationForm(page: Page, typed: { city?: string; phone?: string } = {}): Promise<void> {
  const { installation: inst, siteAdministrator: adm } = registrationForm();
  const f = page.locator('form.registration-form');
  await f.getByLabel('Site or building name').fill(inst.siteName);
  await f.getByLabel('Site company name').fill(inst.siteCompany);
  await f.getByLabel('Site or building address').fill(inst.street);
  await f.locator('#inst-country').selectOption(inst.country);
  await f.locator('#inst-state').selectOption(inst.state);
  await f.locator('#inst-city').fill(typed.city ?? inst.city);
  await f.locator('#inst-postal').fill(inst.postalCode);
  await f.locator('#inst-contactEmail').fill(inst.contactEmail);
  await f.getByLabel('Contact e-mail again').fill(inst.contactEmailConfirm);
  await f.getByLabel('Segment or application').selectOption(inst.segment);
  await f.getByLabel('System application').selectOption(inst.systemApplication);
  await f.locator('#admin-name').fill(adm.name);
  await f.locator('#admin-company').fill(adm.company);
  await f.locator('#admin-phone').fill(typed.phone ?? adm.phone);
  await f.locator('#admin-email').fill(adm.email);
  await f.getByLabel('Street address').fill(adm.street);
  await f.locator('#admin-country').selectOption(adm.country);
  await f.locator('#admin-state').selectOption(adm.state);
  await f.locator('#admin-city').fill(adm.city);
  await f.locator('#admin-postal').fill(adm.postalCode);
}
