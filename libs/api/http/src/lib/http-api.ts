import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_ROUTES } from '@hourglass/contracts-api';
import { ApiContext } from './api-context';
import { apiProviders } from './api-providers';
import { BearerAuthGuard } from './bearer-auth.guard';
import { AssetCorrectionsController } from './controllers/asset-corrections.controller';
import { AssetsController } from './controllers/assets.controller';
import { AssetHealthReportController } from './controllers/asset-health-report.controller';
import { AssetScoresController } from './controllers/asset-scores.controller';
import { BillingRecordsController } from './controllers/billing-records.controller';
import { ContractsController } from './controllers/contracts.controller';
import { DevicesController } from './controllers/devices.controller';
import { DeviceTelemetryController } from './controllers/device-telemetry.controller';
import { DeviceBasicAuthGuard } from './device-telemetry/device-basic-auth.guard';
import { rawTelemetryBody } from './device-telemetry/raw-telemetry-body';
import { HealthController } from './controllers/health.controller';
import { KpisController } from './controllers/kpis.controller';
import { ChurnWarningsController } from './controllers/churn-warnings.controller';
import { SegmentsController } from './controllers/segments.controller';
import { ValueMatrixController } from './controllers/value-matrix.controller';
import { TouchesController } from './controllers/touches.controller';
import { CustomerHealthController } from './controllers/customer-health.controller';
import { MeController } from './controllers/me.controller';
import { SessionsController } from './controllers/sessions.controller';
import { EventsController } from './controllers/events.controller';
import { NpsController } from './controllers/nps.controller';
import { MaintenancePlansController } from './controllers/maintenance-plans.controller';
import { ModelsController } from './controllers/models.controller';
import { RulesController } from './controllers/rules.controller';
import { ServiceNetworkController } from './controllers/service-network.controller';
import { TasksController } from './controllers/tasks.controller';
import { CasesController } from './controllers/cases.controller';
import { FailureCodesController } from './controllers/failure-codes.controller';
import { UsersController } from './controllers/users.controller';
import { WarningPoliciesController } from './controllers/warning-policies.controller';
import { WebhooksController } from './controllers/webhooks.controller';
import { serveConsole } from './console-static';
import { MqttHooksController } from './mqtt-hooks/mqtt-hooks.controller';
import { DomainErrorFilter } from './domain-error.filter';
import { httpMetrics } from './http-metrics.middleware';
import type { AccessLog } from './access-log';
import { attachRouteSchemas } from './openapi/route-schemas';

/** Starts the REST API (with OpenAPI at /api/docs) on `port`; resolves with the running app. */
export async function startHttpApi(
  context: ApiContext,
  options: {
    port: number;
    host?: string;
    log?: (line: string) => void;
    /** Where one line per request goes (HG_ACCESS_LOG); none when unset. */
    accessLog?: AccessLog;
    consoleDir?: string;
  },
): Promise<{ app: INestApplication; port: number; close: () => Promise<void> }> {
  @Module({
    controllers: [
      HealthController,
      DevicesController,
      DeviceTelemetryController,
      AssetsController,
      AssetCorrectionsController,
      AssetHealthReportController,
      AssetScoresController,
      TasksController,
      FailureCodesController,
      ContractsController,
      ModelsController,
      WarningPoliciesController,
      BillingRecordsController,
      UsersController,
      MeController,
      SessionsController,
      EventsController,
      RulesController,
      MaintenancePlansController,
      WebhooksController,
      KpisController,
      ServiceNetworkController,
      ...(context.mqttHooks ? [MqttHooksController] : []),
      NpsController,
      CustomerHealthController,
      ChurnWarningsController,
      SegmentsController,
      ValueMatrixController,
      TouchesController,
      CasesController,
    ],
    providers: [...apiProviders(context), BearerAuthGuard, DeviceBasicAuthGuard],
  })
  class HttpApiModule {}

  const app = await NestFactory.create(HttpApiModule, { logger: false, bodyParser: true });
  app.use(httpMetrics(context.metrics, { accessLog: options.accessLog }));
  app.use(rawTelemetryBody()); // before the JSON parser: ingest validates the bytes as sent
  app.useGlobalFilters(new DomainErrorFilter(options.log));
  // No enableShutdownHooks: signals belong to runService (one graceful stop with its deadline). Nest's
  // handler closed the app and raised the signal again, which runService took for a second Ctrl-C.
  // `close()` still runs the lifecycle hooks.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hourglass API')
      .setDescription('Predictive maintenance and power-by-the-hour uptime contracts')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addBasicAuth(
        { type: 'http', scheme: 'basic', description: 'device MQTT credentials' },
        'device',
      )
      .build(),
  );
  attachRouteSchemas(document, API_ROUTES); // response and body schemas: @hourglass/contracts-api
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  if (options.consoleDir && !serveConsole(app, options.consoleDir))
    options.log?.(`console: no build in ${options.consoleDir}, not served`);
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { app, port, close: () => app.close() };
}
