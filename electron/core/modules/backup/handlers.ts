import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '@core/router.js';
import type { backupChannels } from '@shared/contract/backup.js';
import { AppError } from '@shared/errors.js';
import { backupDir, listBackups, stagedRestoreFile, verifyBackup, writeBackup } from '@core/db/backup.js';
import { currentSchemaVersion } from '@core/db/migrate.js';
import { makePrivateFile } from '@core/db/fileModes.js';

export const backupHandlers: Pick<HandlerMap, keyof typeof backupChannels> = {
  'backup.list': (_i, ctx) => listBackups(ctx.dataDir),
  'backup.create': (_i, ctx) => writeBackup(ctx.db, ctx.dataDir, 'manual', ctx.clock.now()),
  'backup.restore': ({ file }, ctx) => {
    if (ctx.dbPath === ':memory:') throw new AppError('unavailable', 'An in-memory database cannot be restored');
    const source = path.join(backupDir(ctx.dataDir), file);
    if (!fs.existsSync(source)) throw new AppError('not_found', `No backup named ${file}`);
    try {
      verifyBackup(source, currentSchemaVersion(ctx.db));
    } catch (e) {
      throw new AppError('invalid_input', `This backup cannot be restored: ${(e as Error).message}`);
    }
    // Keep what is there now, so a restore can itself be undone.
    const safety = writeBackup(ctx.db, ctx.dataDir, 'pre-restore', ctx.clock.now());
    fs.copyFileSync(source, stagedRestoreFile(ctx.dbPath));
    makePrivateFile(stagedRestoreFile(ctx.dbPath));
    return { restored: file, safetyBackup: safety.file, restartRequired: true as const };
  },
};
