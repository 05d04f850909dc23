import type { OktaRoute } from './context';
import { notFound } from './errors';
import { paginate } from './pagination';
import { requestSequenceView } from './views';

/**
 * Identity Governance "List all resource request sequences".
 *
 * Verified in developer.okta.com (governance.requests.admin.v2, listResourceRequestSequencesV2):
 * `GET /governance/api/v2/resources/{resourceId}/request-sequences`, OAuth scope
 * `okta.accessRequests.condition.read`, response `{ "data": [...], "_links": { "self", "newSequence" } }`,
 * items with `id` (24 hex), `name`, `description`, `compatibleResourceTypes`.
 * Assumed: the docs list no query parameters, so the `limit` / `after` cursor and `_links.next` follow the
 * other governance list APIs; the error for an unknown resource is taken to be 404 E0000007.
 */
export const governanceRoutes: readonly OktaRoute[] = [
  {
    method: 'GET',
    path: '/governance/api/v2/resources/:resourceId/request-sequences',
    bucket: 'other',
    auth: { scope: 'okta.accessRequests.condition.read' },
    handle: (ctx, services) => {
      const resourceId = ctx.params.resourceId;
      const sequences = services.state.requestSequences.get(resourceId);
      if (!sequences) {
        throw notFound(resourceId, 'Resource');
      }
      const orgUrl = services.orgUrl();
      const page = paginate(sequences, (s) => s.id, ctx.url, orgUrl, 200, 200);
      const links: Record<string, unknown> = {
        self: { href: `${orgUrl}${ctx.url.pathname}${ctx.url.search}` },
        newSequence: { href: `${orgUrl}/admin/governance/access-requests/sequences/new?resourceId=${encodeURIComponent(resourceId)}` },
      };
      if (page.next) {
        links.next = { href: page.next };
      }
      return { status: 200, body: { data: page.items.map((s) => requestSequenceView(s, orgUrl)), _links: links } };
    },
  },
];
