/**
 * The content headers a JSON request may carry: exactly `application/json`, optionally `; charset=utf-8`, and no
 * `Content-Encoding`. The bridge never decompresses, so a body labelled `gzip` would be read as something other
 * than what the sender meant; `application/json-patch+json` and other `+json` types are different media types.
 *
 * @returns the reason to answer 415, or undefined when the headers are acceptable
 */
export function unsupportedContent(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const encoding = headers['content-encoding']?.trim();
  if (encoding) {
    return `content-encoding '${encoding.slice(0, 32)}' is not accepted; send the JSON body uncompressed, without a Content-Encoding header`;
  }
  const contentType = headers['content-type'] ?? '';
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim());
  if (mediaType.toLowerCase() !== 'application/json') {
    return `content-type must be application/json (optionally '; charset=utf-8'), got '${contentType.slice(0, 64)}'`;
  }
  for (const parameter of parameters) {
    const match = /^charset\s*=\s*"?([^"]*)"?$/i.exec(parameter);
    if (match?.[1].toLowerCase() !== 'utf-8') {
      return `content-type parameter '${parameter.slice(0, 32)}' is not accepted; the only one allowed is charset=utf-8`;
    }
  }
  return undefined;
}
