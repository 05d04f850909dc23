import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';

export type HttpMethod = 'GET' | 'POST';

/** The HTTP API's stage: `$default` serves at the root of the endpoint, so a route's URL is endpoint + path. */
export const DEFAULT_STAGE = '$default';

/** What a route needs of a function: its name for permissions and its invoke ARN for the integration. */
export interface RouteTarget extends Construct {
  readonly functionName: string;
  readonly invokeArn: string;
}

export interface HttpApiProps {
  readonly apiName: string;
  readonly description: string;
  /** Steady-state requests per second across the stage. */
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  /** Retention of the access log group. */
  readonly logRetentionDays: number;
}

/**
 * An API Gateway HTTP API with one auto-deployed `$default` stage, stage-wide throttling and JSON access logs.
 *
 * Routes are added with {@link addLambdaRoute}; each function gets one proxy integration (payload format 2.0), and a
 * `lambda:InvokeFunction` permission per route whose source ARN names that route's method and path, so API Gateway
 * can invoke a function only through the routes declared for it. Access logs record request metadata only, never
 * headers or bodies, which carry signatures and secrets.
 */
export class HttpApi extends Construct {
  public readonly resource: Apigatewayv2Api;
  public readonly stage: Apigatewayv2Stage;
  public readonly accessLogGroup: CloudwatchLogGroup;
  public readonly apiId: string;
  /** `https://<id>.execute-api.<region>.amazonaws.com`, without a trailing slash. */
  public readonly apiEndpoint: string;
  private readonly integrations = new Map<RouteTarget, Apigatewayv2Integration>();

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.resource = new Apigatewayv2Api(this, 'Resource', {
      name: props.apiName,
      description: props.description,
      protocolType: 'HTTP',
    });
    this.accessLogGroup = new CloudwatchLogGroup(this, 'AccessLogs', {
      name: `/aws/apigateway/${props.apiName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.stage = new Apigatewayv2Stage(this, 'DefaultStage', {
      apiId: this.resource.id,
      name: DEFAULT_STAGE,
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: props.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit,
      },
      accessLogSettings: {
        destinationArn: this.accessLogGroup.arn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          requestTime: '$context.requestTime',
          sourceIp: '$context.identity.sourceIp',
          routeKey: '$context.routeKey',
          status: '$context.status',
          responseLength: '$context.responseLength',
          integrationLatency: '$context.integrationLatency',
          integrationError: '$context.integrationErrorMessage',
        }),
      },
    });
    this.apiId = this.resource.id;
    this.apiEndpoint = this.resource.apiEndpoint;
  }

  /** The public URL of `path` on the `$default` stage. */
  public urlFor(path: string): string {
    return `${this.apiEndpoint}${path}`;
  }

  /** Routes `method path` to `target` and lets API Gateway invoke it for that route only. */
  public addLambdaRoute(method: HttpMethod, path: string, target: RouteTarget): Apigatewayv2Route {
    if (!/^\/[A-Za-z0-9/_.-]*$/.test(path)) {
      throw new Error(`route path "${path}" must start with / and contain only letters, digits and / _ . -`);
    }
    const routeId = `Route-${method}${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const route = new Apigatewayv2Route(this, routeId, {
      apiId: this.resource.id,
      routeKey: `${method} ${path}`,
      target: `integrations/${this.integrationFor(target).id}`,
    });
    new LambdaPermission(this, `${routeId}-Permission`, {
      statementId: `AllowApiGateway-${method}${path.replace(/[^A-Za-z0-9]+/g, '-')}`,
      action: 'lambda:InvokeFunction',
      functionName: target.functionName,
      principal: 'apigateway.amazonaws.com',
      // Any stage, this method and path only: the function cannot be reached through another route of the API.
      sourceArn: `${this.resource.executionArn}/*/${method}${path}`,
    });
    return route;
  }

  private integrationFor(target: RouteTarget): Apigatewayv2Integration {
    const existing = this.integrations.get(target);
    if (existing) return existing;
    const integration = new Apigatewayv2Integration(this, `Integration-${target.node.id}`, {
      apiId: this.resource.id,
      integrationType: 'AWS_PROXY',
      integrationUri: target.invokeArn,
      payloadFormatVersion: '2.0',
    });
    this.integrations.set(target, integration);
    return integration;
  }
}
