import { test, expect } from 'vitest';
import { seedDemoBooths } from '@core/demo/booths.js';
import { createTestCore } from '../fixtures/core.js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';

test("hub-dev's booth device users are booths of every demo database", () => {
  const core = createTestCore();
  try {
    seedDemoBooths(core.ctx);
    const rows = core.ctx.db.prepare('SELECT id, name FROM booths WHERE id IN (?, ?) ORDER BY name').all(...DEMO_BOOTH_IDS) as Array<{
      id: string;
      name: string;
    }>;
    expect(rows.map((r) => r.name)).toEqual(['Borne Aurore', 'Borne Brume']);
    const boothUsers = DEMO_HUB_USERS.filter((u) => u.role === 'booth').map((u) => u.boothId);
    expect(boothUsers).toEqual([...DEMO_BOOTH_IDS]);
  } finally {
    core.dispose();
  }
});
