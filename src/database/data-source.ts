import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/environment';
import { typeormOptions } from './typeorm-options';

/** The data source of the TypeORM CLI (`npm run migration:*`). */
export default new DataSource(typeormOptions(loadEnvironment().DATABASE_URL));
