/** Every UTC day from `from` to `to` (YYYY-MM-DD, inclusive); refuses a reversed or malformed range. */
export function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || Number.isNaN(start) || Number.isNaN(end)) {
    throw new Error(`a period is two days as YYYY-MM-DD, got '${from}' to '${to}'`);
  }
  if (end < start) {
    throw new Error(`the period ends (${to}) before it starts (${from}); swap --from and --to`);
  }
  const days: string[] = [];
  for (let t = start; t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}
