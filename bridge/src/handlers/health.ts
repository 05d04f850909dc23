import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENV } from '../../contract/env-names';
import { toApiGatewayV2 } from '../http/api-gateway';
import { handleHealth } from '../http/routes/health';

/** `GET /health`: no configuration or clients, so it answers even when the others cannot start. */
export async function handler(): Promise<APIGatewayProxyStructuredResultV2> {
  return toApiGatewayV2(handleHealth({ name: 'jml-bridge', executor: process.env[ENV.executor] ?? 'management' }));
}
