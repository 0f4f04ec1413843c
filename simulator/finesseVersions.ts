/**
 * The Finesse releases the simulator can present (`SIM_FINESSE_VERSION`, option `finesseVersion`):
 * which finesse.js names a gadget finds (finesseJsSurface.ts) and which desktop modes exist.
 *
 * - SSO (and HYBRID): Cisco Finesse 11.5(1) brought Single Sign-On ("What's New" in the Cisco Finesse
 *   Web Services Developer Guide, Release 11.5(1)); 10.5 only signs agents in with a password.
 * - VPN-less access through a reverse proxy: Finesse 12.6(1) ES01 for Unified CCE ("VPN-Less Access to
 *   Finesse Desktop", Packaged CCE Features Guide, Release 12.6(1)); Unified CCX has it from 12.5(1) SU2
 *   (Cisco Unified CCX Administration and Operations Guide, Release 12.5(1) SU2). The simulator gives it
 *   to 12.6, and to 12.5 only when the deployment is UCCX.
 */
import type { SystemAuthMode } from './ssoTokens.ts';

export const FINESSE_VERSIONS = ['10.5', '11.6', '12.0', '12.5', '12.6'] as const;
export type FinesseVersion = (typeof FINESSE_VERSIONS)[number];
export const DEFAULT_FINESSE_VERSION: FinesseVersion = '12.6';

/** Cisco's name of each release, as the desktop shows it. */
export const FINESSE_RELEASE_NAMES: Record<FinesseVersion, string> = {
  '10.5': '10.5(1)',
  '11.6': '11.6(1)',
  '12.0': '12.0(1)',
  '12.5': '12.5(1)',
  '12.6': '12.6(1)',
};

/** A version the simulator does not know, or a mode that version does not have. */
export class FinesseVersionError extends Error {
  override name = 'FinesseVersionError';
}

/** `major.minor` as a number pair compared in order: is `version` the release `since` or later? */
export function versionAtLeast(version: string, since: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = since.split('.').map(Number);
  return a !== c ? a > c : b >= d;
}

export function isFinesseVersion(value: unknown): value is FinesseVersion {
  return (FINESSE_VERSIONS as readonly unknown[]).includes(value);
}

/** The version from configuration (`where` names the setting in the error); unset → the default. */
export function parseFinesseVersion(raw: unknown, where = 'SIM_FINESSE_VERSION'): FinesseVersion {
  if (raw === undefined || raw === '') return DEFAULT_FINESSE_VERSION;
  const value = typeof raw === 'number' ? raw.toFixed(1) : String(raw).trim();
  if (isFinesseVersion(value)) return value;
  throw new FinesseVersionError(
    `${where} must be one of ${FINESSE_VERSIONS.join(', ')} (the Finesse releases the simulator presents), got ${JSON.stringify(raw)}`,
  );
}

export interface FinesseModes {
  /** Single Sign-On (SSO and HYBRID `systemAuthMode`). */
  readonly sso: boolean;
  /** VPN-less access: the proxy-config map and allowed proxies. */
  readonly vpnLess: boolean;
}

export function finesseModes(version: FinesseVersion, deploymentType: 'UCCE' | 'UCCX'): FinesseModes {
  return {
    sso: versionAtLeast(version, '11.5'),
    vpnLess: versionAtLeast(version, '12.6') || (version === '12.5' && deploymentType === 'UCCX'),
  };
}

export interface VersionedSetup {
  readonly version: FinesseVersion;
  readonly deploymentType: 'UCCE' | 'UCCX';
  readonly authMode: SystemAuthMode;
  /** Proxy-config map URLs or allowed proxies are configured. */
  readonly reverseProxy: boolean;
}

/** Throws FinesseVersionError when the setup asks for a mode its Finesse release does not have. */
export function checkFinesseModes(setup: VersionedSetup): void {
  const modes = finesseModes(setup.version, setup.deploymentType);
  const release = `Finesse ${FINESSE_RELEASE_NAMES[setup.version]}`;
  if (setup.authMode !== 'NON_SSO' && !modes.sso) {
    throw new FinesseVersionError(
      `${release} has no Single Sign-On (from 11.5(1)): SIM_AUTH_MODE=${setup.authMode} needs SIM_FINESSE_VERSION 11.6 or later`,
    );
  }
  if (setup.reverseProxy && !modes.vpnLess) {
    throw new FinesseVersionError(
      `${release} (${setup.deploymentType}) has no VPN-less access (UCCE from 12.6(1), UCCX from 12.5(1) SU2): ` +
        'remove SIM_PROXY_MAP_URLS / SIM_PROXY_ALLOWED_HOSTS or choose SIM_FINESSE_VERSION 12.6',
    );
  }
}
