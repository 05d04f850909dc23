import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One PUT as the fake received it: enough to assert on the headers the ledger sends. */
export interface ReceivedPut {
  readonly key: string;
  readonly headers: IncomingMessage['headers'];
}

/**
 * A loopback stand-in for the part of S3 the seal ledger and archive use, on a versioned bucket, path-style:
 * PutObject (with `If-None-Match: *` answered 412 PreconditionFailed when the key exists; without it, a new version),
 * ListObjectVersions (prefix, newest version first per key, pages of at most `pageSize` with key and version-id markers) and
 * GetObject by version id. Not S3: no auth check, no object lock (retention is S3's job, not the code's), no multipart.
 */
export async function startFakeS3(
  bucket: string,
  options: { pageSize?: number } = {},
): Promise<{ endpoint: string; puts: ReceivedPut[]; putRaw(key: string, body: string): void; close(): Promise<void> }> {
  const objects = new Map<string, Array<{ versionId: string; body: string }>>();
  const puts: ReceivedPut[] = [];
  let sequence = 0;
  const putVersion = (key: string, body: string) => {
    const versionId = `v${String(++sequence).padStart(6, '0')}`;
    objects.set(key, [{ versionId, body }, ...(objects.get(key) ?? [])]);
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, bucketName, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const error = (status: number, code: string) => {
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
    };
    if (bucketName !== bucket) return error(404, 'NoSuchBucket');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'PUT' && key) {
        puts.push({ key, headers: req.headers });
        if (req.headers['if-none-match'] === '*' && objects.has(key)) return error(412, 'PreconditionFailed');
        putVersion(key, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { etag: '"e"' });
        return res.end();
      }
      if (req.method === 'GET' && !key && url.searchParams.has('versions')) {
        const prefix = url.searchParams.get('prefix') ?? '';
        const max = Math.min(Number(url.searchParams.get('max-keys') ?? 1000), options.pageSize ?? 1000);
        const all = [...objects.entries()]
          .filter(([k]) => k.startsWith(prefix))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .flatMap(([k, vs]) => vs.map((v) => ({ k, v })));
        const keyMarker = url.searchParams.get('key-marker');
        const versionMarker = url.searchParams.get('version-id-marker');
        const start = keyMarker ? all.findIndex((e) => e.k === keyMarker && e.v.versionId === versionMarker) + 1 : 0;
        const page = all.slice(start, start + max);
        const truncated = start + max < all.length;
        const last = page[page.length - 1];
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(
          `<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult><Name>${bucket}</Name><Prefix>${prefix}</Prefix><IsTruncated>${truncated}</IsTruncated>` +
            (truncated && last ? `<NextKeyMarker>${last.k}</NextKeyMarker><NextVersionIdMarker>${last.v.versionId}</NextVersionIdMarker>` : '') +
            page.map((e, i) => `<Version><Key>${e.k}</Key><VersionId>${e.v.versionId}</VersionId><IsLatest>${i === 0}</IsLatest></Version>`).join('') +
            '</ListVersionsResult>',
        );
      }
      if (req.method === 'GET' && key) {
        const versionId = url.searchParams.get('versionId');
        const found = objects.get(key)?.find((v) => !versionId || v.versionId === versionId);
        if (!found) return error(404, 'NoSuchKey');
        res.writeHead(200, { 'content-type': 'application/json', 'x-amz-version-id': found.versionId });
        return res.end(found.body);
      }
      error(400, 'NotImplemented');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    puts,
    putRaw: putVersion,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
