import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { useFleet } from '@renderer/stores/fleet';
import { WakeState } from './WakeState';

/**
 * "Allumer" where installers are (Today): the same wake as the fleet card and the booth page, the
 * same primary button, and its state in words underneath (route tried, why the previous failed).
 */
export function PowerOnButton({ boothId }: { boothId: string }) {
  const { t } = useTranslation('fleet');
  const wake = useFleet((s) => s.wakes[boothId]);
  const startWake = useFleet((s) => s.wake);
  const [error, setError] = useState<string | null>(null);
  // The wake's progress comes from the fleet store's push subscription.
  useEffect(() => useFleet.getState().watch(), []);
  const busy = !!wake && (wake.state === 'queued' || wake.state === 'sent' || wake.state === 'waiting');
  return (
    <>
      <button
        type="button"
        className="primary"
        data-testid="today-power-on"
        disabled={busy}
        onClick={() => {
          setError(null);
          startWake(boothId).catch((e: unknown) => setError(localizeCoreMessage((e as Error).message)));
        }}
      >
        {t('powerOn')}
      </button>
      {(wake || error) && (
        <div className="power-on-state">
          {wake && <WakeState wake={wake} />}
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
      )}
    </>
  );
}
