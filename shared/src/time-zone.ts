/** Whether this runtime knows the IANA time zone (`Europe/Madrid`); used to validate settings and queries. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
