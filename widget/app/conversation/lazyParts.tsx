/**
 * The parts of the conversation most customers never see — the message form (only when no chat
 * is possible) and the end of a chat (rating, transcript) — load on demand, so they do not weigh on
 * what every customer downloads when opening the widget (≤ 60 KB gzipped). If a part cannot be
 * loaded (offline, a stale deployment), its place says so instead of breaking the app.
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const LeaveMessage = lazy(() =>
  import('../components/LeaveMessage/LeaveMessage.tsx').then((module) => ({ default: module.LeaveMessage })),
);

export const EndOfChat = lazy(() =>
  import('../components/EndOfChat/EndOfChat.tsx').then((module) => ({ default: module.EndOfChat })),
);

function Unavailable() {
  const { t } = useTranslation('widget');
  return (
    <p className="w-center" role="alert">
      {t('error.title')}
    </p>
  );
}

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <Unavailable /> : this.props.children;
  }
}

/** Shows a lazily loaded part; nothing while it loads (it is small), a notice if it cannot. */
export function Part({ children, loading = null }: { children: ReactNode; loading?: ReactNode }) {
  return (
    <Boundary>
      <Suspense fallback={loading}>{children}</Suspense>
    </Boundary>
  );
}
