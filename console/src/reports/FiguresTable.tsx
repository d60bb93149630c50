export interface Column<T> {
  label: string;
  value: (row: T) => string;
  /** Right-aligned, for numbers. */
  numeric?: boolean;
}

interface Props<T> {
  label: string;
  rows: T[];
  columns: Array<Column<T>>;
  rowKey: (row: T) => string;
  /** Shown instead of an empty table. */
  empty: string;
}

/** Report rows as a table; the first column names the row. */
export function FiguresTable<T>({ label, rows, columns, rowKey, empty }: Props<T>) {
  if (rows.length === 0) return <p class="report-note">{empty}</p>;
  return (
    <div class="report-table-wrap">
      <table class="report-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.label} scope="row">
                    {c.value(row)}
                  </th>
                ) : (
                  <td key={c.label} class={c.numeric ? 'num' : undefined}>
                    {c.value(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
