import { jsonResponse } from '../responses';
import { HttpResponse } from '../types';

/** `GET /health`: the process is up and its configuration was valid (it would not have started otherwise). */
export function handleHealth(service: { name: string; executor: string }): HttpResponse {
  return jsonResponse(200, { status: 'ok', service: service.name, executor: service.executor });
}
