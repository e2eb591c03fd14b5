import { Injectable } from '@nestjs/common';
import { cleanFilename, readUpload } from '../platform/http/uploads';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { stateOf } from '../guidelines/workflow/workflow-rules';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { DocumentStore } from '../platform/documents/document-store';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../platform/errors/domain-error';
import { sniffMediaType } from './domain/media-type';
import type { Problem } from './domain/problem';
import { Attachment, InformationRequest } from './entities';

export interface Upload {
  type: string;
  informationRequestId?: string;
  filename: string;
  stream: Readable;
}

/** Files the guideline asks for: size-limited, their content type read from their bytes, stored by SHA-256. */
@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly workflow: WorkflowService,
    private readonly documents: DocumentStore,
    private readonly audit: AuditService,
  ) {}

  async upload(actor: Actor, caseId: string, upload: Upload) {
    const found = await this.workflow.getCase(actor, caseId);
    const { definition } = await this.guidelines.version(found.guidelineVersionId);
    const type = definition.attachmentTypes.find((t) => t.code === upload.type);
    if (!type) {
      upload.stream.resume();
      throw new ValidationError('ATTACHMENT_TYPE_UNKNOWN', `This guideline has no attachment type "${upload.type ?? ''}".`, {
        field: 'type',
        allowed: definition.attachmentTypes.map((t) => t.code),
      });
    }
    const state = stateOf(definition, found.state);
    if (state?.editable !== type.stage) {
      upload.stream.resume();
      throw new ConflictError('PROPOSAL_NOT_EDITABLE', `Files of type "${type.label}" cannot be added while the case is "${state?.label ?? found.state}".`);
    }
    const data = await readUpload(upload.stream, type.maxBytes, 'ATTACHMENT_TOO_LARGE', 'this type');
    const mediaType = sniffMediaType(data);
    if (!mediaType || !type.mediaTypes.includes(mediaType)) {
      throw new DomainError(
        'unsupported_media_type',
        'ATTACHMENT_CONTENT_NOT_ALLOWED',
        `The file's content is ${mediaType ?? 'of an unknown type'}; "${type.label}" accepts ${type.mediaTypes.join(', ')}.`,
        { detected: mediaType, allowed: type.mediaTypes },
      );
    }
    return this.dataSource.transaction(async (em) => {
      // The case row stays locked until the file is recorded, so no upload commits after a submission's checks,
      // and the state read before the upload is checked again under the lock.
      const locked = await lockCase(em, this.workflow, actor, caseId);
      const now = stateOf(definition, locked.state);
      if (now?.editable !== type.stage) {
        throw new ConflictError('PROPOSAL_NOT_EDITABLE', `Files of type "${type.label}" cannot be added while the case is "${now?.label ?? locked.state}".`);
      }
      if (upload.informationRequestId) {
        const open = await em.findOneBy(InformationRequest, { id: upload.informationRequestId, caseId, answeredAt: IsNull() });
        if (!open) throw new NotFoundError('The open information request', 'INFORMATION_REQUEST_NOT_FOUND');
      }
      const sha256 = await this.documents.put(data, mediaType, em);
      const attachment = await em.save(
        em.create(Attachment, {
          caseId,
          stage: type.stage,
          type: type.code,
          filename: cleanFilename(upload.filename, 'datei'),
          mediaType,
          sizeBytes: data.length,
          sha256,
          informationRequestId: upload.informationRequestId ?? null,
          uploadedBy: actor.id,
        }),
      );
      await this.audit.append(em, { actorId: actor.id, action: 'attachment.added', entityType: 'case', entityId: caseId, data: { type: type.code, sha256 } });
      return toView(attachment);
    });
  }

  async list(actor: Actor, caseId: string) {
    await this.workflow.getCase(actor, caseId);
    const rows = await this.dataSource.getRepository(Attachment).find({ where: { caseId, removedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return rows.map(toView);
  }

  async content(actor: Actor, caseId: string, attachmentId: string) {
    await this.workflow.getCase(actor, caseId);
    const attachment = await this.dataSource.getRepository(Attachment).findOneBy({ id: attachmentId, caseId, removedAt: IsNull() });
    if (!attachment) throw new NotFoundError('The attachment', 'ATTACHMENT_NOT_FOUND');
    const { data } = await this.documents.get(attachment.sha256);
    return { filename: attachment.filename, mediaType: attachment.mediaType, data };
  }

  async remove(actor: Actor, caseId: string, attachmentId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const found = await lockCase(em, this.workflow, actor, caseId);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      const attachment = await em.findOneBy(Attachment, { id: attachmentId, caseId, removedAt: IsNull() });
      if (!attachment) throw new NotFoundError('The attachment', 'ATTACHMENT_NOT_FOUND');
      const state = stateOf(definition, found.state);
      if (state?.editable !== attachment.stage) throw new ConflictError('PROPOSAL_NOT_EDITABLE', 'This attachment belongs to a submitted part and cannot be removed.');
      // Kept, only marked: the file was part of the record once.
      await em.update(Attachment, { id: attachmentId }, { removedAt: new Date() });
      await this.audit.append(em, { actorId: actor.id, action: 'attachment.removed', entityType: 'case', entityId: caseId, data: { attachmentId } });
    });
  }

  /** Required types of a stage that have no file yet. */
  async missingRequired(em: EntityManager, def: GuidelineDefinition, caseId: string, stage: string): Promise<Problem[]> {
    const present = new Set(
      (await em.query('SELECT DISTINCT type FROM attachments WHERE case_id = $1 AND removed_at IS NULL', [caseId])).map((r: { type: string }) => r.type),
    );
    return def.attachmentTypes
      .filter((t) => t.stage === stage && t.required && !present.has(t.code))
      .map((t) => ({ code: 'ATTACHMENT_MISSING', field: `attachments.${t.code}`, message: `Attach: ${t.label}.` }));
  }
}

/** Loads the case for this actor with its row locked (SELECT … FOR UPDATE) until the transaction ends. */
export async function lockCase(em: EntityManager, workflow: WorkflowService, actor: Actor, caseId: string) {
  return workflow.getCase(actor, caseId, em, true);
}


function toView(a: Attachment) {
  return {
    id: a.id,
    type: a.type,
    stage: a.stage,
    filename: a.filename,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    informationRequestId: a.informationRequestId,
    createdAt: a.createdAt,
  };
}
