/**
 * The agent's settings: a chime for new chats, a desktop notification while Finesse is in the
 * background, and auto-accept. Switching notifications on is the one place that asks the browser
 * for permission, from the agent's own click; a refusal is explained, never retried behind their back.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  alertPermission,
  requestAlertPermission,
  type AlertPermission,
} from '../../notify/desktopNotification.ts';
import type { GadgetSettings } from '../../stores/settings.ts';
import './SettingsPanel.css';

export interface SettingsPanelProps {
  settings: GadgetSettings;
  onChange: (patch: Partial<GadgetSettings>) => void;
  /** Injected in tests; default: the browser's Notification API. */
  permission?: () => AlertPermission;
  requestPermission?: () => Promise<AlertPermission>;
}

export function SettingsPanel({
  settings,
  onChange,
  permission = alertPermission,
  requestPermission = requestAlertPermission,
}: SettingsPanelProps) {
  const { t } = useTranslation('gadget');
  const [problem, setProblem] = useState<'denied' | 'unsupported' | null>(null);

  const toggleDesktopAlerts = async (on: boolean): Promise<void> => {
    setProblem(null);
    if (!on) return onChange({ desktopAlerts: false });
    let state = permission();
    if (state === 'default') state = await requestPermission();
    if (state === 'granted') return onChange({ desktopAlerts: true });
    onChange({ desktopAlerts: false });
    setProblem(state === 'unsupported' ? 'unsupported' : 'denied');
  };

  return (
    <div className="hc-settings">
      <Switch
        testId="gadget.settings.sound"
        checked={settings.sound}
        label={t('settings.sound')}
        onChange={(on) => onChange({ sound: on })}
      />
      <Switch
        testId="gadget.settings.desktopAlerts"
        checked={settings.desktopAlerts}
        label={t('settings.desktopAlerts')}
        onChange={(on) => void toggleDesktopAlerts(on)}
      >
        {problem && (
          <p
            className="hc-settings__problem"
            role="status"
            data-testid="gadget.settings.desktopAlerts.problem"
          >
            {problem === 'denied'
              ? t('settings.desktopAlertsDenied')
              : t('settings.desktopAlertsUnsupported')}
          </p>
        )}
      </Switch>
      <Switch
        testId="gadget.settings.autoAccept"
        checked={settings.autoAccept}
        label={t('settings.autoAccept')}
        hint={t('settings.autoAcceptHint')}
        onChange={(on) => onChange({ autoAccept: on })}
      />
    </div>
  );
}

interface SwitchProps {
  testId: string;
  checked: boolean;
  label: string;
  hint?: string;
  onChange: (on: boolean) => void;
  children?: ReactNode;
}

/** A native checkbox announced as a switch (Space toggles it, as screen reader users expect). */
function Switch({ testId, checked, label, hint, onChange, children }: SwitchProps) {
  const hintId = useId();
  return (
    <div className="hc-switch">
      <label className="hc-switch__row">
        <input
          type="checkbox"
          role="switch"
          className="hc-switch__input"
          data-testid={testId}
          checked={checked}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span className="hc-switch__track" aria-hidden="true" />
        <span className="hc-switch__label">{label}</span>
      </label>
      {hint && (
        <p id={hintId} className="hc-switch__hint">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}
