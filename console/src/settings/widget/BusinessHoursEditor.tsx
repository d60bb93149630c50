import type { BusinessHours } from '@hilo/shared';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Props {
  value: BusinessHours;
  onChange: (next: BusinessHours) => void;
}

/** One opening range per weekday (the schema allows more; this editor keeps the first of each day). */
export function BusinessHoursEditor({ value, onChange }: Props) {
  const rangeOf = (day: number) => value.ranges.find((r) => r.day === day);
  const setDay = (day: number, range: { start: string; end: string } | null) => {
    const others = value.ranges.filter((r) => r.day !== day);
    onChange({ ...value, ranges: range ? [...others, { day, ...range }].sort((a, b) => a.day - b.day) : others });
  };
  return (
    <fieldset class="ws-hours">
      <legend>Business hours</legend>
      <label class="checkbox">
        <input type="checkbox" checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: e.currentTarget.checked })} />
        Only show the chat as open during these hours
      </label>
      <label>
        Time zone (IANA, e.g. Europe/Madrid)
        <input value={value.timeZone} maxLength={64} list="ws-zones" onInput={(e) => onChange({ ...value, timeZone: e.currentTarget.value.trim() })} />
      </label>
      <datalist id="ws-zones">
        {['UTC', 'Europe/Madrid', 'Europe/London', 'America/New_York', 'America/Mexico_City', 'America/Bogota', 'America/Los_Angeles', 'Asia/Tokyo'].map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <table class="ws-days">
        <tbody>
          {DAYS.map((name, day) => {
            const range = rangeOf(day);
            return (
              <tr key={name}>
                <th scope="row">
                  <label class="checkbox">
                    <input type="checkbox" checked={Boolean(range)} onChange={(e) => setDay(day, e.currentTarget.checked ? { start: '09:00', end: '17:00' } : null)} />
                    {name}
                  </label>
                </th>
                <td>
                  {range && (
                    <>
                      <input type="time" aria-label={`${name} opens`} value={range.start} onInput={(e) => setDay(day, { start: e.currentTarget.value, end: range.end })} />
                      {' – '}
                      <input type="time" aria-label={`${name} closes`} value={range.end} onInput={(e) => setDay(day, { start: range.start, end: e.currentTarget.value })} />
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
