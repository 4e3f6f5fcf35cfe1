import { SyncStatusChip } from '../features/sync/SyncStatusChip';
import type { ComponentType } from 'react';

/** Places in the frame other features fill (e.g. the sync status in the title bar), one line each. */
export const TITLE_BAR_ITEMS: Array<{ id: string; component: ComponentType }> = [{ id: 'sync', component: SyncStatusChip }];
