import { EVIDENCE_COLUMNS, EvidenceRow } from '../../domain/evidence/report-rows';

/**
 * RFC 4180 CSV of the evidence rows, header first, CRLF line ends. A cell that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) gets a leading apostrophe: values come from ServiceNow and Okta, and an auditor
 * opening the file must not execute them. That is the only way a CSV cell differs from its JSON value.
 */
export function toCsv(rows: readonly EvidenceRow[]): string {
  const lines = [EVIDENCE_COLUMNS.join(','), ...rows.map((r) => EVIDENCE_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
