/**
 * Page objects: the customer on the demo website (widget) and the agent in the simulated
 * Finesse desktop (gadget). Specs speak in these terms, not in selectors.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

interface SimAgent {
  id: string;
  password: string;
  firstName: string;
  lastName: string;
  extension: string;
}

export const AGENTS: SimAgent[] = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../simulator/agents.json'), 'utf8')) as {
    agents: SimAgent[];
  }
).agents;

export function agent(id: string): SimAgent {
  const found = AGENTS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no simulator agent ${id}`);
  return found;
}

export class CustomerPage {
  readonly page: Page;
  readonly chatUrl: string;
  readonly widget: FrameLocator;

  constructor(page: Page, chatUrl: string) {
    this.page = page;
    this.chatUrl = chatUrl;
    this.widget = page.frameLocator('[data-testid="widget.frame"]');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.chatUrl}/`);
    await this.page.getByTestId('widget.launcher').click();
  }

  /** After a reload the loader reopens the panel by itself if it was open; open it otherwise. */
  async reload(): Promise<void> {
    await this.page.reload();
    const launcher = this.page.getByTestId('widget.launcher');
    await expect(launcher).toBeVisible();
    // Give the loader its moment to restore the open panel before deciding.
    await this.page.waitForLoadState('load');
    if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click();
    await expect(launcher).toHaveAttribute('aria-expanded', 'true');
  }

  async startChat(name: string): Promise<void> {
    await this.widget.getByTestId('widget.prechat.name').fill(name);
    await this.widget.getByTestId('widget.prechat.start').click();
  }

  get status(): Locator {
    return this.widget.getByTestId('widget.status');
  }

  get messages(): Locator {
    return this.widget.getByTestId('widget.message');
  }

  textMessages(): Locator {
    return this.widget.locator('[data-testid="widget.message"]:not([data-from-role="system"])');
  }

  async type(text: string): Promise<void> {
    await this.widget.getByTestId('widget.composer').pressSequentially(text, { delay: 20 });
  }

  async send(text: string): Promise<void> {
    await this.widget.getByTestId('widget.composer').fill(text);
    await this.widget.getByTestId('widget.send').click();
  }
}

export class AgentDesktop {
  readonly page: Page;
  readonly simUrl: string;
  readonly gadget: FrameLocator;

  /** `gadgetTestId`: which copy of the gadget this speaks to, when the layout has several. */
  constructor(page: Page, simUrl: string, gadgetTestId = 'desktop.gadget.chat') {
    this.page = page;
    this.simUrl = simUrl;
    this.gadget = page.frameLocator(`[data-testid="${gadgetTestId}"]`);
  }

  /** Password sign-in; `nodeUrl` picks the Finesse node whose desktop to use (default: the publisher). */
  async signIn(id: string, nodeUrl = this.simUrl): Promise<void> {
    const who = agent(id);
    await this.page.goto(`${nodeUrl}/desktop/`);
    await this.page.getByTestId('desktop.signin.id').fill(who.id);
    await this.page.getByTestId('desktop.signin.password').fill(who.password);
    await this.page.getByTestId('desktop.signin.extension').fill(who.extension);
    await this.page.getByTestId('desktop.signin.submit').click();
    await expect(this.page.getByTestId('desktop.agentName')).toContainText(who.firstName);
  }

  /** "Sign in with SSO" → the simulated IdP (the agent's own password) → the extension step. */
  async signInSso(id: string): Promise<void> {
    const who = agent(id);
    await this.page.goto(`${this.simUrl}/desktop/`);
    await this.page.getByTestId('desktop.signin.sso').click();
    await this.page.getByTestId('desktop.idp.username').fill(who.id);
    await this.page.getByTestId('desktop.idp.password').fill(who.password);
    await this.page.getByTestId('desktop.idp.submit').click();
    await expect(this.page.getByTestId('desktop.signin.identity')).toContainText(who.id);
    await this.page.getByTestId('desktop.signin.extension').fill(who.extension);
    await this.page.getByTestId('desktop.signin.submit').click();
    await expect(this.page.getByTestId('desktop.agentName')).toContainText(who.firstName);
  }

  /** The voice state code the desktop header shows (READY, NOT_READY, TALKING…). */
  get voiceState(): Locator {
    return this.page.getByTestId('desktop.voiceState.current');
  }

  /** Voice READY through the desktop's state select, as the agent would. */
  async goVoiceReady(): Promise<void> {
    await expect(this.page.getByTestId('desktop.voiceState')).toBeEnabled();
    await this.page.getByTestId('desktop.voiceState').selectOption('READY');
    await expect(this.voiceState).toHaveText('READY');
  }

  get chatState(): Locator {
    return this.gadget.getByTestId('gadget.status');
  }

  get offer(): Locator {
    return this.gadget.getByTestId('gadget.offer');
  }

  get chatTabs(): Locator {
    return this.gadget.getByTestId('gadget.chatTab');
  }

  get finesseHalted(): Locator {
    return this.gadget.getByTestId('gadget.finesse.halted');
  }

  async goReadyForChat(): Promise<void> {
    const control = this.gadget.getByTestId('gadget.ready');
    if ((await control.evaluate((element) => element.tagName)) === 'SELECT') {
      await control.selectOption('READY');
    } else {
      await control.click();
    }
    await expect(this.chatState).toHaveAttribute('data-state', /READY|ACTIVE/);
  }

  async acceptOffer(customerName: string): Promise<void> {
    // The customer's own card: the next offer can arrive while the last accept is on its way, so
    // two cards may show for a moment.
    const offer = this.gadget.getByTestId('gadget.offer').filter({ hasText: customerName });
    await expect(offer).toBeVisible();
    await expect(offer.getByTestId('gadget.offer.customer')).toContainText(customerName);
    await offer.getByTestId('gadget.offer.accept').click();
  }

  get messages(): Locator {
    return this.gadget.getByTestId('gadget.message');
  }

  textMessages(): Locator {
    return this.gadget.locator('[data-testid="gadget.message"]:not([data-from-role="system"])');
  }

  async type(text: string): Promise<void> {
    await this.gadget.getByTestId('gadget.composer').pressSequentially(text, { delay: 20 });
  }

  async send(text: string): Promise<void> {
    await this.gadget.getByTestId('gadget.composer').fill(text);
    await this.gadget.getByTestId('gadget.send').click();
  }

  async endChat(): Promise<void> {
    await this.gadget.getByTestId('gadget.end').click();
    await this.gadget.getByTestId('gadget.end.confirm').click();
  }

  /** Ends the chat in the selected tab and closes it, so the next open chat is shown. */
  async endAndCloseChat(): Promise<void> {
    await this.endChat();
    await this.gadget.getByTestId('gadget.chat.close').click();
  }
}

/**
 * The usual start of a conversation: the customer opens the widget on the demo site and starts a
 * chat as `customerName`; agent `agentId` signs in, goes ready for chat and accepts the offer.
 */
export async function startAcceptedChat(
  customer: CustomerPage,
  desktop: AgentDesktop,
  customerName: string,
  agentId = '1001',
): Promise<void> {
  await customer.open();
  await customer.startChat(customerName);
  await desktop.signIn(agentId);
  await desktop.goReadyForChat();
  await desktop.acceptOffer(customerName);
}
