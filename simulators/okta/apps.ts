import type { OktaRoute } from './context';
import { paginate } from './pagination';
import { appView } from './views';

/**
 * `GET /api/v1/apps?q=` (scope `okta.apps.read`): `q` matches the start of the app's `name` or `label`,
 * case-insensitively, which is how an app is looked up by label.
 */
export const appRoutes: readonly OktaRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/apps',
    bucket: 'other',
    auth: { scope: 'okta.apps.read' },
    handle: (ctx, services) => {
      const q = ctx.url.searchParams.get('q')?.toLowerCase();
      const apps = [...services.state.apps.values()].filter(
        (a) => q === undefined || a.label.toLowerCase().startsWith(q) || a.name.toLowerCase().startsWith(q),
      );
      const orgUrl = services.orgUrl();
      const page = paginate(apps, (a) => a.id, ctx.url, orgUrl, 20, 200);
      return { status: 200, headers: { Link: page.linkHeader }, body: page.items.map((a) => appView(a, orgUrl)) };
    },
  },
];
