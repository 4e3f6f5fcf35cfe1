import { useEffect } from 'react';
import { useFleet } from '@renderer/stores/fleet';
import { useSystem } from '@renderer/stores/system';
import { FleetGrid } from './FleetGrid';
import { BoothDetail } from './BoothDetail';
import { BoothForm } from './BoothForm';

/** #/fleet → grid · #/fleet/new → create · #/fleet/<id> → detail · #/fleet/<id>/edit → edit. */
export default function FleetPage({ route }: { route: string[] }) {
  const watch = useFleet((s) => s.watch);
  const dataVersion = useSystem((s) => s.dataVersion);
  useEffect(() => watch(), [watch, dataVersion]);
  const [first, second] = route;
  // Keyed by what they show: a form or a page opened for another booth starts afresh, never with the last one's state.
  if (first === 'new') return <BoothForm key="new" />;
  if (first && second === 'edit') return <BoothForm key={first} id={first} />;
  if (first) return <BoothDetail key={first} id={first} />;
  return <FleetGrid />;
}
