import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditModule } from './common/audit/audit.module';
import { AccessGuard } from './common/auth/access.guard';
import { GraphqlExceptionFilter } from './common/errors/graphql-exception.filter';
import { TrustProxySetting } from './common/http/client-address';
import { ServiceUnavailablePlugin } from './common/errors/service-unavailable.plugin';
import { graphqlConfig } from './common/graphql/graphql-config';
import { EnumLabelsResolver } from './common/graphql/enum-labels.resolver';
import { GraphqlOverHttpPlugin } from './common/graphql/graphql-over-http.plugin';
import { InputBoundaryPlugin } from './common/graphql/input-boundary.plugin';
import { OperationLimitsPlugin } from './common/graphql/operation-limits.plugin';
import { LanguagePlugin } from './common/i18n/language.plugin';
import { InputValidationPipe } from './common/validation/input-validation.pipe';
import { Environment } from './config/environment';
import { HealthModule } from './health/health.module';
import { AgreementsModule } from './modules/agreements/agreements.module';
import { CompaniesModule } from './modules/companies/companies.module';
import { ComplianceModule } from './modules/compliance/compliance.module';
import { InternshipsModule } from './modules/internships/internships.module';
import { MatchingModule } from './modules/matching/matching.module';
import { MeldpuntModule } from './modules/meldpunt/meldpunt.module';
import { ExportsModule } from './modules/exports/exports.module';
import { ImportsModule } from './modules/imports/imports.module';
import { ReportingModule } from './modules/reporting/reporting.module';
import { OversightModule } from './modules/oversight/oversight.module';
import { AuthService } from './modules/organizations/auth.service';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { PlacementsModule } from './modules/placements/placements.module';
import { SchoolTasksModule } from './modules/school-tasks/school-tasks.module';
import { SsoModule } from './modules/sso/sso.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { QualificationsModule } from './modules/qualifications/qualifications.module';
import { StudentsModule } from './modules/students/students.module';
import { UnplacedStudentsModule } from './modules/unplaced-students/unplaced-students.module';
import { CoreModule } from './core.module';
import { QueueDashboardModule } from './queues/queue-dashboard.module';
import { WorkerModule } from './worker.module';

/** The API: GraphQL over HTTP, health, and every feature module. */
@Module({
  imports: [
    CoreModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [OrganizationsModule],
      inject: [Environment, AuthService, ModuleRef],
      useFactory: graphqlConfig,
    }),
    HealthModule,
    OrganizationsModule,
    SsoModule,
    QualificationsModule,
    StudentsModule,
    CompaniesModule,
    PlacementsModule,
    ComplianceModule,
    MatchingModule,
    InternshipsModule,
    AgreementsModule,
    OversightModule,
    UnplacedStudentsModule,
    MeldpuntModule,
    SchoolTasksModule,
    AuditModule,
    ReportingModule,
    ExportsModule,
    ImportsModule,
    NotificationsModule,
    QueueDashboardModule,
  ],
  providers: [
    // First: its didResolveOperation then answers a bad variable (naming the argument) before another plugin trips over it.
    InputBoundaryPlugin,
    OperationLimitsPlugin,
    TrustProxySetting,
    ServiceUnavailablePlugin,
    // After ServiceUnavailablePlugin: it sees the 503 that one sets.
    GraphqlOverHttpPlugin,
    LanguagePlugin,
    EnumLabelsResolver,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
  ],
})
export class AppModule {
  /** `all` runs the worker inside the API process; `api` runs the API alone. */
  static forRole(options: { withWorker: boolean }): DynamicModule {
    return { module: AppModule, imports: options.withWorker ? [WorkerModule] : [] };
  }
}
