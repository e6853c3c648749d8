/**
 * Not an example: lines that compile only against the CMS packages' real
 * declarations (each `@ts-expect-error` must find an error), so that
 * `tsc -p examples/cms` fails when a package is missing or typed `any`.
 */
import type { Modules } from '@strapi/types';
import type { CmsEventListener } from 'decap-cms-core';
import type { CollectionBeforeChangeHook } from 'payload';

declare const context: Modules.Documents.Middleware.Context;
if (context.action === 'publish') {
  // A publish may target several locales: not a string.
  // @ts-expect-error string | string[] | undefined
  const locale: string | undefined = context.params.locale;
  void locale;
}
if (context.action === 'update') {
  // Update's declared params have no `status` (the middleware reads it all the same).
  // @ts-expect-error no such property
  void context.params.status;
}
// @ts-expect-error Decap's handler is given { entry, author }
export const listener: CmsEventListener = { name: 'prePublish', handler: (event: { entry: number }) => event };
// @ts-expect-error Payload's hook arguments are an object
export const hook: CollectionBeforeChangeHook = (data: string) => data;
