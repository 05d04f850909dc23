/**
 * Effective dates are calendar days in UTC: a request is due from 00:00Z on its effective date.
 *
 * ServiceNow sends a date without a time zone; UTC keeps the rule the same in every Lambda region. A deployment that
 * needs local midnight should send the date already shifted.
 */
export function isDue(effectiveDate: string, now: Date): boolean {
  return dueAtOf(effectiveDate) <= now.toISOString();
}

/** The instant a request with this effective date becomes due, as an ISO timestamp. */
export function dueAtOf(effectiveDate: string): string {
  return `${effectiveDate}T00:00:00.000Z`;
}
