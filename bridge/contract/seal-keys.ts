/**
 * Key prefixes of the seal bucket (docs/audit-evidence.md). The bridge writes one object per unit of work and day
 * under `batches/`; `threads/` and `events/` hold the single seals written before seals were batched, kept for their
 * whole retention and still read by the verifier. The functions may put under the first, the auditor read all three.
 */
export const SEAL_WRITE_PREFIXES = ['batches/'] as const;
export const SEAL_READ_PREFIXES = ['batches/', 'threads/', 'events/'] as const;
