import type { NodeRegistry } from './nodes.ts';
import type { NotificationHub } from './notificationHub.ts';
import type { ReasonCodeCatalog } from './reasonCodes.ts';
import type { UserStore } from './users.ts';

/** Deployment facts the desktop and SystemInfo report (FINESSE.md, SystemInfo and iframe prefs). */
export interface DeploymentConfig {
  readonly deploymentType: 'UCCE' | 'UCCX';
  readonly systemAuthMode: 'NON_SSO';
  readonly xmppDomain: string;
  readonly xmppPubSubDomain: string;
}

/** What the route plugins share; built once by `createSimulator`, the composition root. */
export interface SimulatorContext {
  readonly users: UserStore;
  readonly reasonCodes: ReasonCodeCatalog;
  readonly nodes: NodeRegistry;
  readonly hub: NotificationHub;
  readonly deployment: DeploymentConfig;
  readonly now: () => Date;
}
