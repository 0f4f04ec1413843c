/**
 * Attachments, receipts and emoji between the customer's widget and the agent's gadget.
 * A picture from the customer shows as a preview on both sides, a PDF from the agent downloads, a
 * disguised or unsupported file is refused in plain words, and messages go ✓ → ✓✓ → read both ways.
 * An emoji from the picker is sent as the emoji; without a colour emoji font the reply box spells it out below.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, screenshot, SCREENSHOT_DIR, test } from './fixtures.ts';
import { drawsColourEmoji } from './support/emoji.ts';
import { HTML_PAGE, pdf, png, SVG_IMAGE } from './support/files.ts';

/** Whether an `<img>` has really loaded (not a broken image). */
const loaded = (image: Locator) => image.evaluate((el) => (el as HTMLImageElement).naturalWidth);

test('pictures, documents, refusals and receipts between the widget and the gadget', async ({
  customer,
  desktop,
}) => {
  await customer.open();
  await customer.startChat('Dana Whitfield');
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Dana Whitfield');
  await expect(customer.status).toHaveAttribute('data-status', 'active');

  // Receipts: the agent's gadget has the focus (accepting put it in the reply box), so the
  // customer's message is read at once; the customer's panel has it too, for the agent's reply.
  await customer.send('My router blinks red.');
  await expect(desktop.textMessages().last()).toContainText('My router blinks red.');
  const customerMark = customer.widget.locator('[data-from-role="customer"] [data-receipt]').last();
  await expect(customerMark).toHaveAttribute('data-receipt', 'read');
  await expect(customerMark).toHaveAttribute('aria-label', 'Read');

  await desktop.send('Could you send a photo of it?');
  await expect(customer.textMessages().last()).toContainText('Could you send a photo of it?');
  const agentMark = desktop.gadget.locator('[data-from-role="agent"] [data-receipt]').last();
  await expect(agentMark).toHaveAttribute('data-receipt', 'read');

  // The customer sends a picture: a preview on both sides, loaded through a signed link.
  await customer.widget.getByTestId('widget.attach.input').setInputFiles({
    name: 'router.png',
    mimeType: 'image/png',
    buffer: png(64, 40, [200, 40, 40]),
  });
  const widgetPreview = customer.widget.getByTestId('widget.file').getByRole('img', { name: 'router.png' });
  await expect(widgetPreview).toBeVisible();
  await expect.poll(() => loaded(widgetPreview)).toBe(64);
  const gadgetPreview = desktop.gadget.getByTestId('gadget.file').getByRole('img', { name: 'router.png' });
  await expect(gadgetPreview).toBeVisible();
  await expect.poll(() => loaded(gadgetPreview)).toBe(64);
  // The gadget's thumbnail is a fixed 4:3 box the picture fills (cropped, not letterboxed); its link opens it whole.
  await gadgetPreview.scrollIntoViewIfNeeded();
  await desktop.gadget
    .getByTestId('gadget.file')
    .first()
    .screenshot({ path: `${SCREENSHOT_DIR}/polish/gadget-thumbnail-after.png` });
  await expect(gadgetPreview).toHaveCSS('object-fit', 'cover');
  const thumbnail = await gadgetPreview.boundingBox();
  expect(Math.round(thumbnail?.width ?? 0)).toBe(200);
  expect(Math.round(thumbnail?.height ?? 0)).toBe(150);
  expect(await gadgetPreview.getAttribute('src')).toMatch(/\/api\/files\/[\w-]{24}\?exp=\d+&sig=/);

  // The agent sends a PDF: the customer downloads it, as a file named as sent, bytes intact.
  const invoice = pdf('Invoice 2041');
  await desktop.gadget.getByTestId('gadget.attach.input').setInputFiles({
    name: 'invoice-2041.pdf',
    mimeType: 'application/pdf',
    buffer: invoice,
  });
  const pdfFile = customer.widget.locator('[data-testid="widget.file"][data-file-type="application/pdf"]');
  await expect(pdfFile).toContainText('invoice-2041.pdf');
  const [download] = await Promise.all([
    customer.page.waitForEvent('download'),
    pdfFile.getByRole('link', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('invoice-2041.pdf');
  expect(await readFile(await download.path())).toEqual(invoice);

  // A web page named like a picture, and an SVG, are refused with a clear message, and never sent.
  await customer.widget.getByTestId('widget.attach.input').setInputFiles({
    name: 'cat.png',
    mimeType: 'image/png',
    buffer: HTML_PAGE,
  });
  await expect(customer.widget.getByRole('alert')).toContainText("This type of file can't be sent");
  await desktop.gadget.getByTestId('gadget.attach.input').setInputFiles({
    name: 'logo.svg',
    mimeType: 'image/svg+xml',
    buffer: SVG_IMAGE,
  });
  await expect(desktop.gadget.getByTestId('gadget.file.problem')).toContainText("can't be sent");
  await expect(desktop.gadget.getByTestId('gadget.file')).toHaveCount(2);
  await expect(customer.widget.getByTestId('widget.file')).toHaveCount(2);

  // Emoji from the picker, sent as text; the files' messages carry receipts like any other.
  await customer.widget.getByTestId('widget.emoji').click();
  await customer.widget.getByTestId('widget.emoji.panel').getByRole('button', { name: '👍' }).click();
  // Where the system has no colour emoji font, a line under the box spells the emoji out.
  await expect(customer.widget.getByTestId('widget.composer')).toHaveValue('👍');
  mkdirSync(resolve(SCREENSHOT_DIR, 'polish'), { recursive: true });
  await customer.page.screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/widget-composer-emoji-after.png') });
  const preview = customer.widget.getByTestId('widget.composer.preview');
  if (await drawsColourEmoji(customer.widget)) await expect(preview).toBeHidden();
  else await expect(preview).toContainText(':+1:');
  await customer.widget.getByTestId('widget.send').click();
  await expect(desktop.textMessages().last()).toContainText('👍');
  await expect(preview).toBeHidden();
  await expect(customer.widget.locator('[data-from-role="customer"] [data-receipt]').last()).toHaveAttribute(
    'data-receipt',
    'read',
  );

  await screenshot(customer.page, 'widget-attachments');
  await screenshot(desktop.page, 'gadget-attachments');
});
