import { useTranslation } from 'react-i18next';
import type { WakeCommand } from '@shared/model/alert';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';

/**
 * Why a wake attempt failed, in the UI language. Wakes store a code ("wol.noAnswer", or
 * "wol.sendFailed: <system detail>"); wakes from older versions stored English, shown translated
 * when known.
 */
export function useWakeReason(): (error: string | null) => string {
  const { t } = useTranslation('fleet');
  return (error) => {
    if (!error) return t('wakeErrors.unknown');
    const m = /^wol\.(\w+)(?::\s*(.*))?$/.exec(error);
    if (m) return t(`wakeErrors.${m[1]}`, { detail: m[2] ?? '', defaultValue: t('wakeErrors.unknown') });
    return localizeCoreMessage(error);
  };
}

/**
 * What a wake is doing, in words: the route being tried (and its place in the booth's order), its
 * state, and why the previous route failed.
 */
export function WakeState({ wake }: { wake: WakeCommand }) {
  const { t } = useTranslation('fleet');
  const reason = useWakeReason();
  const route = t(`wakeRoute.${wake.route}`);
  const chain = wake.chain;
  const of = chain && chain.routes.length > 1 ? t('wakeStep', { step: chain.step + 1, of: chain.routes.length }) : '';
  return (
    <span className={`wake-state state-${wake.state}`} data-testid="wake-state" role="status">
      {chain?.previous && (
        <span className="wake-previous" data-testid="wake-previous">
          {t('wakePrevious', { route: t(`wakeRoute.${chain.previous.route}`), reason: reason(chain.previous.error) })}{' '}
        </span>
      )}
      <span>
        {wake.state === 'failed'
          ? t('wakeFailed', { route, reason: reason(wake.error) })
          : t('wakeTrying', { route, step: of, state: t(`wake.${wake.state}`) })}
      </span>
    </span>
  );
}
