import { INestApplication, ParseUUIDPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CONTENT } from './api-errors.decorator';

/** What ParseUUIDPipe answers for a path id that is not a UUID (a BadRequestException, coded by the filter). */
export const UUID_PARAM_ERROR_CODE = 'BAD_REQUEST';

type Operation = { operationId?: string; parameters?: { name: string; in: string; schema?: Record<string, unknown> }[]; responses: Record<string, { description: string; content?: unknown }> };

/**
 * Path parameters read through ParseUUIDPipe are documented from the routes themselves, so no controller can
 * forget it: the parameter gets `format: uuid`, and the operation lists the 400 the pipe answers.
 */
export function documentUuidParams(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const uuidParams = new Map<string, Set<string>>(); // operationId → names of UUID path params
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args: Record<string, { data?: unknown; pipes?: unknown[] }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
        for (const [key, arg] of Object.entries(args)) {
          if (Number(key.split(':')[0]) !== RouteParamtypes.PARAM || typeof arg.data !== 'string') continue;
          if (!(arg.pipes ?? []).some((p) => p === ParseUUIDPipe || p instanceof ParseUUIDPipe)) continue;
          const id = `${controller.name}_${method}`;
          uuidParams.set(id, (uuidParams.get(id) ?? new Set()).add(arg.data));
        }
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as Operation[]) {
      const names = op?.operationId ? uuidParams.get(op.operationId) : undefined;
      if (!names) continue;
      for (const p of op.parameters ?? []) if (p.in === 'path' && names.has(p.name)) p.schema = { ...p.schema, type: 'string', format: 'uuid' };
      const note = `${UUID_PARAM_ERROR_CODE} (a path id is not a UUID)`;
      const existing = op.responses['400'];
      if (!existing) op.responses['400'] = { description: `Error codes: ${note}`, content: ERROR_CONTENT };
      else if (!existing.description.includes(UUID_PARAM_ERROR_CODE)) existing.description += `, ${note}`;
    }
  }
  return document;
}
