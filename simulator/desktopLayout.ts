/**
 * The desktop layout: which tabs the simulated desktop shows and which gadgets each tab hosts, as
 * Finesse's desktop layout XML does (`<tabs><tab><id/><label/><gadgets><gadget>url</gadget>…`). Chosen
 * with the `layout` option of `startSimulator` or `SIM_LAYOUT` (a preset name or JSON), validated here
 * so a typo fails at start with a message that says where, not as an empty desktop.
 */
import { z } from 'zod';
import { isReservedPref } from './container/prefSources.ts';
import type { LayoutGadget, LayoutTab } from './desktopShell.ts';

const slug = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - and _ (a letter first)');

const PREF_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

const gadgetSchema = z
  .object({
    /** The gadget spec URL; default the chat gadget (`${chatServerUrl}/gadget.xml`). */
    url: z.url({ protocol: /^https?$/ }).optional(),
    title: z.string().trim().min(1).max(80).optional(),
    /** Names the iframe's test id (`desktop.gadget.<key>`, then `.2`, `.3` for more copies). Default `chat`. */
    key: slug.optional(),
    /**
     * User prefs for this gadget, over the gadget XML's defaults (a host:port pref, for instance). The
     * container's own prefs (`scheme`, `host`…) and the agent's (`id`, `locale`…) are not the layout's.
     */
    prefs: z.record(z.string(), z.string().max(2048)).optional(),
  })
  .strict()
  .superRefine((gadget, ctx) => {
    for (const name of Object.keys(gadget.prefs ?? {})) {
      const message = !PREF_NAME.test(name)
        ? 'a pref name is letters, digits, _ . - (at most 128)'
        : isReservedPref(name)
          ? 'set by the container or the desktop, not the layout'
          : undefined;
      if (message) ctx.addIssue({ code: 'custom', path: ['prefs', name], message });
    }
  });

const tabSchema = z
  .object({
    id: slug,
    label: z.string().trim().min(1).max(40),
    gadgets: z.array(gadgetSchema).min(1).max(8),
  })
  .strict();

const layoutSchema = z
  .object({ tabs: z.array(tabSchema).min(1).max(10) })
  .strict()
  .superRefine((layout, ctx) => {
    const seen = new Set<string>();
    layout.tabs.forEach((tab, index) => {
      if (seen.has(tab.id))
        ctx.addIssue({ code: 'custom', path: ['tabs', index, 'id'], message: 'duplicate tab id' });
      seen.add(tab.id);
    });
  });

export type DesktopLayoutInput = z.input<typeof layoutSchema>;

/** Named layouts for `SIM_LAYOUT=<name>`; `default` is the desktop every spec uses. */
export const LAYOUT_PRESETS = {
  default: { tabs: [{ id: 'home', label: 'Home', gadgets: [{}] }] },
  /** The chat gadget on Home and a second copy on its own tab (ACTIVE_TAB, hidden-tab sizing). */
  'two-tabs': {
    tabs: [
      { id: 'home', label: 'Home', gadgets: [{}] },
      { id: 'chats', label: 'Chats', gadgets: [{ title: 'Hybrid Chat (2)' }] },
    ],
  },
  /** Two copies of the chat gadget on Home, one above the other. */
  'two-on-home': { tabs: [{ id: 'home', label: 'Home', gadgets: [{}, { title: 'Hybrid Chat (2)' }] }] },
} satisfies Record<string, DesktopLayoutInput>;

export type LayoutPreset = keyof typeof LAYOUT_PRESETS;

export class LayoutError extends Error {
  readonly code = 'INVALID_LAYOUT';
  constructor(message: string) {
    super(`invalid desktop layout: ${message}`);
    this.name = 'LayoutError';
  }
}

export interface ResolveLayoutOptions {
  /** The chat gadget's spec URL, for gadgets without `url`. */
  readonly gadgetUrl: string;
  /** `host:port` values gadget specs may come from (the container refuses the others). */
  readonly allowedHosts: readonly string[];
}

/** `SIM_LAYOUT`'s value: JSON when it starts with `{`, else a preset name. */
export function layoutFromEnv(raw: string): DesktopLayoutInput | LayoutPreset {
  const text = raw.trim();
  if (!text.startsWith('{')) return text as LayoutPreset;
  try {
    return JSON.parse(text) as DesktopLayoutInput;
  } catch (error) {
    throw new LayoutError(`SIM_LAYOUT is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The tabs the desktop shows. Module ids are numbered in layout order from 0 (`getMyGadgetId()` is
 * a number in finesse.js); the iframe's id and name are `finesse_gadget_<mid>` (our reading of a
 * real desktop's DOM, an inference). The first gadget keyed `chat` keeps the test id every spec uses.
 */
export function resolveLayout(
  input: DesktopLayoutInput | LayoutPreset | undefined,
  options: ResolveLayoutOptions,
): LayoutTab[] {
  let raw: unknown = input ?? LAYOUT_PRESETS.default;
  if (typeof raw === 'string') {
    if (!Object.hasOwn(LAYOUT_PRESETS, raw)) {
      throw new LayoutError(`unknown preset "${raw}" (one of ${Object.keys(LAYOUT_PRESETS).join(', ')})`);
    }
    raw = LAYOUT_PRESETS[raw as LayoutPreset];
  }
  const result = layoutSchema.safeParse(raw);
  if (!result.success) throw new LayoutError(z.prettifyError(result.error));

  const allowed = new Set(options.allowedHosts.map((host) => host.toLowerCase()));
  let mid = 0;
  const perKey = new Map<string, number>();
  return result.data.tabs.map((tab) => ({
    id: tab.id,
    label: tab.label,
    gadgets: tab.gadgets.map((gadget, index): LayoutGadget => {
      const url = gadget.url ?? options.gadgetUrl;
      const { host, username, password } = new URL(url);
      // The same rule as the container's fetcher, so a layout never shows a gadget it will refuse.
      if (username || password || !allowed.has(host.toLowerCase())) {
        throw new LayoutError(
          `tabs.${tab.id}.gadgets[${index}]: ${host} is not an allowed gadget host (${[...allowed].join(', ')})`,
        );
      }
      const key = gadget.key ?? 'chat';
      const copy = (perKey.get(key) ?? 0) + 1;
      perKey.set(key, copy);
      const id = String(mid++);
      return {
        id,
        title: gadget.title ?? 'Hybrid Chat',
        url,
        testId: copy === 1 ? `desktop.gadget.${key}` : `desktop.gadget.${key}.${copy}`,
        frameName: `finesse_gadget_${id}`,
        prefs: gadget.prefs ?? {},
      };
    }),
  }));
}

/**
 * The layout's prefs for the gadget the container is asked to render: the layout gadget with that
 * module id and that spec URL, else none (a URL that is not the layout's gets the XML defaults).
 */
export function layoutPrefs(
  tabs: readonly LayoutTab[],
  mid: string | undefined,
  specUrl: URL,
): ReadonlyMap<string, string> {
  const gadget = tabs.flatMap((tab) => tab.gadgets).find((candidate) => candidate.id === mid);
  const url = gadget && new URL(gadget.url);
  if (url) url.hash = '';
  if (!gadget || url?.href !== specUrl.href) return new Map();
  return new Map(Object.entries(gadget.prefs));
}
