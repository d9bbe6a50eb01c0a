import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('ReportExport', { description: 'A sealed link to the report as CSV (its token reveals no user or filter); anyone holding it can download until it expires' })
export class ReportExportModel {
  @Field()
  url: string;

  @Field()
  expiresAt: Date;
}
