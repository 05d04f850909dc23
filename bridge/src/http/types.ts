/**
 * The framework-free request and response the routes work on; the Lambda handlers and the local node:http server
 * both convert to and from these, so one code path serves both.
 */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The exact bytes received: signatures are computed over them, never over re-serialised JSON. */
  readonly rawBody: Buffer;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type HttpHandler = (request: HttpRequest) => Promise<HttpResponse>;
