/** Snooze presets, computed from "now" in the agent's local time. */
export function snoozeOptions(now: number): Array<{ label: string; until: number }> {
  const at9 = (days: number): number => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(9, 0, 0, 0);
    return d.getTime();
  };
  const day = new Date(now).getDay();
  const toMonday = ((8 - day) % 7) || 7;
  return [
    { label: '1 hour', until: now + 3_600_000 },
    { label: '4 hours', until: now + 4 * 3_600_000 },
    { label: 'Tomorrow 9:00', until: at9(1) },
    { label: 'Next Monday 9:00', until: at9(toMonday) },
  ];
}
