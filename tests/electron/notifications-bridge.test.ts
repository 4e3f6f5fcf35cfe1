import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { forwardAlertNotifications, alertNotificationText } = await import('../../electron/main/notifications.js');
const { bridgeRequest } = await import('../../electron/main/bridgeFlag.js');
const { createEventBus } = await import('@core/events.js');

beforeEach(() => double.resetElectronDouble());

const alert = {
  id: 'a1',
  boothId: 'b1',
  boothName: 'Cabine Lumière',
  kind: 'paper_critical' as const,
  severity: 'critical' as const,
  message: '270 prints left (critical below 275)',
  details: {},
  raisedAt: 1,
  clearedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedBy: null,
};

describe('native alert notifications', () => {
  it('shows one notification per raised alert, in the device language, and focuses the window on click', () => {
    const events = createEventBus();
    let lang: 'fr' | 'en' = 'fr';
    const focus = vi.fn();
    const stop = forwardAlertNotifications({ events, language: () => lang, focus });
    events.emit('alert.raised', alert);
    events.emit('alert.cleared', { ...alert, clearedAt: 2 });
    expect(double.Notification.instances).toHaveLength(1);
    const n = double.Notification.instances[0]!;
    expect(n.shown).toBe(true);
    expect(n.options).toMatchObject({ title: 'Cabine Lumière — Papier presque épuisé', body: alert.message, urgency: 'critical' });
    n.emit('click');
    expect(focus).toHaveBeenCalledOnce();
    lang = 'en';
    expect(alertNotificationText(alert, lang).title).toBe('Cabine Lumière — Paper almost out');
    stop();
    events.emit('alert.raised', alert);
    expect(double.Notification.instances).toHaveLength(1);
  });

  it('stays silent where the system has no notifications', () => {
    double.Notification.supported = false;
    const events = createEventBus();
    forwardAlertNotifications({ events, language: () => 'fr', focus: () => undefined });
    events.emit('alert.raised', alert);
    expect(double.Notification.instances).toHaveLength(0);
  });
});

describe('the desktop app opens the localhost bridge only when asked', () => {
  it('is off by default, packaged or not', () => {
    expect(bridgeRequest(['electron', '.'], {}, false)).toBeNull();
    expect(bridgeRequest(['OpsDeck.exe'], {}, true)).toBeNull();
  });
  it('an environment variable cannot open it in a packaged build', () => {
    expect(bridgeRequest(['OpsDeck.exe'], { OPSDECK_BRIDGE_PORT: '5180' }, true)).toBeNull();
    expect(bridgeRequest(['electron', '.'], { OPSDECK_BRIDGE_PORT: '5180' }, false)).toEqual({ port: 5180 });
  });
  it('the explicit flag opens it, with a validated port', () => {
    expect(bridgeRequest(['OpsDeck.exe', '--bridge'], {}, true)).toEqual({ port: 0 });
    expect(bridgeRequest(['OpsDeck.exe', '--bridge=5199'], {}, true)).toEqual({ port: 5199 });
    expect(() => bridgeRequest(['OpsDeck.exe', '--bridge=http'], {}, true)).toThrow(/0–65535/);
  });
});
