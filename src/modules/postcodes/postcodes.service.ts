import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { PostcodeEntity } from './postcode.entity';

/** A region is a province of the PC4 table; anything else is BAD_USER_INPUT naming the field. */
export async function requireProvince(db: Pick<DataSource, 'query'>, region: string | undefined, field: string, rule?: string): Promise<void> {
  if (region === undefined) return;
  const [known] = await db.query<unknown[]>('SELECT 1 FROM postcodes WHERE province = $1 LIMIT 1', [region]);
  if (!known) throw BadUserInputError.field(field, `${region} is not a Dutch province`, rule);
}

@Injectable()
export class PostcodesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The PC4 area, or BAD_USER_INPUT naming the field when no such postcode exists. */
  async require(pc4: string, field: string, manager: EntityManager = this.dataSource.manager): Promise<PostcodeEntity> {
    const postcode = await manager.findOneBy(PostcodeEntity, { pc4 });
    if (!postcode) throw BadUserInputError.field(field, `postcode ${pc4} does not exist`);
    return postcode;
  }
}
