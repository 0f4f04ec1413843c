import type { Agent } from './agents.ts';
import type { Authenticator } from './auth.ts';
import type { CallEngine } from './calls.ts';
import type { ChatConfigStore } from './chatConfig.ts';
import type { NodeCluster } from './nodeListeners.ts';
import type { NodeRegistry } from './nodes.ts';
import type { NotificationHub } from './notificationHub.ts';
import type { ReasonCodeCatalog } from './reasonCodes.ts';
import type { ReverseProxy } from './reverseProxy/reverseProxy.ts';
import type { SsoTokenStore, SystemAuthMode } from './ssoTokens.ts';
import type { UserStore } from './users.ts';
import type { FinesseVersion } from './finesseVersions.ts';

/** Deployment facts the desktop and SystemInfo report (SystemInfo and the iframe's prefs). */
export interface DeploymentConfig {
  readonly deploymentType: 'UCCE' | 'UCCX';
  readonly systemAuthMode: SystemAuthMode;
  readonly xmppDomain: string;
  readonly xmppPubSubDomain: string;
}

/** What the route plugins share; built once by `createSimulator`, the composition root. */
export interface SimulatorContext {
  readonly agents: readonly Agent[];
  readonly users: UserStore;
  readonly calls: CallEngine;
  readonly reasonCodes: ReasonCodeCatalog;
  readonly nodes: NodeRegistry;
  readonly cluster: NodeCluster;
  readonly hub: NotificationHub;
  readonly auth: Authenticator;
  readonly tokens: SsoTokenStore;
  readonly deployment: DeploymentConfig;
  /** Proxy-config map and allowed proxies (VPN-less access, docs/requirements.md). */
  readonly reverseProxy: ReverseProxy;
  /** The Finesse release presented (finesseVersions.ts); `/sim/api/finesse-version` changes it. */
  readonly release: { version: FinesseVersion };
  /** Desktop Chat Server Settings (the ChatConfig admin API), passed to the gadget as prefs. */
  readonly chatConfig: ChatConfigStore;
  readonly now: () => Date;
}
