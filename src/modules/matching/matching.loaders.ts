import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { PlacementEntity } from '../placements/placement.entity';
import { StudentEntity } from '../students/student.entity';
import type { BlindCandidateModel } from './models/matching.model';

type BlindProfileRow = Omit<BlindCandidateModel, 'pseudonym'> & { id: string };

/** R20: only the blind columns of a student are read, never her school or postcode. */
@Injectable()
export class BlindCandidateLoader implements LoaderFactory<string, BlindProfileRow | null> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return keyedLoader(
      (ids) =>
        this.dataSource.getRepository(StudentEntity).find({
          select: {
            id: true,
            crebo: true,
            level: true,
            leerweg: true,
            learningWish: true,
            werkprocessen: true,
            availableFrom: true,
            availableUntil: true,
            daysPerWeek: true,
            hoursPerWeek: true,
            accessibilityNeeds: true,
          },
          where: { id: In(ids) },
        }) as Promise<BlindProfileRow[]>,
      (row) => row.id,
    );
  }
}

@Injectable()
export class PlacementByIdLoader implements LoaderFactory<string, PlacementEntity | null> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return keyedLoader((ids) => this.dataSource.getRepository(PlacementEntity).findBy({ id: In(ids) }), (row) => row.id);
  }
}
