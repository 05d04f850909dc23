import {
  GetObjectCommand,
  ListObjectVersionsCommand,
  ListObjectVersionsCommandOutput,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { SEAL_KEY_PREFIXES, Seal, sealBatchKey, sealBatchText } from '../../domain/evidence/thread-seal';
import { AnchoredSeal, SealArchive, SealLedger } from '../../ports/seal-ledger';
import { daysBetween } from './days';
import { anchoredSeals } from './parse-seal';

/**
 * The bridge's writer to the seal bucket (object lock, compliance mode, default retention): one `PutObject` per batch
 * (a unit of work's seals of one day), with `If-None-Match: *` so an existing key is never replaced, and a SHA-256
 * checksum (S3 requires an integrity checksum on uploads to a bucket with object lock). A 412 means the key is
 * already anchored: first write wins.
 */
export class S3SealLedger implements SealLedger {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async anchor(day: string, seals: readonly Seal[]): Promise<void> {
    const text = sealBatchText(day, seals);
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: sealBatchKey(day, text),
          Body: text,
          ContentType: 'application/json',
          IfNoneMatch: '*',
          ChecksumAlgorithm: 'SHA256',
        }),
      );
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) {
        return;
      }
      throw error;
    }
  }
}

/**
 * The auditor's reader (the seal bucket's auditor role: `s3:ListBucketVersions`, `s3:GetObjectVersion`): lists every
 * version of every object under the period's days (batches, and single seals from before batching) and reads the
 * oldest, i.e. the first write. A key with more than one version was written twice, which the verifier reports.
 */
export class S3SealArchive implements SealArchive {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async sealsForDays(fromDay: string, toDay: string): Promise<AnchoredSeal[]> {
    const out: AnchoredSeal[] = [];
    for (const day of daysBetween(fromDay, toDay)) {
      for (const prefix of SEAL_KEY_PREFIXES) {
        const versions = await this.versionsUnder(`${prefix}${day}/`);
        for (const [key, ids] of [...versions.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const first = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: ids[ids.length - 1] }));
          out.push(...anchoredSeals(key, ids.length, (await first.Body?.transformToString('utf-8')) ?? ''));
        }
      }
    }
    return out;
  }

  /** Version ids per key, newest first (the order S3 lists them in). */
  private async versionsUnder(prefix: string): Promise<Map<string, string[]>> {
    const versions = new Map<string, string[]>();
    let page: ListObjectVersionsCommandOutput | undefined;
    do {
      page = await this.s3.send(
        new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: prefix, KeyMarker: page?.NextKeyMarker, VersionIdMarker: page?.NextVersionIdMarker }),
      );
      for (const v of page.Versions ?? []) {
        if (v.Key && v.VersionId) {
          versions.set(v.Key, [...(versions.get(v.Key) ?? []), v.VersionId]);
        }
      }
    } while (page.IsTruncated);
    return versions;
  }
}
