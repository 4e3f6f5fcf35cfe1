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
  if (first === 'new') return <BoothForm />;
  if (first && second === 'edit') return <BoothForm id={first} />;
  if (first) return <BoothDetail id={first} />;
  return <FleetGrid />;
}
