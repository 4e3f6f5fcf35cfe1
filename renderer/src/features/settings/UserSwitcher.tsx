import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useSystem } from '../../stores/system';
import type { User } from '../../../../shared/model/user';

export function UserSwitcher() {
  const { t } = useTranslation('settings');
  const { info, switchUser } = useSystem();
  const [users, setUsers] = useState<User[]>([]);
  const [target, setTarget] = useState('');
  useEffect(() => {
    api.call('users.list', {}).then(setUsers, () => undefined);
  }, [info?.user.id]);
  if (!info) return null;
  return (
    <section className="panel" aria-labelledby="user-title">
      <h2 id="user-title">{t('user')}</h2>
      <p>
        {t("currentUser", { name: info.user.displayName, role: t(`common:roles.${info.user.role}`) })}
      </p>
      <div className="inline-form">
        <label htmlFor="switch-user">{t('switchUser')}</label>
        <select id="switch-user" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">—</option>
          {users
            .filter((u) => u.id !== info.user.id && u.active)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} · {t(`common:roles.${u.role}`)}
              </option>
            ))}
        </select>
        <button type="button" disabled={!target} onClick={() => void switchUser(target).then(() => setTarget(''), () => undefined)}>
          {t('switch')}
        </button>
      </div>
      <p className="help">{t('switchHelp')}</p>
    </section>
  );
}
