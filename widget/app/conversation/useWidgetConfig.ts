/**
 * The queue's pre-chat fields and whether a chat can start now (`GET /api/widget/config`), asked
 * when the app starts and again when the language changes (topic labels) or the customer checks
 * again. If the server cannot say, the form falls back to asking for the name: starting the chat
 * will tell whether the server is there.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  DEFAULT_PRECHAT_FIELDS,
  type WidgetConfigResponse,
  type ConversationApi,
} from '../../../sdk/index.ts';

export const FALLBACK_CONFIG: Omit<WidgetConfigResponse, 'queue'> = {
  prechat: { fields: [...DEFAULT_PRECHAT_FIELDS] },
  availability: 'open',
  nextOpenAt: null,
  transcriptEmail: false,
};

export interface WidgetConfigState {
  /** null until the first answer (or the fallback) is there. */
  config: WidgetConfigResponse | null;
  /** Asks again; resolves with the new config. */
  refresh: () => Promise<WidgetConfigResponse>;
}

export function useWidgetConfig(
  api: Pick<ConversationApi, 'config'>,
  queue: string | undefined,
  language: string,
): WidgetConfigState {
  const [config, setConfig] = useState<WidgetConfigResponse | null>(null);

  const load = useCallback(
    () =>
      api.config({ queue, locale: language }).catch((error: unknown) => {
        console.warn('[hybrid-chat widget] the widget settings could not be loaded', error);
        return { queue: queue ?? 'default', ...FALLBACK_CONFIG };
      }),
    [api, queue, language],
  );

  useEffect(() => {
    let current = true;
    void load().then((next) => {
      if (current) setConfig(next);
    });
    return () => {
      current = false;
    };
  }, [load]);

  const refresh = useCallback(async () => {
    const next = await load();
    setConfig(next);
    return next;
  }, [load]);

  return { config, refresh };
}
