import type { ReactNode, TableHTMLAttributes } from 'react';

/**
 * A data table (`.table`) with one header row: `head` are the column titles, in order (`''` for a
 * column of actions); the children are the body's rows.
 */
export function Table({
  head,
  className,
  children,
  ...rest
}: { head: ReactNode[]; children: ReactNode } & Omit<TableHTMLAttributes<HTMLTableElement>, 'children'>) {
  return (
    <table className={className ? `table ${className}` : 'table'} {...rest}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
