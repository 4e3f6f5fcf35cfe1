import { useStock } from '@renderer/stores/stock';

/** An active stock location (where an order is fulfilled from, where a delivery is received). */
export function LocationSelect({ label, value, onChange }: { label: string; value: string; onChange(id: string): void }) {
  const locations = useStock((s) => s.locations);
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">—</option>
      {locations
        .filter((l) => l.active)
        .map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
    </select>
  );
}
