import { createParamDecorator, ExecutionContext, type Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import DataLoaderClass from 'dataloader';
import type DataLoader from 'dataloader';
import { requestContextOf } from '../auth/request-context';

/** A feature's `*.loader.ts`: an injectable that makes a fresh DataLoader for each request. */
export interface LoaderFactory<K, V> {
  createLoader(): DataLoader<K, V>;
}

/** The DataLoaders of one request, created on first use, so a batch never outlives its request. */
export class RequestLoaders {
  private readonly loaders = new Map<Type<unknown>, DataLoader<unknown, unknown>>();

  constructor(private readonly moduleRef: ModuleRef) {}

  get<K, V>(factory: Type<LoaderFactory<K, V>>): DataLoader<K, V> {
    let loader = this.loaders.get(factory);
    if (!loader) {
      loader = this.moduleRef.get(factory, { strict: false }).createLoader() as DataLoader<unknown, unknown>;
      this.loaders.set(factory, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Injects the request's DataLoader made by the given factory into a resolver method. */
export const Loader = createParamDecorator(
  (factory: Type<LoaderFactory<unknown, unknown>>, context: ExecutionContext) =>
    requestContextOf(context).loaders.get(factory),
);

/** A DataLoader of rows by their key; a missing row loads as null. */
export function keyedLoader<T>(fetch: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T | null> {
  return new DataLoaderClass<string, T | null>(async (keys) => {
    const byKey = new Map((await fetch([...keys])).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A DataLoader of the rows that belong to each key (e.g. the branches of each company). */
export function groupedLoader<T>(fetch: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoaderClass<string, T[]>(async (keys) => {
    const groups = new Map<string, T[]>();
    for (const row of await fetch([...keys])) {
      const key = keyOf(row);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
