/**
 * Signing in with failover: the primary server first, the secondary only when the primary cannot
 * be reached (refused, timed out, or gone); refused credentials are final, as the other server of
 * the same cluster would refuse them too.
 */
import { client, type XmppClient } from '@xmpp/client';
import { HybridChatError } from '../core/errors.ts';
import { addBoshTransport } from '../transport/bosh/boshTransport.ts';
import { isUnreachable, toHybridChatError, XmppConnectionError } from './errors.ts';
import type { DesktopChatOptions, ServedBy } from './types.ts';

const SCHEMES = { websocket: /^wss?:\/\//i, bosh: /^https?:\/\//i } as const;

export function serviceUrls(options: DesktopChatOptions): ServedBy[] {
  const { primary, secondary } = options.service;
  const urls: ServedBy[] = [{ url: primary, which: 'primary' }];
  if (secondary) urls.push({ url: secondary, which: 'secondary' });
  for (const { url } of urls) {
    if (!SCHEMES[options.transport].test(url)) {
      throw new HybridChatError('BAD_REQUEST', `${url} is not a ${options.transport} URL`);
    }
  }
  return urls;
}

export function makeClient(options: DesktopChatOptions, url: string): XmppClient {
  const xmpp = client({
    service: url,
    domain: options.domain,
    username: options.username,
    password: options.password,
    resource: options.resource,
    timeout: options.timeoutMs ?? 10_000,
  });
  if (options.transport === 'bosh') addBoshTransport(xmpp, options.bosh);
  return xmpp;
}

/**
 * xmpp.js's start() in its steps. Its own start() leaves a promise for 'online' unobserved, which
 * rejects unhandled when the stream fails to open (a BOSH session request refused).
 */
async function startClient(xmpp: XmppClient, url: string, domain: string): Promise<boolean> {
  let cleanup = () => {};
  // Resolves true for a resumed stream (XEP-0198): xmpp.js then emits 'resumed', not 'online'.
  const online = new Promise<boolean>((resolve, reject) => {
    const onOnline = () => {
      cleanup();
      resolve(false);
    };
    const onResumed = () => {
      cleanup();
      resolve(true);
    };
    const onError = (error: unknown) => {
      cleanup();
      reject(error as Error);
    };
    cleanup = () => {
      xmpp.off('online', onOnline);
      xmpp.off('error', onError);
      xmpp.streamManagement.off('resumed', onResumed);
    };
    xmpp.on('online', onOnline);
    xmpp.on('error', onError);
    xmpp.streamManagement.on('resumed', onResumed);
  });
  online.catch(() => undefined); // Awaited below; observed here in case connect or open throws first.
  const steps = (async () => {
    await xmpp.connect(url);
    await xmpp.open({ domain });
  })();
  steps.catch(() => undefined); // Raced below.
  try {
    // A transport failing while the stream opens (a BOSH session request refused after its
    // retries) is an 'error' event; open() itself would only give up at its timeout.
    await Promise.race([steps, online]);
  } catch (error) {
    cleanup();
    throw error;
  }
  return online;
}

/**
 * Stops a client that failed to start. A transport that never opened has nothing to close: waiting
 * for its close would only run into the step timeout.
 */
export async function discard(xmpp: XmppClient): Promise<void> {
  xmpp.reconnect.stop();
  // 'connecting': the transport never connected (refused); nothing answers a close.
  if (xmpp.status === 'offline' || xmpp.status === 'disconnect' || xmpp.status === 'connecting') return;
  const bounded = new Promise((resolve) => setTimeout(resolve, 2_000));
  await Promise.race([xmpp.stop().catch(() => undefined), bounded]);
}

/**
 * Starts a client on the first reachable URL (primary, then secondary; or `first`, then the
 * other). `prepare` runs on each client before it starts (to attach listeners); a client that
 * failed is stopped.
 */
export async function connectFirstReachable(
  options: DesktopChatOptions,
  prepare: (xmpp: XmppClient) => void,
  first?: string,
): Promise<{ xmpp: XmppClient; served: ServedBy; resumed: boolean }> {
  const attempts: Array<{ url: string; error: unknown }> = [];
  const urls = serviceUrls(options);
  // Reconnecting: the server of the session first (`first`), then the other.
  const ordered = [...urls.filter((u) => u.url === first), ...urls.filter((u) => u.url !== first)];
  for (const served of ordered) {
    const xmpp = makeClient(options, served.url);
    prepare(xmpp);
    try {
      const resumed = await startClient(xmpp, served.url, options.domain);
      return { xmpp, served, resumed };
    } catch (error) {
      attempts.push({ url: served.url, error });
      await discard(xmpp);
      if (!isUnreachable(error)) throw toHybridChatError(error);
    }
  }
  throw new XmppConnectionError(
    `no XMPP server reachable (${attempts.map((a) => a.url).join(', ')})`,
    attempts,
  );
}
