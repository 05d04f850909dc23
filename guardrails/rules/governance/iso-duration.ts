/**
 * Seconds in an ISO 8601 duration such as `PT8H`, `P7D` or `P1DT12H`, or undefined when it is not one.
 * Months and years are counted as 30 and 365 days: the result bounds a duration, it does not schedule one.
 */
export function isoDurationSeconds(value: string): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return undefined;
  const [y, mo, w, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
  return (((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + s;
}
