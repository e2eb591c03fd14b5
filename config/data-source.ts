// The DataSource for the TypeORM CLI (`npm run migration:run`), built from the same options as the app.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/platform/config/app-config';
import { dataSourceOptions } from '../src/platform/database/database';

export default new DataSource({
  ...dataSourceOptions(loadConfig(process.env, { purpose: 'database-tool' }).databaseUrl),
  entities: [__dirname + '/../src/**/*.entity.{js,ts}'],
});
